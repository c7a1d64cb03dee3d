// Issue 10 point 7: a part that fails under its full tags has its dropped-tag rows marked
// `part-fails` (a violation with tags dropped shows nothing about them), not `load-bearing`;
// a part that holds keeps its verdicts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/report/necessity-table.ts';
import { necessity, underFullFailure, type NecessityRow } from '../../src/runner/necessity.ts';
import { MemoryStore } from '../../src/runner/store.ts';
import { defineFamily } from '../../src/theorems/family.ts';

/** A toy on x ∈ [0, 100]: violated for x >= threshold (always, with threshold 0). */
const toy = (threshold: number) =>
  defineFamily('/virtual/toy-part-fails.ts', {
    id: 'ToyF',
    paperClaims: ['R1'],
    tags: ['linear-value', 'isotropic'],
    // With linear-value in force, x stays below 50.
    arbitrary: (inForce) => fc.integer({ min: 0, max: inForce.has('linear-value') ? 49 : 100 }).map((x) => ({ vStar: [x] })),
    parts: [{ id: 'ToyF', title: 'toy', statement: `x < ${threshold}`, evaluate: (inst) => ({ margin: (inst.vStar as number[])[0] >= threshold ? -1 : 1, tol: 1e-9, quantities: {}, pre: true }) }],
  }).parts[0];

describe('rows of a part failing under its full tags', () => {
  it('every dropped-tag row (singles and pairs) is part-fails, the full row fails, and the table says so', () => {
    const rows = necessity([toy(0)], { store: new MemoryStore(), runs: 20, seeds: 1, pairs: true, guidedBudget: 0 });
    expect(rows[0].verdict).toBe('fails');
    expect(rows.slice(1).length).toBe(3);
    for (const r of rows.slice(1)) expect(r.verdict).toBe('part-fails');
    expect(renderTable(rows)).toContain('no verdict: fails under full tags');
    expect(renderTable(rows)).not.toContain('| load-bearing |');
  });

  it('a part that holds under full tags keeps load-bearing rows (the marking can tell the two apart)', () => {
    const rows = necessity([toy(50)], { store: new MemoryStore(), runs: 50, seeds: 1, guidedBudget: 0 });
    expect(rows[0].verdict).toBe('holds');
    expect(rows.slice(1).map((r) => [r.dropped.join(), r.verdict])).toEqual([
      ['linear-value', 'load-bearing'],
      ['isotropic', 'not-shown'],
    ]);
  });

  it('underFullFailure leaves the full row and rows of holding parts alone', () => {
    const row = (verdict: NecessityRow['verdict'], dropped: string[]): NecessityRow => ({ id: 'X', dropped, verdict, budget: { runsPerSeed: 1, seeds: 1, runsSpent: 1 } });
    expect(underFullFailure(row('fails', []), row('fails', [])).verdict).toBe('fails');
    expect(underFullFailure(row('load-bearing', ['a']), row('holds', [])).verdict).toBe('load-bearing');
    expect(underFullFailure(row('not-shown', ['a']), row('fails', [])).verdict).toBe('part-fails');
    expect(underFullFailure(row('implied', ['a', 'b']), row('fails', [])).verdict).toBe('part-fails');
    expect(underFullFailure(row('load-bearing', ['a']), undefined).verdict).toBe('load-bearing');
  });
});
