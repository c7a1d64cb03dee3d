// Direct facts about the latent model itself (src/model/latent/model.ts, through the public names
// of src/model/latent.ts): the input contract of latentModel (bad input → InputError naming the
// field; the defaults), Σ_h = ΦΦᵀ + σ²I, Φz and Φᵀu, the score's signal Φᵀu snapped to 0 only
// when it is rounding residue, q and u* = Σ_h⁺Φw* on worked instances (diagonal Φ with noise,
// rank-deficient Φ without, Φw* = 0 at a tiny noise level where a rounding-level eigenvalue of
// ΦᵀΦ would otherwise pass for a genuine direction), the conditioning that spectralRounding
// scales with, and the four judges' scores. Every expected number is worked out by hand in the
// comment beside it (THEORY §1: q = sqrt(w*ᵀΦᵀΣ_h⁺Φw*)/‖w*‖). The tilts are in
// model-latent-tilt.test.ts, the estimators in model-latent-estimators.test.ts; the correlation
// routes (correlation.ts) are another file's concern.
import { Matrix, pseudoInverse } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { dot, norm, vec } from '../../src/linalg/vec.ts';
import {
  ceiling, judgeScore, latentModel, optimalProbe, phiTimes, phiTransposeTimes, PINV_RCOND, representationCovariance, scoreSignal, spectralRounding,
} from '../../src/model/latent.ts';
import { matVec } from '../../src/model/latent/model.ts';
import { link } from '../../src/model/link.ts';
import { InputError } from '../../src/numeric/errors.ts';

const near = (a: number, b: number, tol = 1e-14) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol);
const rows = (P: number[][]) => P.map((r) => vec(r));
const model = (P: number[][], w: number[], sigma: number) => latentModel(rows(P), vec(w), sigma);

describe('latentModel: the input contract', () => {
  it('no rows of Φ: InputError naming Phi', () => {
    expect(() => latentModel([], vec([1]), 0)).toThrow(InputError);
    expect(() => latentModel([], vec([1]), 0)).toThrow(/^Phi: /);
  });

  it('a row of Φ whose length is not m = |w*|: InputError naming Phi and m', () => {
    expect(() => model([[1, 2]], [1], 0)).toThrow(InputError);
    expect(() => model([[1, 2]], [1], 0)).toThrow(/^Phi: .*m = 1/);
    // One bad row among good ones is enough.
    expect(() => model([[1], [1, 0], [2]], [1], 0)).toThrow(/^Phi: /);
    expect(() => model([[1, 0], [1]], [1, 1], 0)).toThrow(/m = 2/);
  });

  it('w* = 0: InputError naming wStar (V* would be constant)', () => {
    expect(() => model([[1, 2]], [0, 0], 1)).toThrow(InputError);
    expect(() => model([[1, 2]], [0, 0], 1)).toThrow(/^wStar: /);
  });

  it('σ negative or not a number: InputError naming sigma; σ = 0 is allowed', () => {
    expect(() => model([[1]], [1], -0.5)).toThrow(InputError);
    expect(() => model([[1]], [1], -0.5)).toThrow(/^sigma: .*-0\.5/);
    expect(() => model([[1]], [1], Number.NaN)).toThrow(/^sigma: /);
    expect(model([[1]], [1], 0).sigma).toBe(0);
  });

  it('keeps d, m, Φ, w*, σ; latents default to Gaussian and f to the identity; options override', () => {
    const L = model([[1, 2], [3, 4], [5, 6]], [1, -1], 0.5);
    expect([L.d, L.m, L.sigma]).toEqual([3, 2, 0.5]);
    expect(L.latents).toBe('gaussian');
    expect(L.f.spec.kind).toBe('identity');
    expect(L.f(2.5)).toBe(2.5);
    const M = latentModel(rows([[1]]), vec([1]), 0, { latents: 'uniform', f: link({ kind: 'cubic' }) });
    expect(M.latents).toBe('uniform');
    expect(M.f.spec.kind).toBe('cubic');
  });

  it("gram is the eigen-decomposition of ΦᵀΦ: Φ = [[1,2],[3,4],[5,6]] gives ΦᵀΦ = [[35,44],[44,56]]", () => {
    // trace 91, determinant 35·56 − 44² = 24: eigenvalues (91 ± sqrt(91² − 96))/2.
    const L = model([[1, 2], [3, 4], [5, 6]], [1, -1], 0.5);
    const got = Array.from(L.gram.values).sort((a, b) => a - b);
    const r = Math.sqrt(91 * 91 - 96);
    near(got[0], (91 - r) / 2, 1e-12);
    near(got[1], (91 + r) / 2, 1e-12);
    // Each eigenvector v satisfies ΦᵀΦv = λv.
    L.gram.vectors.forEach((v, i) => {
      const lam = L.gram.values[i];
      near(35 * v[0] + 44 * v[1], lam * v[0], 1e-11);
      near(44 * v[0] + 56 * v[1], lam * v[1], 1e-11);
    });
  });
});

