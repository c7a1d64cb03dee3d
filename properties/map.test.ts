// Boundary maps (src/runner/map.ts, `rlaif-props map`, issue 11 points 2 and 4): the bracket is
// consistent (the same search finds no robust witness at its lower end, and the witness stored
// at its upper end replays as a robust violation meeting the tags in force), a map is a
// function of its seed, and bad flags are refused with a clear message and exit status 2
// before anything is written.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confirm, robustViolation } from '../src/runner/confirm.ts';
import { boundaryMap, normalisedMargin, phaseDiagram, randomSearch } from '../src/runner/map.ts';
import { guidedMapSearch } from '../src/runner/map-guided.ts';
import { load, MemoryStore } from '../src/runner/store.ts';
import { inForceAlong } from '../src/relaxation/index.ts';
import { evaluatePart } from '../src/theorems/evaluate.ts';
import { loadRegistry } from '../src/theorems/registry.ts';
import { tagsInForce, unmetTags } from '../src/theorems/tags.ts';
import { mainCaptured } from './hostile/run.ts';
import { scratchRoot } from './support/scratch.ts';

const registry = await loadRegistry();
const scratch = scratchRoot('map');
const OPTS = { grid: 5, budget: 25, seed: 7, bisections: 4 };

describe('boundary maps', () => {
  // Three paths of different kinds: pulled back (isotropic, converged), pushed away (non-conflicting).
  const cases = [
    ['T4.d', 'isotropic'],
    ['T2.c', 'converged'],
    ['T5.d', 'non-conflicting'],
  ] as const;

  it.each(cases)('%s %s: the bracket is consistent and the witness replays', (id, tag) => {
    const part = registry.getPart(id);
    const store = new MemoryStore();
    const m = boundaryMap(part, tag, { ...OPTS, store });
    expect(m.breakPoint, 'every one of these rows is load-bearing: the path must break').not.toBeNull();
    const [lo, hi] = m.bracket!;
    expect(lo).toBeLessThanOrEqual(hi);
    expect(hi).toBe(m.breakPoint);
    expect(hi - lo).toBeLessThanOrEqual(1 / (OPTS.grid - 1) / 2 ** OPTS.bisections + 1e-12);
    // Lower end: the same search (seed, budget) finds no robust witness there.
    const below = randomSearch(part, [{ tag, lambda: lo }], { seed: OPTS.seed, budget: OPTS.budget });
    const robustBelow = !!below.found && confirm(part, below.found.instance, inForceAlong(part, [{ tag, lambda: lo }]), 4).reproduces;
    expect(robustBelow).toBe(false);
    // Upper end: the stored witness is a robust violation with only the tag dropped.
    const [file] = store.list();
    expect(m.witness).toBe(file);
    const record = store.load(file);
    expect(record.dropped).toEqual(hi > 0 ? [tag] : []);
    const v = evaluatePart(part, record.instance, tagsInForce(part, record.dropped));
    expect(robustViolation(v)).toBe(true);
    expect(unmetTags(part, record.instance, tagsInForce(part, record.dropped))).toEqual([]);
    // Below λ* the worst margin never has a robust witness; from the grid point at or above λ* on, the map says so.
    for (const p of m.points) if (p.lambda < lo) expect(p.robust).toBe(false);
  });

  it('with the guided search: the bracket is consistent and the map is a function of its seed', () => {
    const part = registry.getPart('T2.c');
    const opts = { ...OPTS, search: guidedMapSearch, searchName: 'guided' };
    const a = boundaryMap(part, 'converged', { ...opts, store: new MemoryStore() });
    const b = boundaryMap(part, 'converged', { ...opts, store: new MemoryStore() });
    const strip = (m: typeof a) => ({ ...m, witness: m.witness?.replace(/^memory:\d+/, '') });
    expect(strip(a)).toEqual(strip(b));
    expect(a.search).toBe('guided');
    expect(a.breakPoint).not.toBeNull();
    const [lo, hi] = a.bracket!;
    const below = guidedMapSearch(part, [{ tag: 'converged', lambda: lo }], { seed: OPTS.seed, budget: OPTS.budget });
    expect(!!below.found && confirm(part, below.found.instance, inForceAlong(part, [{ tag: 'converged', lambda: lo }]), 4).reproduces).toBe(false);
    const above = guidedMapSearch(part, [{ tag: 'converged', lambda: hi }], { seed: OPTS.seed, budget: OPTS.budget });
    expect(above.found && robustViolation(evaluatePart(part, above.found.instance, inForceAlong(part, [{ tag: 'converged', lambda: hi }])))).toBe(true);
    // The guided moves keep the path's own field (β) as one of the λ-generator's draws had it.
    expect(above.found!.instance).toHaveProperty('beta');
  });

  it('a map is a function of its seed', () => {
    const part = registry.getPart('T4.e');
    const a = boundaryMap(part, 'orthogonal-latents', { ...OPTS, store: new MemoryStore() });
    const b = boundaryMap(part, 'orthogonal-latents', { ...OPTS, store: new MemoryStore() });
    const strip = (m: typeof a) => ({ ...m, witness: m.witness?.replace(/^memory:\d+/, '') });
    expect(strip(a)).toEqual(strip(b));
    const c = boundaryMap(part, 'orthogonal-latents', { ...OPTS, seed: 8, store: new MemoryStore() });
    // Another seed draws other instances (the worst margins differ somewhere).
    expect(c.points.map((p) => p.worstMargin)).not.toEqual(a.points.map((p) => p.worstMargin));
  });

  it('the normalised margin: beyond the tolerance, over the quantities (counts left out)', () => {
    const v = { margin: -0.5, tol: 0.1, pre: true, holds: false, quantities: { a: 2, samples: 40_000 } };
    expect(normalisedMargin(v)).toBe(-0.2);
    // Within a wide Monte Carlo tolerance: no evidence, 0.
    expect(normalisedMargin({ ...v, tol: 1.5, holds: true })).toBe(0);
    expect(normalisedMargin({ ...v, margin: 0.5 })).toBe(0.25);
  });

  it('a phase diagram covers the grid and stores the witness nearest the origin', () => {
    const part = registry.getPart('T3.b');
    const store = new MemoryStore();
    const p = phaseDiagram(part, ['gaussian-latents', 'linear-judge'], { grid: 3, budget: 8, seed: 3, store });
    expect(p.grid.length).toBe(9);
    // At (0, 0) both tags hold: T3.b is a theorem there.
    expect(p.grid.find((c) => c.x === 0 && c.y === 0)!.robust).toBe(false);
    if (p.witnessAt) {
      const robust = p.grid.filter((c) => c.robust);
      expect(Math.min(...robust.map((c) => c.x + c.y))).toBe(p.witnessAt.x + p.witnessAt.y);
      expect(store.list()).toHaveLength(1);
    }
  });
});

