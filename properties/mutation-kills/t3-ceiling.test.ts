// Direct facts about what the T3 checks report (src/theorems/t3-ceiling.ts: T3.a, the two halves
// of T3.b, T3.c), on worked instances whose numbers are computed by hand here from THEORY §1–§2:
// q = sqrt(w*ᵀΦᵀΣ_h⁺Φw*)/‖w*‖, corr(<u,h>, V*) = <Φᵀu, w*>/(sqrt(‖Φᵀu‖² + σ²‖u‖²)·‖w*‖), and under
// all three tags Agr = 1 − arccos(ρ)/π and G_ε = sqrt(2ε)‖w*‖ρ for the judge's own correlation ρ.
// Beside the values: the vacuous cases (Pw = 0, Φw* = 0, a Monte Carlo correlation whose interval
// straddles q, an agreement within its half-width of the bound), the margin algebra of the
// conjunctions (each claim within its own tolerance), what each tolerance covers (the
// eigen-solver's rounding at Σ_h's conditioning, the quadrature allowance, the Monte Carlo
// intervals), the equalities T3.c checks only under all three tags, and bad ε.
// The input-reading facts (readLatentModel, readJudge) are in t3-ceiling-input.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vec } from '../../src/linalg/vec.ts';
import { sheppard } from '../../src/model/agreement.ts';
import { latentModel, spectralRounding } from '../../src/model/latent.ts';
import { hoeffding, MC_ALPHA, MC_SAMPLES } from '../../src/numeric/bounds.ts';
import { InputError } from '../../src/numeric/errors.ts';
import { normalCdf } from '../../src/numeric/quadrature.ts';
import { ABS_TOL, REL_TOL, scaledTol } from '../../src/numeric/tolerance.ts';
import { evaluatePart, type Verdict } from '../../src/theorems/evaluate.ts';
import T3 from '../../src/theorems/t3-ceiling.ts';
import { tagsInForce } from '../../src/theorems/tags.ts';
import type { Tag, TheoremPart } from '../../src/theorems/types.ts';

const [T3a, T3b, T3bBound, T3bEquality, T3c] = T3.parts;
const ALL = (p: TheoremPart): ReadonlySet<Tag> => new Set(p.tags);
const ev = (p: TheoremPart, inst: object, inForce: ReadonlySet<Tag> = ALL(p)): Verdict => evaluatePart(p, inst, inForce);
const near = (a: number, b: number, tol = 1e-12) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol);
/** REL_TOL + ABS_TOL, the closed-form tolerance at magnitude 1 (q and correlations are <= 1). */
const UNIT_TOL = REL_TOL + ABS_TOL;
/** T3 with `linear-judge` dropped (the other two kept): the bounds only, no equalities. */
const DROPPED: ReadonlySet<Tag> = new Set<Tag>(['gaussian-latents', 'linear-value']);

// Φ = I₂, w* = (2, 0), σ = 1: Σ_h = 2I, q² = w*ᵀΦᵀΣ_h⁺Φw*/‖w*‖² = (4/2)/4 = 1/2, q = 1/√2.
// Readout w = (1, 3), P = I: Φᵀu = (1, 3), Var<u,h> = 10 + 1·10 = 20, Cov = <(1,3),(2,0)> = 2,
// corr = 2/(√20·2) = 1/√20. The optimal probe u* = Σ_h⁺Φw* = (1, 0) has corr 1/√2 = q.
const NOISY = { Phi: [[1, 0], [0, 1]], wStar: [2, 0], sigma: 1 };
const RHO = 1 / Math.sqrt(20);
const Q = Math.SQRT1_2;

