#!/usr/bin/env node
// `npm start` (after the build): the necessity table, then the HTML report, whose path is
// printed last. The report is written even when the table shows a problem (it is how one looks
// at the problem), and the exit status stays the table's: 0 only when the claims came out as
// declared; a report that cannot be written makes it non-zero too.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/rlaif-props.cjs', import.meta.url));
const run = (args) => spawnSync(process.execPath, [BIN, ...args], { stdio: 'inherit' }).status ?? 3;

const necessity = run(['necessity', '--no-write', ...process.argv.slice(2)]);
const report = run(['report']);
process.exit(necessity !== 0 ? necessity : report);
