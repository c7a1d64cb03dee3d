// T3.c's cell (Gaussian latents, a linear judge, the identity link) takes a loop of its own in
// latentAgreement: a pair's agreement depends only on the difference of its two draws, so the
// loop draws that difference (two normals a pair, not four). It must estimate the same
// agreement as the general loop, in law: both are checked against the closed form, Sheppard's
// 1 − arccos(ρ)/π for the correlation ρ of the value <w*, z> and the score
// <Φᵀu, z> + <u, ξ>, computed here from Φ, w*, u and σ directly.
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { vec } from '../../src/linalg/vec.ts';
import { latentAgreement, latentModel } from '../../src/model/latent.ts';
import { IDENTITY, type Link } from '../../src/model/link.ts';
import { makeRng, type Rng } from '../../src/numeric/rng.ts';

const small = fc.integer({ min: -4, max: 4 });
const rows = (d: number, m: number) => fc.array(fc.array(small, { minLength: m, maxLength: m }), { minLength: d, maxLength: d });
const model = fc.integer({ min: 1, max: 4 }).chain((m) =>
  fc.tuple(
    fc.integer({ min: 1, max: 5 }).chain((d) => fc.tuple(rows(d, m), fc.array(small, { minLength: d, maxLength: d }))),
    fc.array(small, { minLength: m, maxLength: m }).filter((w) => w.some((x) => x !== 0)),
  ),
);

/** The agreement of the value and the linear judge's score, in closed form (a constant score: 1/2, every pair a tie). */
function exactAgreement(Phi: number[][], wStar: number[], u: number[], sigma: number): number {
  const b = wStar.map((_, j) => Phi.reduce((acc, row, i) => acc + row[j] * u[i], 0)); // Φᵀu
  const cov = b.reduce((acc, x, j) => acc + x * wStar[j], 0);
  const varScore = b.reduce((acc, x) => acc + x * x, 0) + sigma * sigma * u.reduce((acc, x) => acc + x * x, 0);
  if (varScore === 0) return 0.5;
  const rho = cov / Math.sqrt(wStar.reduce((acc, x) => acc + x * x, 0) * varScore);
  return 1 - Math.acos(Math.max(-1, Math.min(1, rho))) / Math.PI;
}

/** A generator that counts the normals drawn from it. */
function counting(seed: number): Rng & { normals: number } {
  const rng = makeRng(seed);
  const c = { normals: 0, uniform: rng.uniform, normal: () => (c.normals++, rng.normal()) };
  return c;
}

const N = 40_000;

// Each estimate misses the closed form by more than its Hoeffding half-width with probability at
// most α = 1e-7 (latentAgreement's default): 80 estimates, a false alarm below 1e-5 per run.
test.prop([model, fc.integer({ min: 0, max: 4 }), fc.integer()], { numRuns: 40, seed: 29 })(
  'the fast loop and the general loop both estimate the closed-form agreement, the fast one from two normals a pair',
  ([[Phi, u], wStar], sigmaQuarter, seed) => {
    const sigma = sigmaQuarter / 4;
    const L = latentModel(Phi.map((r) => vec(r)), vec(wStar), sigma);
    // The identity, as a link the fast path does not recognise: the general loop runs.
    const plain = Object.assign((x: number) => IDENTITY(x), { ...IDENTITY, spec: { kind: 'identity-in-disguise' } }) as unknown as Link;
    const exact = exactAgreement(Phi, wStar, u, sigma);
    const fastRng = counting(seed);
    const fast = latentAgreement(L, { kind: 'linear' }, vec(u), fastRng, N);
    const generalRng = counting(seed);
    const general = latentAgreement({ ...L, f: plain }, { kind: 'linear' }, vec(u), generalRng, N);
    expect(fastRng.normals).toBe(2 * N);
    expect(generalRng.normals).toBe(4 * N);
    expect(Math.abs(fast.estimate - exact)).toBeLessThanOrEqual(fast.halfWidth);
    expect(Math.abs(general.estimate - exact)).toBeLessThanOrEqual(general.halfWidth);
  },
);