describe('Σ_h, Φz and Φᵀu', () => {
  it('Σ_h = ΦΦᵀ + σ²I on a worked 3×2 Φ', () => {
    // Rows (1,2), (0,1), (3,0): ΦΦᵀ = [[5,2,3],[2,1,0],[3,0,9]], σ² = 0.25 on the diagonal.
    const S = representationCovariance(rows([[1, 2], [0, 1], [3, 0]]), 0.5);
    expect(S.map((r) => Array.from(r))).toEqual([
      [5.25, 2, 3],
      [2, 1.25, 0],
      [3, 0, 9.25],
    ]);
  });

  it('Φz and Φᵀu on a worked 3×2 Φ', () => {
    const P = rows([[1, 2], [0, 1], [3, 0]]);
    expect(Array.from(phiTimes(P, vec([2, -1])))).toEqual([0, -1, 6]);
    // Φᵀu = 1·(1,2) + 2·(0,1) − 1·(3,0) = (−2, 4).
    expect(Array.from(phiTransposeTimes(P, vec([1, 2, -1])))).toEqual([-2, 4]);
    // Φᵀu is linear in u and reads every row: <Φz, u> = <z, Φᵀu>.
    const z = vec([0.5, -3]);
    const u = vec([2, -1, 0.25]);
    near(dot(phiTimes(P, z), u), dot(z, phiTransposeTimes(P, u)));
  });

  it('matVec: Ax for a matrix given as rows', () => {
    expect(Array.from(matVec([[1, 2], [0, -1], [3, 0.5]], vec([2, 4])))).toEqual([10, -4, 8]);
  });

  it('scoreSignal: a sum that cancels to rounding residue is exactly 0, a genuinely small one is kept', () => {
    // Φ = (0.1, 0.2, 0.3)ᵀ, u = (1, 1, −1): Φᵀu = 0.1 + 0.2 − 0.3, which is 0 exactly but
    // 5.6e-17 in floating point; a constant judge must not read that residue as signal.
    const L = model([[0.1], [0.2], [0.3]], [1], 0);
    expect(phiTransposeTimes(L.Phi, vec([1, 1, -1]))[0]).not.toBe(0);
    expect(Array.from(scoreSignal(L, vec([1, 1, -1])))).toEqual([0]);
    // Φ = (1e-13): the signal 1e-13·u is small in absolute terms but not a cancellation.
    const T = model([[1e-13]], [1], 0);
    expect(Array.from(scoreSignal(T, vec([1])))).toEqual([1e-13]);
    // An ordinary signal is Φᵀu unchanged.
    const M = model([[1, 2], [0, 1], [3, 0]], [1, 1], 0.5);
    expect(Array.from(scoreSignal(M, vec([1, 2, -1])))).toEqual([-2, 4]);
  });
});

