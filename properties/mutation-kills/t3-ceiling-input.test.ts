// Direct facts about how T3 (src/theorems/t3-ceiling.ts) reads its instance and assembles its
// checks, up to the parts themselves: the latent model's and the judge's input reading and their
// errors (each names its field; Q must be d×d and symmetric up to rounding relative to its
// entries), the `seed` field's contract ("seed of the instance's own Monte Carlo draw (absent: a
// hash of the instance)"), the premise Pw ≠ 0 (scale-free in w; false for w = 0 and for w ⟂ the
// constitution), the quadrature allowance only on the quadrature route, the Monte Carlo
// interval's full half-width in the equality's tolerance, and T3.b as the conjunction of its
// halves (one tolerance, the larger; each half violated only beyond its own).
import { describe, expect, it } from 'vitest';
import { Reader, type Instance } from '../../src/instance/reader.ts';
import { judgeCorrelation, optimalProbe, spectralRounding } from '../../src/model/latent.ts';
import { InputError } from '../../src/numeric/errors.ts';
import { makeRng } from '../../src/numeric/rng.ts';
import { REL_TOL, ABS_TOL, scaledTol } from '../../src/numeric/tolerance.ts';
import { evaluatePart } from '../../src/theorems/evaluate.ts';
import T3Family, { readJudge, readLatentModel } from '../../src/theorems/t3-ceiling.ts';
import type { TheoremPart } from '../../src/theorems/types.ts';

const part = (id: string): TheoremPart => {
  const p = T3Family.parts.find((x) => x.id === id);
  if (!p) throw new Error(`no part ${id}`);
  return p;
};
const ALL = (p: TheoremPart) => new Set(p.tags);
const T3b = part('T3.b');
const T3bBound = part('T3.b-bound');
const T3bEquality = part('T3.b-equality');
const near = (a: number, b: number, tol: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol);

/** The InputError message thrown by `f` (fails the test when none or another error is thrown). */
function inputError(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected an InputError, none thrown');
}

const judgeOf = (judge: unknown, d = 2) => readJudge(new Reader({ judge } as Instance), d);

// Σ_h = ΦΦᵀ + σ²I = 2I for Φ = I, σ = 1; w* = e1: q² = w*ᵀΦᵀ(2I)⁻¹Φw* = 1/2, q = 1/√2.
// The linear judge along e1: Cov(<e1,h>, z1) = 1, Var<e1,h> = 2, so corr = 1/√2 = q too.
// Both eigenvalues of Σ_h are 2, so the spectral rounding allowance is 16ε·(2/2) = 16ε.
const BASE = { Phi: [[1, 0], [0, 1]], wStar: [1, 0], sigma: 1, w: [1, 0] };

describe('readLatentModel', () => {
  it('reads sigma from the field it is given, and a negative one is an error naming that field', () => {
    const L = readLatentModel(new Reader({ Phi: [[1, 0]], wStar: [1, 1], noise: 0.5 } as Instance), 'Phi', 'noise');
    expect(L.sigma).toBe(0.5);
    expect(inputError(() => readLatentModel(new Reader({ Phi: [[1, 0]], wStar: [1, 1], noise: -1 } as Instance), 'Phi', 'noise'))).toMatch(
      /^noise: must be non-negative/,
    );
  });
});

