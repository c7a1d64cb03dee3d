// `necessity --jobs 2` spreads the analysis over worker threads; it must give exactly what
// `--jobs 1` (the analysis in one thread) gives: the same rows in necessity.json and
// NECESSITY.md, the same witness files with the same contents. Each run gets its own scratch
// store, seeded with the committed witnesses of the selected parts (so the fallback to a stored
// witness is exercised as well as fresh hunts, the full-tags failure of a declared part, and
// pairs both hunted and implied). The two stores sit at the same depth under folders named
// alike, because rows name witness files relative to the store's parent.
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scratchRoot } from '../support/scratch.ts';
import { cli } from './run.ts';

const COMMITTED = fileURLToPath(new URL('../../counterexamples', import.meta.url));
const PARTS = ['T1', 'T2.c', 'T3.b', 'T4.d', 'T4.b-as-first-stated'];

const scratch = scratchRoot('jobs');

function scratchStore(name: string): string {
  const store = join(scratch.sub(name), 'counterexamples');
  mkdirSync(store);
  for (const id of PARTS) cpSync(join(COMMITTED, id), join(store, id), { recursive: true });
  return store;
}

/** Every file of a store, by path relative to it; `foundAt` (the wall-clock time of a find) removed. */
function contents(store: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(store, p)] = readFileSync(p, 'utf8').replace(/^ {2}"foundAt": ".*",\n/m, '');
    }
  };
  walk(store);
  return out;
}

describe('necessity --jobs', () => {
  it('--jobs 2 writes the rows and witnesses of --jobs 1', () => {
    const runs = ['1', '2'].map((jobs) => {
      const store = scratchStore(`j${jobs}`);
      const r = cli(['necessity', ...PARTS, '--pairs', '--rehunt', '--seeds', '2', '--jobs', jobs, '--store', store]);
      expect(r.status, r.stderr).toBe(0);
      // Timings differ, and so do the two scratch folders' names where a line says where it wrote.
      return { store, stderr: r.stderr.replace(/ \(\d+\.\d+ s\)$/gm, '').replace(/\bj[12]-[A-Za-z0-9]{6}\b/g, 'jN') };
    });
    const [one, two] = runs.map((r) => contents(r.store));
    expect(Object.keys(two)).toEqual(Object.keys(one));
    expect(two).toEqual(one);
    // Something was hunted and stored afresh, not only copied from the committed store.
    const rows = JSON.parse(one['necessity.json']).rows as { verdict: string; witness?: { source: string } }[];
    expect(rows.some((r) => r.witness?.source === 'hunt')).toBe(true);
    expect(rows.some((r) => r.verdict === 'implied')).toBe(true);
    // The progress lines come in table order either way.
    expect(runs[1].stderr).toBe(runs[0].stderr);
  });

  it('refuses a --jobs that is not a whole number of at least 1', () => {
    const r = cli(['necessity', 'T1', '--jobs', '0', '--no-write']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--jobs: must be between 1 and/);
  });
});
