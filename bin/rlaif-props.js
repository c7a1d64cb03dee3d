#!/usr/bin/env node
// Entry point of the `rlaif-props` command. The sources are TypeScript and are run
// through tsx's loader, so the CLI and the test suite always execute the same code
// (no stale build output can disagree with what `npm test` checked).
import { register } from 'tsx/esm/api';

register();
// `rlaif-props list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
