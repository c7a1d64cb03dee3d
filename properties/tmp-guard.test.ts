// `npm test` leaves no temporary folders behind: the run gets a private TMPDIR
// (properties/support/tmp-guard.ts, vitest's globalSetup) and fails, naming what was left, if
// anything remains in it. Shown here on a tiny project of two test files, one tidy and one
// that leaks, each run by vitest in a child process with the guard installed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { leftovers } from './support/tmp-guard.ts';
import { scratchRoot } from './support/scratch.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const tmp = scratchRoot('tmp-guard');

function project(testBody: string): { dir: string; outer: string } {
  const dir = tmp.sub('project');
  const outer = tmp.sub('outer-tmp');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(
    join(dir, 'vitest.config.mjs'),
    `export default { test: { include: ['*.test.mjs'], globalSetup: [${JSON.stringify(join(ROOT, 'properties/support/tmp-guard.ts'))}] } };\n`,
  );
  writeFileSync(
    join(dir, 'a.test.mjs'),
    `import { mkdtempSync } from 'node:fs';\nimport { tmpdir } from 'node:os';\nimport { join } from 'node:path';\nimport { it } from 'vitest';\nit('x', () => { ${testBody} });\n`,
  );
  return { dir, outer };
}

const vitest = (dir: string, outer: string) =>
  spawnSync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--root', dir], {
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: outer, NO_COLOR: '1' },
    timeout: 60_000,
  });

describe('the temporary-folder guard', () => {
  it('names what was left', () => {
    const dir = tmp.sub('leftovers');
    expect(leftovers(dir)).toBeUndefined();
    mkdirSync(join(dir, 'rlaif-x-123'));
    expect(leftovers(dir)).toMatch(/left 1 temporary entry behind .*: rlaif-x-123; make scratch folders with scratchRoot\(\)/);
  });

  it('a run that leaves a folder behind fails, naming it; a tidy run passes; neither leaves anything', () => {
    const leaky = project("mkdtempSync(join(tmpdir(), 'rlaif-leak-'));");
    const r = vitest(leaky.dir, leaky.outer);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/left 1 temporary entry behind in the temporary directory: rlaif-leak-\w+/);
    expect(readdirSync(leaky.outer)).toEqual([]);

    const tidy = project('');
    const ok = vitest(tidy.dir, tidy.outer);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(readdirSync(tidy.outer)).toEqual([]);
  });
});