describe('readJudge', () => {
  it('absent: linear; each kind read back as given', () => {
    expect(readJudge(new Reader({} as Instance), 2)).toEqual({ kind: 'linear' });
    expect(judgeOf({ kind: 'linear' })).toEqual({ kind: 'linear' });
    expect(judgeOf({ kind: 'sign' })).toEqual({ kind: 'sign' });
    expect(judgeOf({ kind: 'tanh', a: 2 })).toEqual({ kind: 'tanh', a: 2 });
    expect(judgeOf({ kind: 'quadratic', Q: [[2, 1], [1, 3]] })).toEqual({ kind: 'quadratic', Q: [[2, 1], [1, 3]] });
    expect(judgeOf({ kind: 'quadratic', Q: [[0, 0], [0, 0]] })).toEqual({ kind: 'quadratic', Q: [[0, 0], [0, 0]] });
  });

  it('the tanh slope must be positive: the error names judge.a', () => {
    expect(inputError(() => judgeOf({ kind: 'tanh', a: 0 }))).toMatch(/^judge\.a: must be positive/);
    expect(inputError(() => judgeOf({ kind: 'tanh', a: -1 }))).toMatch(/^judge\.a: must be positive/);
  });

  it('Q must be d×d: a short row or a missing row is an error naming judge.Q', () => {
    expect(inputError(() => judgeOf({ kind: 'quadratic', Q: [[1, 0], [0]] }))).toMatch(/^judge\.Q\[1\]: expected length 2/);
    expect(inputError(() => judgeOf({ kind: 'quadratic', Q: [[1, 0]] }))).toMatch(/^judge\.Q: expected 2 rows, got 1/);
  });

  it('Q must be symmetric: the error names the first asymmetric entry, wherever it is', () => {
    expect(inputError(() => judgeOf({ kind: 'quadratic', Q: [[1, 2], [0, 1]] }))).toMatch(/^judge\.Q: not symmetric \(entry \[1\]\[0\]/);
    const Q3 = [[1, 0, 0], [0, 1, 5], [0, 4, 1]];
    expect(inputError(() => judgeOf({ kind: 'quadratic', Q: Q3 }, 3))).toMatch(/^judge\.Q: not symmetric \(entry \[2\]\[1\]/);
  });

  it('symmetry is judged up to rounding, relative to the largest entry (Q and cQ alike)', () => {
    // 0.1 + 0.2 = 0.30000000000000004: a Q written from computed entries is still symmetric.
    expect(judgeOf({ kind: 'quadratic', Q: [[1, 0.3], [0.1 + 0.2, 1]] })).toEqual({ kind: 'quadratic', Q: [[1, 0.3], [0.1 + 0.2, 1]] });
    // Relative asymmetry 1e-13 at entries of size 1e6 (absolute 1e-7): rounding, accepted.
    const big = [[1e6, 2e5], [2e5 + 1e-7, 1e6]];
    expect(judgeOf({ kind: 'quadratic', Q: big })).toEqual({ kind: 'quadratic', Q: big });
    // Relative asymmetry 1e-7 at entries of size 1e-3 (absolute 1e-10): not rounding, rejected.
    expect(inputError(() => judgeOf({ kind: 'quadratic', Q: [[1e-3, 2e-4], [2e-4 + 1e-10, 1e-3]] }))).toMatch(/^judge\.Q: not symmetric/);
  });
});

describe('the Monte Carlo seed', () => {
  // Uniform latents and a sign judge: the correlation has no closed form and no enumeration, so
  // it is the seeded Monte Carlo estimate (its interval is reported as correlationLow/High).
  const MC = { Phi: [[1, 0.5], [0, 1]], wStar: [1, -1], sigma: 0.5, w: [1, 0.5], latents: { kind: 'uniform' }, judge: { kind: 'sign' } };
  const corr = (inst: object) => {
    const e = evaluatePart(T3bBound, inst, ALL(T3bBound));
    expect(e.quantities.correlationLow).toBeLessThan(e.quantities.correlationHigh);
    return e.quantities.correlation;
  };

  it('a Monte Carlo estimate on uniform latents is a correlation within its interval, replayed identically', () => {
    const e = evaluatePart(T3bBound, MC, ALL(T3bBound));
    expect(Math.abs(e.quantities.correlation)).toBeLessThanOrEqual(1);
    expect(e.quantities.correlationLow).toBeLessThanOrEqual(e.quantities.correlation);
    expect(e.quantities.correlation).toBeLessThanOrEqual(e.quantities.correlationHigh);
    expect(evaluatePart(T3bBound, MC, ALL(T3bBound)).quantities.correlation).toBe(e.quantities.correlation);
  });

  it('`seed` alone fixes the draw: a field T3.b does not read (epsilon) changes nothing, another seed does', () => {
    const a = corr({ ...MC, seed: 7 });
    expect(corr({ ...MC, seed: 7, epsilon: 0.25 })).toBe(a);
    expect(corr({ ...MC, seed: 8 })).not.toBe(a);
  });

  it('absent `seed`, the draw follows a hash of the whole instance: adding epsilon changes it', () => {
    expect(corr({ ...MC, epsilon: 0.25 })).not.toBe(corr(MC));
  });
});

describe('the premise Pw ≠ 0', () => {
  it('w = 0: the premise fails, the implication holds vacuously', () => {
    const e = evaluatePart(T3b, { ...BASE, w: [0, 0] }, ALL(T3b));
    expect(e.pre).toBe(false);
    expect(e.margin).toBeGreaterThanOrEqual(1);
    expect(e.holds).toBe(true);
  });

  it('w ⟂ the constitution (Pw = 0 with w ≠ 0): the premise fails', () => {
    const e = evaluatePart(T3b, { ...BASE, w: [1, 0], basis: [[0, 1]] }, ALL(T3b));
    expect(e.pre).toBe(false);
    expect(e.margin).toBeGreaterThan(0);
  });

  it('is scale-free in w: a tiny w = 1e-6·e1 meets it like e1 does', () => {
    const e = evaluatePart(T3b, { ...BASE, w: [1e-6, 0] }, ALL(T3b));
    expect(e.pre).toBe(true);
    near(e.quantities.correlation, Math.SQRT1_2, 1e-15);
  });
});

describe('tolerances and the conjunction', () => {
  it('a closed-form correlation carries no quadrature allowance: tol = REL_TOL + ABS_TOL + 16ε', () => {
    const e = evaluatePart(T3bBound, BASE, ALL(T3bBound));
    near(e.quantities.ceiling, Math.SQRT1_2, 1e-15);
    near(e.quantities.correlation, Math.SQRT1_2, 1e-15);
    expect(e.tol).toBe(REL_TOL + ABS_TOL + 16 * Number.EPSILON);
  });

  // A tanh judge on Gaussian latents: its correlation comes from 1-D quadrature (Stein's lemma),
  // while the optimal probe's stays closed-form (linear judge, linear value).
  const TANH = { ...BASE, judge: { kind: 'tanh', a: 1 } };
  const exactTol = REL_TOL + ABS_TOL + 16 * Number.EPSILON;

  it('a quadrature correlation carries an allowance above the exact routes\' tolerance', () => {
    const bound = evaluatePart(T3bBound, TANH, ALL(T3bBound));
    expect(bound.quantities.correlationLow).toBe(bound.quantities.correlation);
    expect(bound.tol).toBeGreaterThan(exactTol);
    // The equality half (the probe, closed form) has none.
    expect(evaluatePart(T3bEquality, TANH, ALL(T3bEquality)).tol).toBe(exactTol);
  });

  it('T3.b is the conjunction of its halves: the larger tolerance, each half shifted to it', () => {
    const both = evaluatePart(T3b, TANH, ALL(T3b));
    const bound = evaluatePart(T3bBound, TANH, ALL(T3bBound));
    const eq = evaluatePart(T3bEquality, TANH, ALL(T3bEquality));
    expect(bound.tol).toBeGreaterThan(eq.tol);
    expect(both.tol).toBe(Math.max(bound.tol, eq.tol));
    near(both.margin + both.tol, Math.min(bound.margin + bound.tol, eq.margin + eq.tol), 1e-15);
  });

  it("the equality's tolerance covers a Monte Carlo probe's interval on its wider side", () => {
    // Uniform latents and a non-linear value f = x³: the probe's correlation is the Monte Carlo
    // estimate of its named stream ("<seed>:probe", rngFor's one generator per named estimate).
    const inst = { Phi: [[1, 0.5], [0, 1]], wStar: [1, -1], sigma: 0.5, w: [1, 0.5], latents: { kind: 'uniform' }, f: { kind: 'cubic' }, seed: 3 };
    const L = readLatentModel(new Reader(inst as Instance));
    const probe = judgeCorrelation(L, { kind: 'linear' }, optimalProbe(L), makeRng('3:probe'));
    expect(probe.method).toBe('monte-carlo');
    const e = evaluatePart(T3bEquality, inst, ALL(T3bEquality));
    expect(e.quantities.probeCorrelation).toBe(probe.value);
    const wider = Math.max(probe.value - probe.lo, probe.hi - probe.value);
    expect(wider).toBeGreaterThan(Math.min(probe.value - probe.lo, probe.hi - probe.value));
    near(e.tol, scaledTol(1) + spectralRounding(L) + wider, 1e-15);
  });
});
