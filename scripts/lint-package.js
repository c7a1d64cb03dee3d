#!/usr/bin/env node
// `npm run lint:package`: pack the package as it would be published (without running
// `prepare` again: the build is done first by the npm script) and check the tarball with
// publint and Are The Types Wrong (ESM-only profile: the package has no CommonJS entry).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// The tools from this repository's node_modules, whoever runs the script (npm, vitest, a shell).
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT }).status ?? 1;
const dir = mkdtempSync(join(tmpdir(), 'rlaif-props-pack-'));
let status = 1;
try {
  if (run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir]) === 0) {
    const tgz = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz')));
    const publint = run(bin('publint'), ['run', '--strict', tgz]);
    const attw = run(bin('attw'), ['--profile', 'esm-only', tgz]);
    status = publint || attw;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = status;
