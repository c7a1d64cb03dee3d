import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/**
 * Gauss–Hermite quadrature for E[f(Z)], Z ~ N(0,1) (probabilists' weight e^{−x²/2}).
 * Nodes and weights come from the Golub–Welsch eigenproblem of the Jacobi matrix of the
 * probabilists' Hermite recurrence (off-diagonal sqrt(k)); an n-node rule is exact for
 * polynomials of degree up to 2n − 1.
 */
export interface Rule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

const cache = new Map<number, Rule>();

export function gaussHermite(n: number): Rule {
  const hit = cache.get(n);
  if (hit) return hit;
  const J = Matrix.zeros(n, n);
  for (let k = 1; k < n; k++) {
    J.set(k - 1, k, Math.sqrt(k));
    J.set(k, k - 1, Math.sqrt(k));
  }
  const evd = new EigenvalueDecomposition(J, { assumeSymmetric: true });
  const V = evd.eigenvectorMatrix;
  const nodes = Float64Array.from(evd.realEigenvalues);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = V.get(0, i) ** 2; // total mass 1
  const rule = { nodes, weights };
  cache.set(n, rule);
  return rule;
}

/** E[f(m + sZ)] by an n-node Gauss–Hermite rule. */
export function normalExpectation(f: (x: number) => number, m: number, s: number, n = 80): number {
  const { nodes, weights } = gaussHermite(n);
  let acc = 0;
  for (let i = 0; i < n; i++) acc += weights[i] * f(m + s * nodes[i]);
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
