// T4.a's second half ("every x with <x,w> > 0 is activated, up to a positive factor, by span{x}")
// fails on its own: under a broken rank-1 constitution that activates w itself instead of its
// projection on x, the first half (<Pw,w> = ‖Pw‖² >= 0, on the instance's own P) still holds, and
// the check fails by the second half's margin −min(cos∠(x,w), gap). The model is mocked for the
// whole file (hoisted), so the theorem module loads once, as in every other test file.
import { describe, expect, it, vi } from 'vitest';
import { evaluatePart } from '../../src/theorems/evaluate.ts';
import T4 from '../../src/theorems/t4-adversarial.ts';

vi.mock('../../src/model/adversarial.ts', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../src/model/adversarial.ts')>();
  const { Subspace } = await import('../../src/linalg/subspace.ts');
  return { ...m, rankOne: (x: Float64Array) => Subspace.whole(x.length) };
});

const T4a = T4.parts.find((p) => p.id === 'T4.a')!;
const near = (a: number, b: number, tol: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol);

describe("T4.a's second half fails on its own", () => {
  it('a span{x} that activates w itself (not a multiple of x) fails by −min(cos, gap)', () => {
    // w = 2e1, x = (1,1): the broken span{x} activates w, whose unit vector is sqrt(2 − √2) ≈ 0.765
    // from x's; cos = 1/√2 < gap, so the margin is −1/√2. The first half (P onto span{(1,1)}:
    // <Pw,w>/‖w‖² = ‖Pw‖²/‖w‖² = 1/2) is untouched and holds.
    const e = evaluatePart(T4a, { w: [2, 0], basis: [[1, 1]], u: [1, 1] }, new Set());
    near(e.quantities.selfInner, 0.5, 1e-15);
    near(e.quantities.sqNorm, 0.5, 1e-15);
    near(e.quantities.gap, Math.sqrt(2 - Math.SQRT2), 1e-15);
    near(e.margin, -Math.SQRT1_2, 1e-15);
    expect(e.pre).toBe(true);
    expect(e.holds).toBe(false);
  });
});
