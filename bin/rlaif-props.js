#!/usr/bin/env node
// Entry point of the `rlaif-props` command. It runs the compiled JavaScript in dist/ (built
// by `npm run build`, which `npm ci`/`npm install` run through `prepare` and `npm test` runs
// first), so no TypeScript loader is needed at run time.
// `rlaif-props list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