describe('rlaif-props map', () => {
  const bad: [string, string[], RegExp][] = [
    ['unknown tag', ['T4.d', '--tag', 'no-such-tag'], /unknown tag "no-such-tag"/],
    ['a tag the part does not have', ['T4.d', '--tag', 'nested'], /T4.d has no tag "nested"/],
    ['grid < 2', ['T4.d', '--tag', 'isotropic', '--grid', '1'], /--grid: must be between 2/],
    ['non-numeric budget', ['T4.d', '--tag', 'isotropic', '--budget', 'lots'], /--budget: expected a whole number/],
    ['unknown part', ['T99', '--tag', 'isotropic'], /T99/],
    ['no tag', ['T4.d'], /give one --tag/],
    ['three tags', ['T3.b', '--tag', 'linear-value', '--tag', 'gaussian-latents', '--tag', 'linear-judge'], /give one --tag/],
    ['a variant tag without a path', ['R1n', '--tag', 'large-sample'], /no relaxation path/],
    ['an unknown search', ['T4.d', '--tag', 'isotropic', '--search', 'clever'], /--search: expected random or guided/],
  ];
  it.each(bad)('%s: exit 2, a clear message, nothing written', async (_, args, message) => {
    const out = scratch.sub('bad');
    const r = await mainCaptured(['map', ...args, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(readdirSync(out)).toEqual([]);
  });

  it('writes the map, its chart and its witness', async () => {
    const out = scratch.sub('ok');
    const r = await mainCaptured(['map', 'T4.d', '--tag', 'isotropic', '--grid', '3', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/T4.d isotropic: λ\* = [\d.]+, bracket \[/);
    const m = JSON.parse(readFileSync(join(out, 'T4.d', 'isotropic.json'), 'utf8'));
    expect(m.vegaLite.$schema).toMatch(/vega-lite/);
    expect(readFileSync(join(out, 'T4.d', 'isotropic.svg'), 'utf8')).toMatch(/^<svg/);
    expect(existsSync(join(out, 'T4.d', m.witness))).toBe(true);
  });
});

describe('the committed maps (counterexamples/maps/, written by scripts/maps.mjs)', () => {
  const dir = new URL('../counterexamples/maps/', import.meta.url).pathname;
  const files = existsSync(dir)
    ? readdirSync(dir).flatMap((p) => readdirSync(join(dir, p)).filter((f) => f.endsWith('.json')).map((f) => join(dir, p, f)))
    : [];

  it('every load-bearing row of the necessity table has its map or phase diagram', async () => {
    const { readMapIndex, rowKey } = await import('../src/runner/map-index.ts');
    const { readRows } = await import('../src/runner/necessity-file.ts');
    const index = readMapIndex(dir);
    const rows = readRows(new URL('../counterexamples/necessity.json', import.meta.url).pathname);
    const wanted = rows.filter((r) => r.verdict === 'load-bearing' && r.dropped.every((t) => t !== 'large-sample'));
    expect(wanted.length).toBeGreaterThan(0);
    for (const r of wanted) expect(index.has(rowKey(r.id, r.dropped)), `${r.id} ${r.dropped.join('+')}`).toBe(true);
  });

  it.each(files.map((f) => [f.slice(dir.length), f] as const))('%s: its witness replays as a robust violation of its part', (_, file) => {
    const m = JSON.parse(readFileSync(file, 'utf8'));
    const part = registry.getPart(m.part);
    if (m.points) {
      expect(m.breakPoint === null ? m.bracket : m.bracket[1]).toBe(m.breakPoint);
      if (m.breakPoint === null) return;
    } else if (m.witness === null) return;
    const w = load(join(file, '..', m.witness));
    expect(w.theorem).toBe(m.part);
    const v = evaluatePart(part, w.instance, tagsInForce(part, w.dropped));
    expect(robustViolation(v), JSON.stringify(v)).toBe(true);
  });
});
