// Teeth for correlation.ts's last line of defence: a correlation that leaves [−1, 1] by more
// than rounding is a harness error, never clamped into a plausible answer. The quadrature is
// deliberately broken for the whole file (hoisted mock: every E[g(Z)] comes out twice too large,
// as a rule whose weights summed to 2 would), so the tanh judge's closed form, a ratio of two such
// integrals, reads √2 times the true correlation: about 1.36 for tanh(Z) against Z.
import { describe, expect, it, vi } from 'vitest';
import { vec } from '../../src/linalg/vec.ts';
import { judgeCorrelation, latentModel } from '../../src/model/latent.ts';
import { HarnessError } from '../../src/numeric/errors.ts';
import { makeRng } from '../../src/numeric/rng.ts';

vi.mock('../../src/numeric/quadrature.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/numeric/quadrature.ts')>();
  return { ...real, normalExpect: (...args: Parameters<typeof real.normalExpect>) => 2 * real.normalExpect(...args) };
});

describe('a correlation outside [−1, 1] is a harness error', () => {
  it('tanh(Z) against Z (Φ = (1), σ = 0) under a quadrature that double-counts: √2·0.965 is not clamped to 1', () => {
    const L = latentModel([vec([1])], vec([1]), 0);
    const run = () => judgeCorrelation(L, { kind: 'tanh', a: 1 }, vec([1]), makeRng(1));
    expect(run).toThrow(HarnessError);
    expect(run).toThrow(/outside \[−1, 1\]/);
  });
});