describe('T3.a: q and the quadratic form <Φw*, u*>/‖w*‖² = q²', () => {
  it('without a judge side (no w): ceiling and quadratic form only, margin 0 (an equality)', () => {
    const e = ev(T3a, NOISY);
    expect(Object.keys(e.quantities).sort()).toEqual(['ceiling', 'quadraticForm']);
    near(e.quantities.ceiling, Q, 1e-15);
    // <Φw*, u*> = <(2,0), (1,0)> = 2, over ‖w*‖² = 4.
    near(e.quantities.quadraticForm, 0.5, 1e-15);
    near(e.margin, 0, 1e-15);
    expect(e.margin).toBeLessThanOrEqual(0);
    expect(e.pre).toBe(true);
    expect(e.holds).toBe(true);
  });

  it('with a judge side (w given), the judge\'s correlation is reported alongside', () => {
    const e = ev(T3a, { ...NOISY, w: [1, 3] });
    expect(Object.keys(e.quantities).sort()).toEqual(['ceiling', 'correlation', 'quadraticForm']);
    near(e.quantities.correlation, RHO, 1e-15);
    near(e.quantities.ceiling, Q, 1e-15);
  });

  it('the tolerance covers the eigen-solver\'s rounding at Σ_h\'s conditioning (κ = 1e8)', () => {
    // Φ = diag(1, 1e-4), σ = 0: Σ_h's kept spectrum is {1, 1e-8}, κ = 1e8, and the rounding
    // 16·ε·κ ≈ 3.6e-7 is far above REL_TOL: a tolerance without it would be too tight (or < 0).
    const inst = { Phi: [[1, 0], [0, 1e-4]], wStar: [1, 1], sigma: 0, w: [1, 1] };
    const L = latentModel([vec([1, 0]), vec([0, 1e-4])], vec([1, 1]), 0);
    near(spectralRounding(L), 16 * Number.EPSILON * 1e8, 1e-12);
    const rounding = spectralRounding(L);
    for (const p of [T3a, T3bBound, T3bEquality]) {
      const e = ev(p, inst);
      near(e.tol, UNIT_TOL + rounding, 1e-18);
      expect(e.holds, p.id).toBe(true);
    }
    near(ev(T3a, inst).quantities.ceiling, 1, 1e-9); // σ = 0 and Φ of full rank: q = 1
  });
});

