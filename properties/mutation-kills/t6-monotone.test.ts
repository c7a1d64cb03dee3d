// Direct facts about T6's two checks (src/theorems/t6-monotone.ts), beyond "each part holds under
// its full tags" (t6-monotone.test.ts): what T6.a and T6.b report on worked instances whose every
// expected number is computed by hand here, and what their generators draw (a judge u ≠ 0, and
// the zero boundary A(u) = 0 of both claims often).
//
// T6 (THEORY §2), tag monotone-value, V* = f(<v*,h>) with f strictly increasing:
// (a) Agr(u) = 1 − arccos(A(u))/π (Sheppard), Agr by seeded Monte Carlo;
// (b) sign G_ε(u) = sign A(u).
import { fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Reader } from '../../src/instance/reader.ts';
import { vec } from '../../src/linalg/vec.ts';
import { agreementMonteCarlo } from '../../src/model/agreement.ts';
import { alignment, valueModel } from '../../src/model/value.ts';
import { makeRng } from '../../src/numeric/rng.ts';
import { ABS_TOL, REL_TOL } from '../../src/numeric/tolerance.ts';
import { readValueModel } from '../../src/theorems/common/rlaif-instance.ts';
import { evaluatePart } from '../../src/theorems/evaluate.ts';
import T6 from '../../src/theorems/t6-monotone.ts';
import { SUITE_SEED } from '../support/suite.ts';

const [T6a, T6b] = T6.parts;
const ALL = new Set(T6.parts[0].tags);
const near = (a: number, b: number, tol: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol);

describe('T6.a on worked instances', () => {
  // Σ = I, v* = e1, u = (1, 1): A = 1/√2, Sheppard 1 − arccos(1/√2)/π = 1 − 1/4 = 3/4.
  // f = id never ties, so tieBias = 0 and the tolerance is the estimate's half-width.
  const inst = { vStar: [1, 0], u: [1, 1], seed: 7 };

  it('reports A, the estimate from the instance\'s own seed, Sheppard\'s value and the half-width; margin −|Agr − 3/4|', () => {
    const e = evaluatePart(T6a, inst, ALL);
    // The instance's "seed" is its Monte Carlo's seed (instance format: seed of the instance's own draw).
    const est = agreementMonteCarlo(valueModel(vec([1, 0])), [vec([1, 1])], makeRng(7));
    near(e.quantities.alignment, Math.SQRT1_2, 1e-15);
    near(e.quantities.sheppard, 0.75, 1e-15);
    expect(e.quantities.agreement).toBe(est.estimates[0]);
    expect(e.quantities.halfWidth).toBe(est.estimateHalfWidth);
    expect(e.quantities.tieBias).toBe(0);
    near(e.margin, -Math.abs(est.estimates[0] - 0.75), 1e-15);
    expect(e.tol).toBe(est.estimateHalfWidth);
    expect(e.pre).toBe(true);
    expect(e.holds).toBe(true);
  });

  it('another seed is another draw of the same estimate', () => {
    const e = evaluatePart(T6a, { ...inst, seed: 8 }, ALL);
    expect(e.quantities.agreement).toBe(agreementMonteCarlo(valueModel(vec([1, 0])), [vec([1, 1])], makeRng(8)).estimates[0]);
  });

  it('a saturating increasing value ties on many pairs: the draw is flagged as checking little', () => {
    // tanh(50x) rounds to ±1 for |x| > ~0.38: both responses beyond +0.38 or both below −0.38
    // with probability 2·0.352² ≈ 0.25, each such tie off by at most 1/2: tieBias ≈ 0.12, far
    // above the half-width (≤ 0.03). The precondition (ties blur less than sampling) fails.
    const e = evaluatePart(T6a, { ...inst, f: { kind: 'tanh', a: 50, b: 0 } }, ALL);
    expect(e.quantities.tieBias).toBeGreaterThan(0.1);
    expect(e.pre).toBe(false);
    expect(e.tol).toBe(e.quantities.halfWidth + e.quantities.tieBias);
  });
});

describe('T6.b on worked instances', () => {
  // Σ = I, v* = e1, μ = 40·e1, g = 0, u = −e1 (A = −1), ε = 800: the budget moves the value
  // score's mean by −sqrt(2ε)·‖v*‖_Σ = −40, from 40 to 0, so with f = id J(g) = 40,
  // J(θ) = 0, G = −40. The value's scale is max(E|x| at mean 40, E|x| at mean 0) = 40 (s = 1:
  // N(40, 1) never reaches 0 in double precision), and the shift changes f by |−40| = 40 on
  // every node. G is compared in units of max(|J(g)|, |J(θ)|, |G|) = 40, with J's resolution
  // REL_TOL·40 + ABS_TOL in the same units.
  const inst = { vStar: [1, 0], g: [0, 0], u: [-1, 0], mu: [40, 0], epsilon: 800 };

  it('reports A, G, the value shift and scale; the sign agrees with margin 1', () => {
    const e = evaluatePart(T6b, inst, ALL);
    near(e.quantities.alignment, -1, 1e-15);
    near(e.quantities.gain, -40, 1e-12);
    near(e.quantities.gainChange, 40, 1e-12);
    near(e.quantities.valueScale, 40, 1e-12);
    expect(Object.keys(e.quantities).sort()).toEqual(['alignment', 'gain', 'gainChange', 'valueScale']);
    near(e.margin, 1, 1e-12);
    near(e.tol, (REL_TOL * 40 + ABS_TOL) / 40, 1e-20);
    expect(e.pre).toBe(true);
  });

  it('a gain that moves J from 40 to 80 with A = +1 is positive, in units of 80', () => {
    // u = +e1: the mean moves from 40 to 80, G = +40; the unit is max(40, 80, 40) = 80 and the
    // resolution REL_TOL·80 + ABS_TOL (J(θ) = 80 is the largest magnitude), margin G/80 = 1/2.
    const e = evaluatePart(T6b, { ...inst, u: [1, 0] }, ALL);
    near(e.quantities.gain, 40, 1e-12);
    near(e.margin, 0.5, 1e-12);
    near(e.tol, (REL_TOL * 80 + ABS_TOL) / 80, 1e-20);
  });
});

describe('T6 generators', () => {
  // Under the full tags and with monotone-value dropped, every draw of both parts carries a
  // judge u ≠ 0 (a zero judge's A = 0 is a convention, not the phenomenon), and the zero
  // boundary of both claims, A(u) = 0 (Agr = 1/2; G = 0), is drawn by construction about one
  // draw in four, less the draws where it degenerates (d = 1, u ∥ v*). Small integer directions
  // almost never land there by chance. 400 seeded draws; at least 10% on the boundary.
  const DRAWS = 400;
  for (const part of [T6a, T6b])
    for (const inForce of [ALL, new Set<string>()])
      it(`${part.id}${inForce.size ? '' : ' −monotone-value'}: u ≠ 0 on every draw, A(u) = 0 on at least 10%`, () => {
        let zero = 0;
        for (const inst of fc.sample(part.arbitrary(inForce), { seed: SUITE_SEED, numRuns: DRAWS })) {
          const r = new Reader(inst);
          const { M, d } = readValueModel(r);
          const u = r.vec('u', d);
          expect(u.some((x) => x !== 0), JSON.stringify(inst)).toBe(true);
          if (Math.abs(alignment(M, u)) <= 1e-10) zero++;
        }
        expect(zero / DRAWS).toBeGreaterThanOrEqual(0.1);
      });
});
