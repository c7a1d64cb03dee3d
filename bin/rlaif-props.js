#!/usr/bin/env node
// Entry point of the `rlaif-props` command. It runs the compiled JavaScript in dist/ (built
// by `npm run build`, which `npm ci`/`npm install` run through `prepare` and `npm test` runs
// first), so no TypeScript loader is needed at run time.
import { writeSync } from 'node:fs';

// `--version` is what scripts call to see which suite they have: answered from the one module
// that knows it, before the command dispatcher and its modules load (src/cli/main.ts answers the
// same for callers in process).
if (process.argv[2] === '--version' && process.argv.length === 3) {
  const { VERSION } = await import('../dist/version.js');
  try {
    writeSync(1, `${VERSION}\n`);
  } catch (e) {
    if (e.code !== 'EPIPE') throw e; // a reader gone already (`rlaif-props --version | true`)
  }
  process.exit(0);
}

// Most commands are short (evaluate, a hunt of a fraction of a second), and for them V8's
// optimizing compiler costs more than it gains: it compiles a hundred functions that have
// barely run, on a second core that a 2-core machine has to spare only when idle. Eight times
// V8's default interrupt budget (the bytecode a function runs before it is considered for
// optimization) halves the CPU of `hunt T2.c --drop converged` (cold process, busy 2-core
// machine), while long runs still optimize their hot loops within milliseconds (a 10 s
// `check` is no slower). Set before the suite is loaded, so every function gets it; only on
// V8 11 (node 20), where it is measured (an unknown flag would print an error); and not for
// the answers that evaluate nothing (--version, list, help), whose start would pay the few ms
// node:v8 takes to load.
const LIGHT = new Set([undefined, '--version', 'list', '--help', '-h', 'help']);
if (!LIGHT.has(process.argv[2]) && process.versions.v8.startsWith('11.')) (await import('node:v8')).setFlagsFromString('--interrupt-budget=540672');

// `rlaif-props list | head` closes the pipe early: that is not an error. process.stdout is made
// only when a command writes through it (list, --version and the usage write with write(2):
// making the stream for a pipe costs a few ms of their start, src/cli/io.ts), so the handler is
// attached when it is first made.
const onError = (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
};
const stdout = Object.getOwnPropertyDescriptor(process, 'stdout');
if (typeof stdout?.get === 'function' && stdout.configurable) {
  Object.defineProperty(process, 'stdout', {
    configurable: true,
    enumerable: stdout.enumerable,
    get() {
      const stream = stdout.get.call(process);
      Object.defineProperty(process, 'stdout', { configurable: true, enumerable: stdout.enumerable, get: () => stream });
      stream.on('error', onError);
      return stream;
    },
  });
} else process.stdout.on('error', onError);
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2), { directStdout: true });
