/**
 * Learning a judge direction from preferences (Bradley–Terry): n pairs (h, h') from the base
 * law, each labelled "h preferred" with probability σ(<u, h − h'>) by the true judge u, and
 * û fitted by logistic regression without intercept on x = h − h'. A tiny ridge keeps the fit
 * finite when the sample is separable (small n), where the unpenalised MLE does not exist; it
 * does not change the direction the fit converges to as n grows.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import type { Covariance } from '../linalg/covariance.ts';
import type { Vec } from '../linalg/vec.ts';
import { HarnessError } from '../numeric/errors.ts';
import type { Rng } from '../numeric/rng.ts';

const sigmoid = (t: number) => (t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t)));

export interface PreferenceSample {
  readonly x: Vec[]; // h − h'
  readonly y: Uint8Array; // 1 when h is preferred
}

export function samplePreferences(S: Covariance, u: Vec, n: number, rng: Rng): PreferenceSample {
  const d = u.length;
  const z = new Float64Array(S.factorDim);
  const x: Vec[] = [];
  const y = new Uint8Array(n);
  for (let t = 0; t < n; t++) {
    for (let i = 0; i < z.length; i++) z[i] = rng.normal();
    const a = S.factor(z);
    for (let i = 0; i < z.length; i++) z[i] = rng.normal();
    const b = S.factor(z);
    const diff = new Float64Array(d);
    let score = 0;
    for (let i = 0; i < d; i++) {
      diff[i] = a[i] - b[i];
      score += u[i] * diff[i];
    }
    x.push(diff);
    y[t] = rng.uniform() < sigmoid(score) ? 1 : 0;
  }
  return { x, y };
}

/** Ridge-penalised logistic regression by Newton's method (d is small; each step is a d×d solve). */
export function fitBradleyTerry({ x, y }: PreferenceSample, ridge = 1e-3): Vec {
  const n = x.length;
  const d = x[0].length;
  const theta = new Float64Array(d);
  for (let iter = 0; iter < 100; iter++) {
    const grad = new Float64Array(d);
    const H = Matrix.eye(d, d).mul(ridge * n);
    for (let i = 0; i < d; i++) grad[i] = ridge * n * theta[i];
    for (let t = 0; t < n; t++) {
      const xt = x[t];
      let s = 0;
      for (let i = 0; i < d; i++) s += theta[i] * xt[i];
      const p = sigmoid(s);
      const w = p * (1 - p);
      for (let i = 0; i < d; i++) {
        grad[i] += (p - y[t]) * xt[i];
        for (let j = 0; j <= i; j++) H.set(i, j, H.get(i, j) + w * xt[i] * xt[j]);
      }
    }
    for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) H.set(i, j, H.get(j, i));
    const step = new CholeskyDecomposition(H).solve(Matrix.columnVector(Array.from(grad))).to1DArray();
    let change = 0;
    for (let i = 0; i < d; i++) {
      theta[i] -= step[i];
      change = Math.max(change, Math.abs(step[i]));
    }
    if (change <= 1e-10 * (1 + Math.max(...theta.map(Math.abs)))) return theta;
  }
  throw new HarnessError('Bradley–Terry fit did not converge in 100 Newton steps');
}