describe('q and u* on worked instances', () => {
  it('Φ = diag(1, 2), w* = (1, 1), σ = 1: q² = (1/2 + 4/5)/2 = 0.65, u* = (1/2, 2/5)', () => {
    // Σ_h = diag(2, 5); Φw* = (1, 2); w*ᵀΦᵀΣ_h⁻¹Φw* = 1/2 + 4/5 = 1.3 over ‖w*‖² = 2.
    const L = model([[1, 0], [0, 2]], [1, 1], 1);
    near(ceiling(L), Math.sqrt(0.65));
    const u = optimalProbe(L);
    near(u[0], 0.5);
    near(u[1], 0.4);
    // T3.a's quadratic form: <Φw*, u*> = q²‖w*‖².
    near(dot(vec([1, 2]), u), 0.65 * 2);
  });

  it('Φ = I₁, σ = 3/4: q = 1/sqrt(1 + σ²) = 4/5 whatever the scale of w*', () => {
    for (const w of [1, -2, 1e-3]) near(ceiling(model([[1]], [w], 0.75)), 0.8);
    // u* = Σ_h⁻¹Φw* = w*/(1 + 9/16).
    near(optimalProbe(model([[1]], [-2], 0.75))[0], -2 / (25 / 16));
  });

  it('σ = 0, rank-deficient Φ = [[1,1],[1,1]], w* = (1, 0): q = 1/√2, u* = (1/4, 1/4)', () => {
    // Σ_h = ΦΦᵀ = 4nnᵀ with n = (1,1)/√2, Σ_h⁺ = nnᵀ/4; Φw* = (1, 1) = √2n:
    // w*ᵀΦᵀΣ_h⁺Φw* = 2/4 = 1/2 and u* = Σ_h⁺(1, 1) = (1/4, 1/4). The zero eigenvalue of ΦᵀΦ
    // (direction (1, −1)/√2, half of w*) is not inverted: q would read 1 if it were.
    const L = model([[1, 1], [1, 1]], [1, 0], 0);
    near(ceiling(L), Math.SQRT1_2);
    const u = optimalProbe(L);
    near(u[0], 0.25);
    near(u[1], 0.25);
  });

  it('d < m, σ = 0: q² is the share of w* in Φ\'s row space', () => {
    // Φ = (1, 1, 1) (d = 1), w* = (1, 0, 0): Σ_h = 3, Φw* = 1, q² = 1/3; u* = 1/3.
    const L = model([[1, 1, 1]], [1, 0, 0], 0);
    near(ceiling(L), Math.sqrt(1 / 3));
    near(optimalProbe(L)[0], 1 / 3);
  });

  it('Φw* = 0 gives q = 0 and u* = 0 at every σ, even σ² = 2^-26 (no rounding-level eigenvalue kept)', () => {
    // Φ's rows (0.3, 0.7, 1.1) and (0.2, 0.9, 1.6) are both orthogonal to w* = (1, −2, 1), so
    // V* is independent of h: q = 0 exactly. ΦᵀΦ has a third eigenvalue that is 0 in exact
    // arithmetic and comes out of the eigen-solver at ~4e-16; read as genuine, at σ² = 2^-26 it
    // would carry λ/(λ + σ²) ≈ 2.5e-8 of w* into q² (q ≈ 1.6e-4). The same with two rows
    // (0.1, 0.7), (0.3, 2.1) of rank 1 and w* = (7, −1).
    for (const [P, w] of [
      [[[0.3, 0.7, 1.1], [0.2, 0.9, 1.6]], [1, -2, 1]],
      [[[0.1, 0.7], [0.3, 2.1]], [7, -1]],
    ] as [number[][], number[]][])
      for (const sigma of [2 ** -13, 1e-3, 0.5, 0]) {
        const L = model(P, w, sigma);
        expect(ceiling(L), `σ = ${sigma}`).toBeLessThanOrEqual(1e-10);
        for (const x of optimalProbe(L)) expect(Math.abs(x), `σ = ${sigma}`).toBeLessThanOrEqual(1e-10);
      }
  });

  it('the pseudo-inverse drops what the d×d route drops: singular values of Σ_h at most PINV_RCOND·d·s₁', () => {
    // Φ = diag(1, 1e-6), σ = 0, w* = e₂: Σ_h = diag(1, 1e-12), and 1e-12 <= PINV_RCOND·2·1, so
    // Σ_h⁺ = diag(1, 0) and q = 0 (read as rounding noise, as ml-matrix's pseudoInverse at the
    // same cut-off reads it). At diag(1, 3e-6) the second value (9e-12) is kept: q = 1. Padding
    // with rows of zeros raises d and with it the cut-off: (1, 0), (0, 3e-6) and 8 zero rows
    // (d = 10, cut-off 1e-11) drop it.
    const viaPinv = (P: number[][], w: number[], sigma: number) => {
      const L = model(P, w, sigma);
      const S = new Matrix(representationCovariance(L.Phi, sigma).map((r) => Array.from(r)));
      const b = Matrix.columnVector(Array.from(phiTimes(L.Phi, L.wStar)));
      return Math.sqrt(Math.max(0, b.transpose().mmul(pseudoInverse(S, PINV_RCOND)).mmul(b).get(0, 0))) / norm(L.wStar);
    };
    const zerosRows = Array.from({ length: 8 }, () => [0, 0]);
    for (const [P, want] of [
      [[[1, 0], [0, 1e-6]], 0],
      [[[1, 0], [0, 3e-6]], 1],
      [[[1, 0], [0, 3e-6], ...zerosRows], 0],
    ] as [number[][], number][]) {
      near(ceiling(model(P, [0, 1], 0)), want, 1e-12);
      near(viaPinv(P, [0, 1], 0), want, 1e-12);
      for (const x of optimalProbe(model(P, [0, 1], 0)).slice(2)) expect(x).toBe(0);
    }
    // u* at diag(1, 3e-6), w* = e₂: Σ_h⁺Φw* = (0, 3e-6/9e-12) = (0, 1/3e-6).
    const u = optimalProbe(model([[1, 0], [0, 3e-6]], [0, 1], 0));
    near(u[0], 0, 1e-9);
    near(u[1] * 3e-6, 1, 1e-9);
  });

  it('Φ = 0: nothing is kept, q = 0 and u* = 0', () => {
    const L = model([[0, 0], [0, 0]], [1, 2], 0.5);
    expect(ceiling(L)).toBe(0);
    expect(Array.from(optimalProbe(L))).toEqual([0, 0]);
    expect(spectralRounding(L)).toBe(0);
  });

  it('u* attains q: corr(<u*, h>, V*) = <Φᵀu*, w*>/(sqrt(‖Φᵀu*‖² + σ²‖u*‖²)‖w*‖) = q (T3.b equality)', () => {
    // A full 3×2 Φ with noise: the correlation computed here from its definition.
    const L = model([[1, 2], [0, 1], [3, -1]], [2, -1], 0.7);
    const u = optimalProbe(L);
    const b = phiTransposeTimes(L.Phi, u);
    const corr = dot(b, L.wStar) / (Math.sqrt(dot(b, b) + 0.49 * dot(u, u)) * norm(L.wStar));
    near(corr, ceiling(L), 1e-12);
    // …and the Cholesky-free check of q² itself: Σ_h u* = Φw* (u* solves the normal equations).
    const S = representationCovariance(L.Phi, 0.7);
    const Pw = phiTimes(L.Phi, L.wStar);
    S.forEach((r, i) => near(dot(vec(r), u), Pw[i], 1e-12));
    near(dot(Pw, u), ceiling(L) ** 2 * dot(L.wStar, L.wStar), 1e-12);
  });
});