describe('T3.b, its bound and its equality', () => {
  it('quantities on the worked instance: ceiling, correlation (exact: a point interval), margins', () => {
    for (const p of [T3b, T3bBound, T3bEquality]) {
      const e = ev(p, { ...NOISY, w: [1, 3] });
      expect(Object.keys(e.quantities).sort(), p.id).toEqual(
        ['boundMargin', 'ceiling', 'correlation', 'correlationHigh', 'correlationLow', 'equalityMargin', 'probeCorrelation'],
      );
      near(e.quantities.ceiling, Q, 1e-15);
      near(e.quantities.correlation, RHO, 1e-15);
      expect(e.quantities.correlationLow).toBe(e.quantities.correlation);
      expect(e.quantities.correlationHigh).toBe(e.quantities.correlation);
      near(e.quantities.boundMargin, Q - RHO, 1e-15);
      near(e.quantities.probeCorrelation, Q, 1e-15);
      near(e.quantities.equalityMargin, 0, 1e-15);
      expect(e.pre).toBe(true);
      expect(e.holds).toBe(true);
    }
    near(ev(T3bBound, { ...NOISY, w: [1, 3] }).margin, Q - RHO, 1e-15);
    near(ev(T3bEquality, { ...NOISY, w: [1, 3] }).margin, 0, 1e-15);
    // The conjunction holds as well as its weakest half: the equality, 0.
    near(ev(T3b, { ...NOISY, w: [1, 3] }).margin, 0, 1e-15);
  });

  it('Φw* = 0: q = 0, the equality is vacuous (no probe), T3.b is the bound alone', () => {
    // Φ = (0 1), w* = (1, 0): Φw* = 0, so q = 0 and every linear judge has corr 0.
    const inst = { Phi: [[0, 1]], wStar: [1, 0], sigma: 0, w: [1] };
    const eq = ev(T3bEquality, inst);
    expect(eq.pre).toBe(false);
    expect(eq.margin).toBe(0);
    expect(eq.quantities).not.toHaveProperty('probeCorrelation');
    expect(eq.quantities).not.toHaveProperty('equalityMargin');
    const b = ev(T3b, inst);
    const bound = ev(T3bBound, inst);
    expect(b.quantities.ceiling).toBe(0);
    expect(b.quantities.correlation).toBe(0);
    expect(b.quantities).not.toHaveProperty('probeCorrelation');
    expect(b.margin).toBe(bound.margin);
    expect(b.tol).toBe(bound.tol);
    expect(b.pre).toBe(true);
    expect(b.holds).toBe(true);
  });

  it('Pw = 0 (or w = 0): the premise fails and the claim is vacuous', () => {
    // The constitution span{e2} removes all of w = e1: u_c = 0.
    for (const inst of [{ ...NOISY, w: [1, 0], basis: [[0, 1]] }, { ...NOISY, w: [0, 0] }]) {
      for (const p of [T3b, T3bBound, T3c]) {
        const e = ev(p, inst);
        expect(e.pre, p.id).toBe(false);
        expect(e.holds, p.id).toBe(true);
      }
    }
  });

  it('a correlation computed exactly at the ceiling (corr = q) decides the claim', () => {
    // Φ = (1), w* = (1), σ = 0, w = (1): h = z = V*, corr = q = 1, a point interval at q.
    const e = ev(T3bBound, { Phi: [[1]], wStar: [1], sigma: 0, w: [1] });
    expect(e.quantities.ceiling).toBe(1);
    expect(e.quantities.correlationLow).toBe(1);
    expect(e.quantities.correlationHigh).toBe(1);
    expect(e.pre).toBe(true);
    expect(ev(T3b, { Phi: [[1]], wStar: [1], sigma: 0, w: [1] }).pre).toBe(true);
  });

  it('a Monte Carlo correlation whose interval straddles q decides nothing', () => {
    // Uniform latents and a tanh judge: Monte Carlo. tanh(0.01·h) is nearly linear, so its
    // correlation is within the interval's width of q = 1/√2 (Φ = (1), σ = 1).
    const inst = { Phi: [[1]], wStar: [1], sigma: 1, w: [1], latents: { kind: 'uniform' }, judge: { kind: 'tanh', a: 0.01 } };
    for (const p of [T3b, T3bBound]) {
      const e = ev(p, inst, new Set());
      expect(e.quantities.correlationLow).toBeLessThan(Q);
      expect(e.quantities.correlationHigh).toBeGreaterThan(Q);
      expect(e.pre, p.id).toBe(false);
    }
  });

  it('…and so does one whose interval reaches q at its end (q = 1, the interval clamped at 1)', () => {
    // Uniform latents, a cubic link, the linear judge along w* (σ = 0, so q = 1): Monte Carlo,
    // an estimate below 1 whose interval runs up to 1 = q. It contains q: nothing is decided.
    const e = ev(T3bBound, { Phi: [[1]], wStar: [1], sigma: 0, w: [1], latents: { kind: 'uniform' }, f: { kind: 'cubic' } }, new Set());
    expect(e.quantities.ceiling).toBe(1);
    expect(e.quantities.correlationHigh).toBe(1);
    expect(e.quantities.correlationLow).toBeLessThan(1);
    expect(e.pre).toBe(false);
  });

  it('a Monte Carlo correlation wholly below q decides the claim (it holds)', () => {
    // Uniform latents on ±√3, Φ = (1), σ = 0, sign judge: corr(sign z, z) = E|z| = √3/2 < q = 1.
    const inst = { Phi: [[1]], wStar: [1], sigma: 0, w: [1], latents: { kind: 'uniform' }, judge: { kind: 'sign' } };
    const e = ev(T3bBound, inst, new Set());
    expect(e.quantities.correlationHigh).toBeLessThan(1);
    expect(Math.abs(e.quantities.correlation - Math.sqrt(3) / 2)).toBeLessThanOrEqual(e.quantities.correlationHigh - e.quantities.correlationLow);
    expect(e.pre).toBe(true);
    expect(e.holds).toBe(true);
    // The bound's tolerance covers the interval below the estimate (the Monte Carlo error).
    near(e.tol, UNIT_TOL + (e.quantities.correlation - e.quantities.correlationLow), 1e-14);
  });

  it('a Monte Carlo correlation wholly above q decides the claim: a counterexample without the tags', () => {
    // Rademacher latents with m = 15 > MAX_ENUMERATED (so Monte Carlo), h = z₁ + σξ, V* = z₁,
    // σ = 0.45: q = 1/sqrt(1 + σ²) ≈ 0.912, but the sign judge has corr = E[z₁ sign(z₁ + σξ)] =
    // 2Φ(1/σ) − 1 ≈ 0.974 (THEORY's T3 with gaussian-latents and linear-judge dropped).
    const e1 = Array.from({ length: 15 }, (_, i) => (i === 0 ? 1 : 0));
    const sigma = 0.45;
    const inst = { Phi: [e1], wStar: e1, sigma, w: [1], latents: { kind: 'rademacher' }, judge: { kind: 'sign' } };
    const q = 1 / Math.sqrt(1 + sigma * sigma);
    const exact = 2 * normalCdf(1 / sigma) - 1;
    for (const p of [T3b, T3bBound]) {
      const e = ev(p, inst, new Set());
      near(e.quantities.ceiling, q, 1e-15);
      expect(e.quantities.correlationLow).toBeGreaterThan(q);
      expect(e.quantities.correlationLow).toBeLessThanOrEqual(exact);
      expect(e.quantities.correlationHigh).toBeGreaterThanOrEqual(exact);
      expect(e.pre, p.id).toBe(true);
      expect(e.holds, p.id).toBe(false);
    }
  });

  it('a quadrature correlation carries the quadrature allowance on top of the closed-form tolerance', () => {
    // Gaussian latents: a linear judge is closed-form, a tanh judge (Stein's lemma) a quadrature.
    const linear = ev(T3bBound, { ...NOISY, w: [1, 3] });
    const tanh = ev(T3bBound, { ...NOISY, w: [1, 3], judge: { kind: 'tanh', a: 1 } }, new Set());
    expect(tanh.tol).toBeGreaterThan(linear.tol);
    expect(tanh.tol - linear.tol).toBeLessThan(1e-6);
    // The equality's probe is a linear judge; with a cubic link its correlation is a quadrature.
    const identity = ev(T3bEquality, { ...NOISY, w: [1, 3] });
    const cubic = ev(T3bEquality, { ...NOISY, w: [1, 3], f: { kind: 'cubic' } }, new Set());
    expect(cubic.tol).toBeGreaterThan(identity.tol);
    expect(cubic.tol - identity.tol).toBeLessThan(1e-6);
  });

  it('a Monte Carlo probe correlation: the equality\'s tolerance covers its interval', () => {
    // Uniform latents and a cubic link: the probe's correlation is Monte Carlo, with an interval
    // of width well above 1e-3 at any n the profiles use.
    const e = ev(T3bEquality, { Phi: [[1]], wStar: [1], sigma: 1, w: [1], latents: { kind: 'uniform' }, f: { kind: 'cubic' } }, new Set());
    expect(e.pre).toBe(true);
    expect(e.tol).toBeGreaterThan(1e-3);
    expect(e.tol).toBeLessThan(1);
  });
});

