// Degenerate witnesses (issue 10 point 5): the label needs both a zero THEORY reads by
// convention and a violation that relies on it (lifting the zero a little ends it). Checked on
// constructed instances of real parts, each half able to fail on its own.
import { describe, expect, it } from 'vitest';
import { conventionSites, degeneracy, hasConventionSite } from '../../src/runner/degenerate.ts';
import { evaluatePart } from '../../src/theorems/evaluate.ts';
import { loadRegistry } from '../../src/theorems/registry.ts';
import { tagsInForce } from '../../src/theorems/tags.ts';

const { getPart } = await loadRegistry();

/** The instance violates the part with `dropped` removed (so the label is about a witness). */
const violates = (id: string, dropped: string[], inst: Record<string, unknown>) => !evaluatePart(getPart(id), inst, tagsInForce(getPart(id), dropped)).holds;

describe('degenerate: a zero by convention that the violation relies on', () => {
  it('T2.a −linear-value with a zero readout w = 0: degenerate (alignment 0 by convention)', () => {
    const inst = { vStar: [1], g: [-1], w: [0], f: { kind: 'square' } };
    expect(violates('T2.a', ['linear-value'], inst)).toBe(true);
    const d = degeneracy(getPart('T2.a'), ['linear-value'], inst);
    expect(d.degenerate).toBe(true);
    expect(d.reasons.join()).toMatch(/^w = 0/);
  });

  it('T2.a −linear-value with w ≠ 0: no convention site, not degenerate', () => {
    const inst = { vStar: [-1], g: [1], w: [-1], f: { kind: 'abs' } };
    expect(violates('T2.a', ['linear-value'], inst)).toBe(true);
    expect(conventionSites(inst)).toEqual([]);
    expect(degeneracy(getPart('T2.a'), ['linear-value'], inst).degenerate).toBe(false);
  });

  it('a zero the violation does not rely on is no label: T3.b-equality −linear-value, w = 0 with f = abs (any linear judge has correlation 0)', () => {
    const inst = { Phi: [[1]], wStar: [1], sigma: 0, w: [0], f: { kind: 'abs' } };
    expect(violates('T3.b-equality', ['linear-value'], inst)).toBe(true);
    expect(hasConventionSite(inst)).toBe(true); // the zero is there …
    expect(degeneracy(getPart('T3.b-equality'), ['linear-value'], inst).degenerate).toBe(false); // … and not relied on
  });

  it('a zero representation: T3s.a −nested with PhiLarge = 0 and no noise is degenerate; a PhiLarge that misses the value is not', () => {
    const zero = { Phi: [[1]], wStar: [1], sigma: 0, PhiLarge: [[0], [0]] };
    expect(degeneracy(getPart('T3s.a'), ['nested'], zero)).toMatchObject({ degenerate: true, reasons: [expect.stringMatching(/^PhiLarge = 0/)] });
    const missing = { Phi: [[1, 0]], wStar: [1, 0], sigma: 0, PhiLarge: [[0, 0], [0, 1]] };
    expect(violates('T3s.a', ['nested'], missing)).toBe(true);
    expect(degeneracy(getPart('T3s.a'), ['nested'], missing).degenerate).toBe(false);
  });

  it('derived zeros: a readout Σ α_k ℓ_k = 0 (T4.e) and a judge u_c = P_c w = 0 with w ≠ 0', () => {
    const t4e = { vStar: [-1], latentDirections: [[1], [1]], alpha: [1, -1] };
    expect(degeneracy(getPart('T4.e'), ['orthogonal-latents'], t4e)).toMatchObject({ degenerate: true, reasons: [expect.stringMatching(/Σ α_k ℓ_k = 0/)] });
    expect(degeneracy(getPart('T4.e'), ['orthogonal-latents'], { ...t4e, alpha: [1, 2], latentDirections: [[1], [-1]] }).degenerate).toBe(false);
    const orthogonal = { vStar: [1, 0], w: [0, 1], basis: [[1, 0]] };
    expect(conventionSites(orthogonal).map((s) => s.what)).toEqual([expect.stringMatching(/^u_c = P_c w = 0/)]);
    expect(conventionSites({ ...orthogonal, basis: [[1, 1]] })).toEqual([]);
    // A constitution that spans nothing makes every judge constant.
    expect(conventionSites({ vStar: [1], w: [1], basis: [[0]] }).map((s) => s.what)).toEqual([expect.stringMatching(/^u_c = P_c w = 0/)]);
  });

  it('nudges lift the zero and stay small: every nudge of a site is the instance with that zero made non-zero by at most 1e-3 of the scale', () => {
    const inst = { vStar: [2, 0], g: [0, 0], w: [1, 1] };
    const [site] = conventionSites(inst);
    expect(site.what).toMatch(/^g = 0/);
    expect(site.nudges.length).toBe(4);
    for (const n of site.nudges) {
      const g = n.g as number[];
      expect(g.some((x) => x !== 0)).toBe(true);
      expect(Math.max(...g.map(Math.abs))).toBeLessThanOrEqual(2e-3);
      expect({ ...n, g: inst.g }).toEqual(inst);
    }
  });
});