describe('spectralRounding scales with the condition number of the kept spectrum of Σ_h', () => {
  // The kept eigenvalues of Σ_h are λ_i + σ² over the λ_i > 0 of ΦᵀΦ.
  const base = spectralRounding(model([[1, 0], [0, 1]], [1, 1], 0)); // κ = 1
  it('O(ε) at κ = 1', () => {
    expect(base).toBeGreaterThanOrEqual(Number.EPSILON);
    expect(base).toBeLessThanOrEqual(100 * Number.EPSILON);
  });
  it('κ = 4 for diag(1, 2) at σ = 0, 5/2 at σ = 1, and 1 for rank-deficient [[1,1],[1,1]] (its zero eigenvalue dropped)', () => {
    near(spectralRounding(model([[1, 0], [0, 2]], [1, 1], 0)) / base, 4, 1e-12);
    near(spectralRounding(model([[1, 0], [0, 2]], [1, 1], 1)) / base, 2.5, 1e-12);
    near(spectralRounding(model([[1, 1], [1, 1]], [1, 0], 0)) / base, 1, 1e-12);
    // Three kept values 1, 4, 9 (σ = 0): κ = 9, whichever order the solver returns them in.
    near(spectralRounding(model([[3, 0, 0], [0, 1, 0], [0, 0, 2]], [1, 1, 1], 0)) / base, 9, 1e-12);
  });
});

describe('judge scores', () => {
  const u = vec([1, -2]);
  const h = vec([3, 0.5]); // <u, h> = 2
  it('linear <u,h>, sign, tanh(a<u,h>), quadratic hᵀQh + <u,h>', () => {
    expect(judgeScore({ kind: 'linear' }, u, h)).toBe(2);
    expect(judgeScore({ kind: 'sign' }, u, h)).toBe(1);
    expect(judgeScore({ kind: 'sign' }, u, vec([3, 2]))).toBe(-1);
    expect(judgeScore({ kind: 'sign' }, u, vec([2, 1]))).toBe(0);
    near(judgeScore({ kind: 'tanh', a: 0.25 }, u, h), Math.tanh(0.5));
    // Q = [[1, 2], [0, −1]]: hᵀQh = 9 + 2·3·0.5 − 0.25 = 11.75, plus <u,h> = 2.
    expect(judgeScore({ kind: 'quadratic', Q: [[1, 2], [0, -1]] }, u, h)).toBe(13.75);
  });
  it('a given score x stands for <u,h>', () => {
    expect(judgeScore({ kind: 'linear' }, u, h, -7)).toBe(-7);
    expect(judgeScore({ kind: 'sign' }, u, h, -7)).toBe(-1);
    near(judgeScore({ kind: 'tanh', a: 0.5 }, u, h, -1), Math.tanh(-0.5));
    expect(judgeScore({ kind: 'quadratic', Q: [[1, 2], [0, -1]] }, u, h, 0)).toBe(11.75);
  });
});
