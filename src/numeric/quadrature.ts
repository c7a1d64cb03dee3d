import { mlMatrix } from './ml-matrix.ts';

/** An n-node Gauss rule: Σ_i weights[i]·g(nodes[i]) approximates ∫ g dμ. */
export interface Rule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

/**
 * Golub–Welsch: the n-node Gauss rule of a weight μ whose orthonormal polynomials satisfy
 * x·p_k = b_{k+1}·p_{k+1} + a_k·p_k + b_k·p_{k−1}. The nodes are the eigenvalues of the Jacobi
 * matrix (diagonal a_0…a_{n−1}, off-diagonal b_1…b_{n−1}); the weight of a node is μ0 = μ(R)
 * times the squared first component of its unit eigenvector. The rule is exact for polynomials
 * of degree up to 2n − 1. One builder serves every family, so Hermite and Legendre cannot drift
 * apart in how they read the eigenvectors.
 */
export function golubWelsch(n: number, a: (k: number) => number, b: (k: number) => number, mu0: number): Rule {
  const { Matrix, EigenvalueDecomposition } = mlMatrix();
  const J = Matrix.zeros(n, n);
  for (let k = 0; k < n; k++) J.set(k, k, a(k));
  for (let k = 1; k < n; k++) {
    const bk = b(k);
    J.set(k - 1, k, bk);
    J.set(k, k - 1, bk);
  }
  const evd = new EigenvalueDecomposition(J, { assumeSymmetric: true });
  const V = evd.eigenvectorMatrix;
  const nodes = Float64Array.from(evd.realEigenvalues);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = mu0 * V.get(0, i) ** 2;
  return { nodes, weights };
}

/** A family of Gauss rules, each built once per n: callers ask for the same rule in inner loops. */
function cachedFamily(a: (k: number) => number, b: (k: number) => number, mu0: number): (n: number) => Rule {
  const cache = new Map<number, Rule>();
  return (n) => {
    let rule = cache.get(n);
    if (!rule) cache.set(n, (rule = golubWelsch(n, a, b, mu0)));
    return rule;
  };
}

const zero = (): number => 0;

/**
 * Gauss–Hermite for E[f(Z)], Z ~ N(0,1) (probabilists' weight e^{−x²/2}, total mass 1): the
 * probabilists' Hermite recurrence has a_k = 0, b_k = sqrt(k).
 */
export const gaussHermite: (n: number) => Rule = cachedFamily(zero, Math.sqrt, 1);

const legendre = cachedFamily(zero, (k) => k / Math.sqrt(4 * k * k - 1), 2);

/**
 * Gauss–Legendre on [−1, 1] (weight 1, total mass 2): a_k = 0, b_k = k/sqrt(4k² − 1). Returned
 * as { x, w }, the field names its callers have always read.
 */
export function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  const { nodes, weights } = legendre(n);
  return { x: nodes, w: weights };
}

/** E[f(m + sZ)] by an n-node Gauss–Hermite rule (smooth f: exact for polynomials of degree < 2n). */
export function normalExpectation(f: (x: number) => number, m: number, s: number, n = 80): number {
  const { nodes, weights } = gaussHermite(n);
  let acc = 0;
  for (let i = 0; i < n; i++) acc += weights[i] * f(m + s * nodes[i]);
  return acc;
}

const PHI0 = 1 / Math.sqrt(2 * Math.PI);

/**
 * E[g(Z)], Z ~ N(0,1), by 16-point Gauss–Legendre on unit panels over [−R, R], with extra
 * panels graded geometrically (down to width 2⁻⁸) on both sides of every break point, where g
 * may have a kink, a step or a steep transition: there a single global Hermite rule
 * (`normalExpectation`) converges slowly. The neglected tails weigh φ(R) ~ e^{−R²/2}; callers
 * whose g grows like e^{cZ} widen R by 2c (the integrand's peak moves to Z = c).
 */
export function normalExpect(g: (z: number) => number, breaks: readonly number[] = [], R = 12): number {
  const pts = new Set<number>();
  for (let k = -Math.ceil(R); k <= Math.ceil(R); k++) pts.add(Math.max(-R, Math.min(R, k)));
  for (const b of [0, ...breaks]) {
    if (!(b > -R && b < R)) continue;
    pts.add(b);
    for (let e = 1; e <= 8; e++) for (const s of [-1, 1]) {
      const p = b + s * 2 ** -e;
      if (p > -R && p < R) pts.add(p);
    }
  }
  const xs = [...pts].sort((a, b) => a - b);
  const { x, w } = gaussLegendre(16);
  let acc = 0;
  for (let p = 0; p + 1 < xs.length; p++) {
    const lo = xs[p];
    const hi = xs[p + 1];
    const half = (hi - lo) / 2;
    const mid = (hi + lo) / 2;
    for (let i = 0; i < x.length; i++) {
      const z = mid + half * x[i];
      acc += half * w[i] * PHI0 * Math.exp(-(z * z) / 2) * g(z);
    }
  }
  return acc;
}
/** Standard normal CDF. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/**
 * erf(x) for |x| <= 2 by the series e^{−x²}·(2/√π)·Σ 2ⁿx^{2n+1}/(2n+1)!!, whose terms are all
 * positive (no cancellation); beyond that erfc by its Laplace continued fraction, which with 60
 * terms is within 4e-16 relative from |x| = 2 on. The switch is at 2, not later, because
 * erfc = 1 − erf cancels: at |x| = 4 the series route kept only 8 significant digits of erfc.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  let r: number;
  if (z <= 2) {
    let term = z;
    let sum = z;
    for (let n = 1; n < 200 && term > 1e-17 * sum; n++) {
      term *= (2 * z * z) / (2 * n + 1);
      sum += term;
    }
    r = 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-z * z) * sum;
  } else {
    // erfc(z) = e^{−z²}/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …)))), evaluated bottom-up.
    let f = z;
    for (let k = 60; k >= 1; k--) f = z + k / 2 / f;
    r = Math.exp(-z * z) / Math.sqrt(Math.PI) / f;
  }
  return x >= 0 ? r : 2 - r;
}
