// The dependency rule of src/ (.dependency-cruiser.cjs: layers, no cycles) as part of `npm test`.
// A test rather than a step before vitest, so that a violation fails `npm test` with the
// violations printed while every other test still runs and reports. The arguments are those
// of `npm run lint:deps`, read from package.json so the two cannot drift apart.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEPCRUISE = fileURLToPath(new URL('../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url));

it('src/ keeps its layers and has no import cycles (npm run lint:deps)', () => {
  const script: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts['lint:deps'];
  const [command, ...args] = script.split(/\s+/);
  expect(command).toBe('depcruise');
  const r = spawnSync(process.execPath, [DEPCRUISE, ...args, '--no-progress'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stdout + r.stderr).toBe(0);
});
