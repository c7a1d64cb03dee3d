/**
 * The naive baseline the structured path is measured against: for every draw, build Σ as a
 * dense d×d ml-matrix Matrix and the constitution as a dense d×d projection P = QQᵀ, and compute
 * T1's and T2.a's quantities by dense products. Same instances, same formulas, no structure.
 */
import { Matrix, QrDecomposition } from 'ml-matrix';
import type { Instance } from '../src/instance/reader.ts';

function denseSigma(inst: Instance, d: number): Matrix {
  if (inst.Sigma) return new Matrix(inst.Sigma as number[][]);
  if (inst.SigmaDiag) {
    const S = Matrix.diag(inst.SigmaDiag as number[]);
    for (const b of (inst.SigmaFactor as number[][] | undefined) ?? []) {
      const B = Matrix.columnVector(b);
      S.add(B.mmul(B.transpose()));
    }
    return S;
  }
  return Matrix.eye(d, d);
}

function denseProjection(inst: Instance, d: number): Matrix {
  if (!inst.basis) return Matrix.eye(d, d);
  const V = new Matrix(inst.basis as number[][]).transpose(); // d×k
  const Q = new QrDecomposition(V).orthogonalMatrix.subMatrix(0, d - 1, 0, V.columns - 1);
  return Q.mmul(Q.transpose());
}

const col = (x: unknown) => Matrix.columnVector(x as number[]);
const inner = (S: Matrix, x: Matrix, y: Matrix) => x.transpose().mmul(S).mmul(y).get(0, 0);
const alignment = (S: Matrix, x: Matrix, v: Matrix) => {
  const nx = Math.sqrt(inner(S, x, x));
  return nx === 0 ? 0 : inner(S, x, v) / (nx * Math.sqrt(inner(S, v, v)));
};
/** Linear-value gain at budget ε: <u,v*>_Σ/β with β = ‖u‖_Σ/sqrt(2ε). */
const gain = (S: Matrix, u: Matrix, v: Matrix, eps: number) => {
  const nu = Math.sqrt(inner(S, u, u));
  return nu === 0 ? 0 : (inner(S, u, v) * Math.sqrt(2 * eps)) / nu;
};

export function naiveT1(inst: Instance): number {
  const d = (inst.vStar as number[]).length;
  const S = denseSigma(inst, d);
  const v = col(inst.vStar);
  const u = col(inst.u);
  const eps = (inst.epsilon as number | undefined) ?? 1;
  return gain(S, u, v, eps) / (Math.sqrt(2 * eps) * Math.sqrt(inner(S, v, v))) - alignment(S, u, v);
}

export function naiveT2a(inst: Instance): number {
  const d = (inst.vStar as number[]).length;
  const S = denseSigma(inst, d);
  const P = denseProjection(inst, d);
  const v = col(inst.vStar);
  const g = col(inst.g);
  const uc = P.mmul(col(inst.w));
  const eps = (inst.epsilon as number | undefined) ?? 1;
  return (alignment(S, uc, v) - alignment(S, g, v)) * (gain(S, uc, v, eps) - gain(S, g, v, eps));
}

export const NAIVE: Record<string, (inst: Instance) => number> = { T1: naiveT1, 'T2.a': naiveT2a };