describe('necessity looks on for a non-degenerate witness', () => {
  it('a stored degenerate witness (T4.e, readout 0) is labelled, a non-degenerate one is hunted, both are stored and shown', async () => {
    const { necessity } = await import('../../src/runner/necessity.ts');
    const { MemoryStore, fileNameFor } = await import('../../src/runner/store.ts');
    const { renderTable } = await import('../../src/report/necessity-table.ts');
    const { counterexampleRecord } = await import('../support/records.ts');
    const record = counterexampleRecord({ theorem: 'T4.e', dropped: ['orthogonal-latents'], instance: { vStar: [-1], latentDirections: [[1], [1]], alpha: [1, -1] }, margin: -1, dimension: 1 });
    const store = new MemoryStore({ [`T4.e/${fileNameFor(record)}`]: JSON.stringify(record) });
    const rows = necessity([getPart('T4.e')], { store, runs: 200, seeds: 3, guidedBudget: 100 });
    const row = rows.find((r) => r.dropped.join() === 'orthogonal-latents')!;
    expect(row.witness!.degenerate!.join()).toMatch(/Σ α_k ℓ_k = 0/);
    expect(row.nonDegenerate).toBeDefined();
    const all = store.loadAll();
    expect(all).toHaveLength(2);
    const fresh = all.find((c) => c.file.endsWith(row.nonDegenerate!.file.split('/').pop()!))!;
    expect(hasConventionSite(fresh.instance)).toBe(false);
    expect(violates('T4.e', ['orthogonal-latents'], fresh.instance)).toBe(true);
    expect(renderTable(rows)).toMatch(/degenerate: w = Σ α_k ℓ_k = 0\); non-degenerate: /);
  });
});

describe('prune keeps a non-degenerate witness beside a simpler degenerate one', () => {
  it('the degenerate witness (w = 0) is simpler, yet does not supersede the non-degenerate one; the reverse does', async () => {
    const { findPrunable } = await import('../../src/runner/prune.ts');
    const { counterexampleRecord } = await import('../support/records.ts');
    const margin = (instance: Record<string, unknown>) => evaluatePart(getPart('T2.a'), instance, tagsInForce(getPart('T2.a'), ['linear-value'])).margin;
    const rec = (file: string, instance: Record<string, unknown>) => ({ ...counterexampleRecord({ theorem: 'T2.a', dropped: ['linear-value'], instance, margin: margin(instance), dimension: 1 }), file });
    const degenerate = rec('deg.json', { vStar: [1], g: [-1], w: [0], f: { kind: 'square' } });
    const plain = rec('plain.json', { vStar: [-1], g: [1], w: [-1], f: { kind: 'abs' } });
    expect(findPrunable([degenerate, plain], getPart)).toEqual([]);
    // A simpler non-degenerate witness does supersede a degenerate one (and a plainer one).
    const simplest = rec('simplest.json', { vStar: [1], g: [-1], w: [1], f: { kind: 'abs' } });
    const evaluated = evaluatePart(getPart('T2.a'), simplest.instance, tagsInForce(getPart('T2.a'), ['linear-value']));
    expect(evaluated.holds).toBe(false);
    const gone = findPrunable([degenerate, plain, simplest], getPart).map((e) => e.file);
    expect(gone).toContain('plain.json');
  });
});
