#!/usr/bin/env -S -u NODE_EXTRA_CA_CERTS node
// Entry point of the `rlaif-props` command. It runs the compiled JavaScript in dist/ (built
// by `npm run build`, which `npm ci`/`npm install` run through `prepare` and `npm test` runs
// first), so no TypeScript loader is needed at run time.
//
// Two choices here are about start-up time, whose floor is node's own start (75 ms on this
// 2-core machine; README, "Speed"):
// - The shebang drops NODE_EXTRA_CA_CERTS. Node 20 reads and parses that certificate bundle
//   eagerly, before any script runs (40 ms of every start on a machine whose bundle has a few
//   hundred certificates), and the suite opens no TLS connection, nor does anything it starts.
//   Run as `node bin/rlaif-props.cjs …` the variable is kept: only the start is slower.
// - This file is CommonJS. An ES module entry starts node's ES module loader (12 ms) before the
//   first line runs; `--version` and a plain `list` are answered without it, from package.json
//   and the build's catalogue, and every other command loads the ES modules of dist/.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const argv = process.argv.slice(2);
// write(2) on descriptor 1, as every command run by this bin writes (src/cli/write-stdout.cts).
const { writeStdout: print } = require('../dist/cli/write-stdout.cjs');

/** `--version` and a plain `list`, when they can be answered without the ES modules; else false. */
function answerEarly() {
  if (argv.length !== 1) return false;
  if (argv[0] === '--version') {
    // What src/version.ts reads too: the version is package.json's.
    print(`${JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version}\n`);
    return true;
  }
  if (argv[0] === 'list') {
    // The build's catalogue, while its stamp matches the build (src/theorems/catalogue-stamp.cts);
    // when it is stale or missing, `list` in dist/cli/list.js decides (the content hash, then
    // the registry itself).
    const dist = join(__dirname, '..', 'dist') + '/';
    let cat;
    try {
      cat = JSON.parse(readFileSync(`${dist}catalogue.json`, 'utf8'));
    } catch {
      return false;
    }
    const { listText, sameStamp, stamp } = require('../dist/theorems/catalogue-stamp.cjs');
    if (!sameStamp(cat.stamp, stamp(dist))) return false;
    print(listText(cat.families.flatMap((f) => f.parts)));
    return true;
  }
  return false;
}

async function run() {
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
  if (!LIGHT.has(argv[0]) && process.versions.v8.startsWith('11.')) require('node:v8').setFlagsFromString('--interrupt-budget=540672');

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
  process.exitCode = await main(argv, { directStdout: true });
}

if (!answerEarly()) run();
