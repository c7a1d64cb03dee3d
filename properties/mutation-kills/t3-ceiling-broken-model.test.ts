// T3.a's bound q <= 1 fails on its own, under a deliberately broken model (teeth): q and u* both
// read through a doubled Σ_h⁺, so the quadratic form still agrees with q² and only the bound can
// see it. The model is mocked for the whole file (hoisted), so the theorem module loads once, as
// in every other test file (reloading it inside a test would make its module-level code count
// as covered by that test alone in a mutation run).
import { describe, expect, it, vi } from 'vitest';
import { evaluatePart } from '../../src/theorems/evaluate.ts';
import T3 from '../../src/theorems/t3-ceiling.ts';

vi.mock('../../src/model/latent.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/model/latent.ts')>();
  return {
    ...real,
    ceiling: (L: Parameters<typeof real.ceiling>[0]) => Math.SQRT2 * real.ceiling(L),
    optimalProbe: (L: Parameters<typeof real.optimalProbe>[0]) => real.optimalProbe(L).map((x) => 2 * x),
  };
});

const near = (a: number, b: number, tol: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol);

describe('T3.a: each conjunct can fail on its own', () => {
  it('q <= 1 by itself: a model whose Σ_h⁺ is twice too large keeps q² = the form but has q = √2', () => {
    const T3a = T3.parts[0];
    // Φ = (1), w* = (1), σ = 0: the true q is 1, the broken one √2, the broken form 2.
    const e = evaluatePart(T3a, { Phi: [[1]], wStar: [1], sigma: 0 }, new Set(T3a.tags));
    near(e.quantities.ceiling as number, Math.SQRT2, 1e-15);
    near(e.quantities.quadraticForm as number, 2, 1e-15);
    near(e.margin, 1 - Math.SQRT2, 1e-15);
    expect(e.holds).toBe(false);
  });
});
