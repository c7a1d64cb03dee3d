// The dependency rule of src/ (.dependency-cruiser.cjs: layers, no cycles) as part of `npm test`.
// A test rather than a step before vitest, so that a violation fails `npm test` with the
// violations printed while every other test still runs and reports. The arguments are those
// of `npm run lint:deps`, read from package.json so the two cannot drift apart.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

it('the rule has teeth: an upward import and a cycle in a scratch tree are both reported', () => {
  const tree = mkdtempSync(join(tmpdir(), 'rlaif-deps-'));
  try {
    const put = (path: string, text: string) => {
      mkdirSync(join(tree, dirname(path)), { recursive: true });
      writeFileSync(join(tree, path), text);
    };
    put('src/theorems/types.ts', 'export type T = number;\n');
    put('src/arbitraries/bad.ts', "import type { T } from '../theorems/types.ts';\nexport const x: T = 1;\n");
    put('src/cli/a.ts', "import { b } from './b.ts';\nexport const a = () => b;\n");
    put('src/cli/b.ts', "import { a } from './a.ts';\nexport const b = () => a;\n");
    put('tsconfig.json', JSON.stringify({ compilerOptions: { allowImportingTsExtensions: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext' } }));
    const r = spawnSync(process.execPath, [DEPCRUISE, 'src', '--config', join(ROOT, '.dependency-cruiser.cjs'), '--no-progress'], { cwd: tree, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stdout + r.stderr).not.toBe(0);
    expect(r.stdout).toMatch(/layer-arbitraries: src\/arbitraries\/bad\.ts → src\/theorems\/types\.ts/);
    expect(r.stdout).toMatch(/no-circular: src\/cli\/(a|b)\.ts →/);
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
});
