// The consumer example (examples/consumer/) as part of `npm test`: a separate package that
// depends on rlaif-props by name, defines a theorem part of its own and checks it with the
// library's checkPart. It must import the *built* package (dist/, through "exports"), which is
// what shows that the public API (src/index.ts) is enough to write and run a theorem.
//
// No network: instead of `npm install` in the example, this makes what installing its
// `file:../..` dependency makes, a link node_modules/rlaif-props → the repository root; vitest,
// fast-check and typescript then resolve from the repository's node_modules up the tree.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONSUMER = join(ROOT, 'examples', 'consumer');
const LINK = join(CONSUMER, 'node_modules', 'rlaif-props');
const bin = (path: string) => join(ROOT, 'node_modules', path);

/** The environment without the parent vitest's own variables (the child is a run of its own). */
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV' && k !== 'TEST'));

const run = (args: string[]) => spawnSync(process.execPath, args, { cwd: CONSUMER, env, encoding: 'utf8', timeout: 240_000 });

describe('examples/consumer: rlaif-props used as a library', () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is not built: run `npm run build` (npm test does)');
    mkdirSync(join(CONSUMER, 'node_modules'), { recursive: true });
    const target = relative(join(CONSUMER, 'node_modules'), ROOT);
    let current: string | undefined;
    try {
      current = lstatSync(LINK).isSymbolicLink() ? readlinkSync(LINK) : 'not a link';
    } catch {
      current = undefined;
    }
    if (current !== target) {
      if (current !== undefined) rmSync(LINK, { recursive: true, force: true });
      symlinkSync(target, LINK, 'dir');
    }
  });

  it('type-checks against the published declarations (dist/index.d.ts)', () => {
    const r = run([bin('typescript/bin/tsc'), '-p', 'tsconfig.json']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it("its own vitest run passes: the theorem holds, checked with the library's checkPart", () => {
    const r = run([bin('vitest/vitest.mjs'), 'run']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/CS: holds on 300 runs; \d+\/300 draws met the precondition/);
  });
});