describe('T3.c: agreement and gain under the ceiling', () => {
  // NOISY with w = (1, 3), ε = 2: unit sqrt(2ε)‖w*‖ = 2·2 = 4; gain = 4ρ = 4/√20; bound 4q = 2√2;
  // KL spent = ε; Agr bound = Sheppard(1/√2) = 3/4; Agr ≈ Sheppard(ρ).
  const inst = { ...NOISY, w: [1, 3], epsilon: 2 };

  it('quantities on the worked instance', () => {
    const e = ev(T3c, inst);
    expect(Object.keys(e.quantities).sort()).toEqual(
      ['agreement', 'agreementBound', 'agreementHalfWidth', 'ceiling', 'correlation', 'gain', 'gainBound', 'gainHalfWidth', 'klSpent'],
    );
    near(e.quantities.ceiling, Q, 1e-15);
    near(e.quantities.correlation, RHO, 1e-15);
    near(e.quantities.agreementBound, 0.75, 1e-15);
    expect(e.quantities.agreementHalfWidth).toBe(hoeffding(MC_SAMPLES, MC_ALPHA));
    expect(Math.abs(e.quantities.agreement - sheppard(RHO))).toBeLessThanOrEqual(e.quantities.agreementHalfWidth);
    near(e.quantities.gain, 4 * RHO, 1e-14);
    near(e.quantities.gainBound, 4 * Q, 1e-14);
    expect(e.quantities.gainHalfWidth).toBe(0);
    near(e.quantities.klSpent, 2, 1e-14);
    expect(e.pre).toBe(true);
    expect(e.holds).toBe(true);
  });

  it('a tag dropped: the margin is the weaker bound\'s, each within its own tolerance', () => {
    const e = ev(T3c, inst, DROPPED);
    const { agreement, agreementBound, agreementHalfWidth: aT, gain, ceiling } = e.quantities;
    const ratio = gain / 4;
    const gT = scaledTol(1, ratio);
    expect(e.tol).toBe(Math.max(aT, gT));
    // margin + tol = min over claims of (margin_i + tol_i).
    near(e.margin + e.tol, Math.min(agreementBound - agreement + aT, ceiling - ratio + gT), 1e-15);
    // Here the agreement binds: 3/4 − Sheppard(1/√20) ≈ 0.178 against q − ρ ≈ 0.484.
    near(e.margin, agreementBound - agreement, 1e-15);
  });

  it('under all three tags the bounds are checked as equalities: Agr = Sheppard(ρ), G = sqrt(2ε)‖w*‖ρ', () => {
    const e = ev(T3c, inst);
    const { agreement, agreementBound, agreementHalfWidth: aT, gain, ceiling, correlation } = e.quantities;
    const ratio = gain / 4;
    const gT = scaledTol(1, ratio);
    near(
      e.margin + e.tol,
      Math.min(agreementBound - agreement + aT, ceiling - ratio + gT, aT - Math.abs(agreement - sheppard(correlation)), gT - Math.abs(ratio - correlation)),
      1e-15,
    );
    // The gain equality holds to rounding: margin + tol is its tolerance, ~1e-8, not the bounds' 0.17.
    expect(e.margin + e.tol).toBeLessThan(1e-7);
    expect(e.margin + e.tol).toBeGreaterThan(0);
    // Dropping any one tag removes them.
    for (const t of T3c.tags) {
      const inForce = new Set(T3c.tags.filter((x) => x !== t));
      expect(ev(T3c, inst, inForce).margin + ev(T3c, inst, inForce).tol, `without ${t}`).toBeGreaterThan(0.1);
    }
  });

  it('the gain\'s tolerance: the quadrature allowance exactly for Gaussian latents with a nonlinear link', () => {
    // gain binds in each case below, so margin + tol − (q − G/unit) is the gain claim's tolerance.
    const gainTol = (e: Verdict, unit: number) => e.margin + e.tol - (e.quantities.ceiling - e.quantities.gain / unit);
    // Identity link, optimal judge (corr = q = 1): G/unit = q, the gain bound binds at 0 + its tol.
    const lin = ev(T3c, { Phi: [[1, 0], [0, 1]], wStar: [1, 0], sigma: 0, w: [1, 0], epsilon: 2 }, DROPPED);
    near(gainTol(lin, 2), scaledTol(1, lin.quantities.gain / 2), 1e-16);
    // Cubic link (x³ + x), Φ = (1), w* = (0.3), σ = 1, ε = 2 (unit 2·0.3): the gain exceeds
    // sqrt(2ε)q‖w*‖ (E f'(0.3Z) = 1.27 > 1 lifts G/unit to about 1.27ρ; a counterexample without
    // linear-value); its tolerance is REL_TOL at G/unit plus the quadrature allowance.
    const cubic = ev(T3c, { Phi: [[1]], wStar: [0.3], sigma: 1, w: [1], f: { kind: 'cubic' }, epsilon: 2 }, new Set(['gaussian-latents', 'linear-judge'] as Tag[]));
    expect(cubic.quantities.gain / 0.6).toBeGreaterThan(cubic.quantities.ceiling + 0.1);
    expect(cubic.holds).toBe(false);
    const allowance = gainTol(cubic, 0.6) - scaledTol(1, cubic.quantities.gain / 0.6);
    expect(allowance).toBeGreaterThan(1e-12);
    expect(allowance).toBeLessThan(1e-6);
  });

  it('a Monte Carlo gain: the tolerance is its half-width in units of sqrt(2ε)‖w*‖, no quadrature allowance', () => {
    // Uniform latents and an exp link: G by Monte Carlo. ε = 0.02, ‖w*‖ = 1: unit = 0.2.
    const e = ev(T3c, { Phi: [[1]], wStar: [1], sigma: 0, w: [1], latents: { kind: 'uniform' }, f: { kind: 'exp' }, epsilon: 0.02 }, new Set());
    const unit = 0.2;
    near(e.quantities.gainBound, unit * e.quantities.ceiling, 1e-15);
    expect(e.quantities.gainHalfWidth / unit).toBeGreaterThan(e.quantities.agreementHalfWidth);
    near(e.tol, scaledTol(1, e.quantities.gain / unit) + e.quantities.gainHalfWidth / unit, 1e-15);
  });

  it('an agreement within its half-width of the bound decides nothing (optimal judge, Agr = Sheppard(q))', () => {
    const e = ev(T3c, { Phi: [[1, 0], [0, 1]], wStar: [1, 0], sigma: 0, w: [1, 0] });
    expect(e.quantities.agreement).toBe(1);
    expect(e.quantities.agreementBound).toBe(1);
    expect(e.pre).toBe(false);
  });

  it('ε must be positive: 0 or negative is an input error naming epsilon', () => {
    for (const epsilon of [0, -1]) expect(() => ev(T3c, { ...inst, epsilon })).toThrow(InputError);
    expect(() => ev(T3c, { ...inst, epsilon: 0 })).toThrow(/epsilon/);
  });
});

