// `rlaif-props prune`: stored witnesses that no longer replay or that a simpler witness of the
// same part and dropped tags supersedes are listed with their reason, and removed with --apply
// (the store's one removal path), except those the necessity table or an expected outcome names.
import { existsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPrunable } from '../../src/runner/prune.ts';
import { listFiles, MemoryStore, retire, save, type Counterexample } from '../../src/runner/store.ts';
import { evaluatePart } from '../../src/theorems/evaluate.ts';
import { loadRegistry } from '../../src/theorems/registry.ts';
import { tagsInForce } from '../../src/theorems/tags.ts';
import { mainCaptured } from '../hostile/run.ts';
import { counterexampleRecord } from '../support/records.ts';
import { scratchRoot } from '../support/scratch.ts';

const registry = await loadRegistry();
const tmp = scratchRoot('prune');
const T2c = registry.getPart('T2.c');

/** A T2.c −converged witness of `instance`, with the margin it really has (so that it replays). */
function witness(instance: Record<string, unknown>): Counterexample {
  const v = evaluatePart(T2c, instance, tagsInForce(T2c, ['converged']));
  expect(v.margin).toBeLessThan(-v.tol);
  return counterexampleRecord({ instance, margin: v.margin, tol: v.tol, dimension: (instance.vStar as number[]).length });
}

const simplest = witness({ vStar: [1, 0], g: [-1, 1], w: [0, -1], beta: 1 });
const wider = witness({ vStar: [1, 0, 0], g: [-1, 1, 0], w: [0, -1, 0], beta: 1 });
const fractional = witness({ vStar: [1, 0], g: [-1, 1], w: [0, -1], beta: 1.5 });
const drifted = counterexampleRecord({ instance: { vStar: [1, 0], g: [-1, 1], w: [0, -1], beta: 2 }, margin: -5 });

describe('prune', () => {
  it('lists stale and superseded witnesses with their reasons, keeps referenced ones, and --apply removes the rest', async () => {
    const store = tmp.sub('store');
    const [a, b, c, d] = [simplest, wider, fractional, drifted].map((r) => save(r, store).file);
    // The table names the fractional witness: it is superseded, but must stay.
    writeFileSync(
      join(store, 'necessity.json'),
      JSON.stringify({ rows: [{ id: 'T2.c', dropped: ['converged'], verdict: 'load-bearing', witness: { file: relative(join(store, '..'), c), dimension: 2, margin: -1, tol: 0, source: 'hunt' }, budget: { runsPerSeed: 1, seeds: 1, runsSpent: 1 } }] }),
    );
    const listed = await mainCaptured(['prune', '--store', store]);
    expect(listed.status, listed.stderr).toBe(1);
    const line = (f: string) => listed.stdout.split('\n').find((l) => l.startsWith(relative(process.cwd(), f))) ?? '';
    expect(line(b)).toMatch(new RegExp(`superseded by the simpler .*${a.split('/').at(-1)} \\(d = 2, number complexity \\d+ against d = 3,`));
    expect(line(c)).toMatch(/superseded by the simpler .* — KEPT: named by the necessity table \(T2\.c −converged\)/);
    expect(line(d)).toMatch(/no longer replays: margin drifted from -5 to/);
    expect(line(a)).toBe('');
    expect(listed.stdout).toMatch(/2 witness\(es\) can go; 1 kept because .*; remove them with: npx rlaif-props prune --apply --store /);
    expect(listFiles(store)).toHaveLength(4); // listing removes nothing

    const applied = await mainCaptured(['prune', '--store', store, '--apply']);
    expect(applied.stdout).toMatch(/removed 2 witness\(es\); 1 kept/);
    expect(applied.status).toBe(1); // the kept one still wants attention
    expect(listFiles(store).sort()).toEqual([a, c].sort());
    expect(existsSync(join(store, 'necessity.json'))).toBe(true);
  });

  it('nothing to prune: exit 0; the committed store is clean', async () => {
    const store = tmp.sub('clean');
    save(simplest, store);
    const r = await mainCaptured(['prune', '--store', store]);
    expect(r.stdout).toBe('nothing to prune: every stored witness replays and none is superseded\n');
    expect(r.status).toBe(0);
    expect((await mainCaptured(['prune'])).status).toBe(0);
  });

  it('a witness of a part no longer registered is stale; an expected outcome keeps its witness', () => {
    const mem = new MemoryStore();
    const gone = mem.save({ ...simplest, theorem: 'Gone' }).file;
    const t4b = registry.getPart('T4.b');
    const entries = findPrunable(mem.loadAll(), registry.getPart, new Map([[gone, `${t4b.id}'s expected outcome`]]));
    expect(entries).toEqual([{ file: gone, kind: 'stale', reason: 'no part "Gone" is registered any more', keptBecause: "T4.b's expected outcome" }]);
  });

  it('retire removes records of its store only', () => {
    const store = tmp.sub('retire');
    const { file } = save(simplest, store);
    expect(() => retire(join(store, 'necessity.json'), store)).toThrow(/not a record of the store/);
    expect(() => retire(file, tmp.sub('other'))).toThrow(/not a record of the store/);
    retire(file, store);
    expect(listFiles(store)).toEqual([]);
    const mem = new MemoryStore();
    const m = mem.save(simplest).file;
    expect(() => mem.retire(`${m}x`)).toThrow(/not a record/);
    mem.retire(m);
    expect(mem.list()).toEqual([]);
  });

  it('bad input is one line, exit 2', async () => {
    for (const args of [['prune', 'T1'], ['prune', '--store', join(tmp.root, 'absent')]]) {
      const r = await mainCaptured(args);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
