// T3.c's cell (Gaussian latents, a linear judge, the identity link) takes a loop of its own in
// latentAgreement, without the link's and the judge's calls. It must be the general loop's
// arithmetic on the same normals: the same count, bit for bit, so that no stored witness and
// no Monte Carlo verdict depends on which loop ran.
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { vec } from '../../src/linalg/vec.ts';
import { latentAgreement, latentModel } from '../../src/model/latent.ts';
import { IDENTITY, type Link } from '../../src/model/link.ts';
import { makeRng } from '../../src/numeric/rng.ts';

const small = fc.integer({ min: -4, max: 4 });
const rows = (d: number, m: number) => fc.array(fc.array(small, { minLength: m, maxLength: m }), { minLength: d, maxLength: d });

test.prop(
  [fc.integer({ min: 1, max: 4 }).chain((m) => fc.tuple(fc.integer({ min: 1, max: 5 }).chain((d) => fc.tuple(rows(d, m), fc.array(small, { minLength: d, maxLength: d }))), fc.array(small, { minLength: m, maxLength: m }).filter((w) => w.some((x) => x !== 0)))), fc.integer({ min: 0, max: 4 }), fc.integer()],
  { numRuns: 40, seed: 29 },
)('the fast loop counts the agreements the general loop counts, bit for bit', ([[Phi, u], wStar], sigmaQuarter, seed) => {
  const L = latentModel(Phi.map((r) => vec(r)), vec(wStar), sigmaQuarter / 4);
  // The identity, as a link the fast path does not recognise: the general loop runs.
  const plain = Object.assign((x: number) => IDENTITY(x), { ...IDENTITY, spec: { kind: 'identity-in-disguise' } }) as unknown as Link;
  const fast = latentAgreement(L, { kind: 'linear' }, vec(u), makeRng(seed), 2000);
  const general = latentAgreement({ ...L, f: plain }, { kind: 'linear' }, vec(u), makeRng(seed), 2000);
  expect(Object.is(fast.estimate, general.estimate)).toBe(true);
});