describe('one seeded correlation per instance', () => {
  it('T3.a, T3.b, T3.b-bound and T3.c report the same Monte Carlo estimate of the judge\'s correlation', () => {
    // Uniform latents, sign judge: Monte Carlo, so the value depends on the instance's stream.
    const inst = { Phi: [[1]], wStar: [1], sigma: 0, w: [1], latents: { kind: 'uniform' }, judge: { kind: 'sign' }, seed: 11 };
    const values = [T3a, T3b, T3bBound, T3c].map((p) => ev(p, inst, new Set()).quantities.correlation);
    expect(new Set(values).size).toBe(1);
    // …and it is an estimate: another seed gives another value.
    expect(ev(T3bBound, { ...inst, seed: 12 }, new Set()).quantities.correlation).not.toBe(values[0]);
  });
});

describe('the generators with a tag dropped draw outside it', () => {
  // A necessity verdict for a dropped tag is only as wide as the draws: each tag of T3, dropped,
  // must let the generator reach instances the tag excludes (under all three, none of them).
  const T3c = T3.parts.find((p) => p.id === 'T3.c')!;
  const draws = (dropped: Tag[]) => fc.sample(T3c.arbitrary(tagsInForce(T3c, dropped), {}), { seed: 7, numRuns: 200 }) as Record<string, unknown>[];
  it('gaussian-latents dropped: non-Gaussian latents; linear-judge: another judge; linear-value: a non-identity link', () => {
    const kindOf = (x: unknown) => (x as { kind?: string } | undefined)?.kind;
    expect(draws(['gaussian-latents']).some((i) => i.latents !== undefined && kindOf(i.latents) !== 'gaussian')).toBe(true);
    expect(draws(['linear-judge']).some((i) => i.judge !== undefined && kindOf(i.judge) !== 'linear')).toBe(true);
    expect(draws(['linear-value']).some((i) => i.f !== undefined && kindOf(i.f) !== 'identity')).toBe(true);
    for (const i of draws([])) {
      expect(kindOf(i.latents) ?? 'gaussian').toBe('gaussian');
      expect(kindOf(i.judge) ?? 'linear').toBe('linear');
      expect(kindOf(i.f) ?? 'identity').toBe('identity');
    }
  });
});
