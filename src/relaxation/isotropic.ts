/** `isotropic`: Σ raised to the power λ, so that its condition number runs from 1 to κ(Σ). */
import { Reader } from '../instance/reader.ts';
import { symmetricEigen } from '../linalg/symmetric-eigen.ts';
import type { RelaxationPath } from './types.ts';
import { without, withFields } from './types.ts';

export const isotropicPath: RelaxationPath = {
  tag: 'isotropic',
  from: 'dropped',
  frozen: ['Sigma', 'SigmaDiag', 'SigmaFactor'],
  parameter: 'Σ^λ: condition number κ(Σ)^λ, log-condition linear in λ',
  doc:
    'A draw of the widened generator with covariance Σ = Σ_i e_i q_i q_iᵀ gets Σ_λ = Σ_i e_i^λ q_i q_iᵀ: the identity at ' +
    'λ = 0 (field omitted), Σ at λ = 1, same eigenvectors, condition number κ(Σ)^λ (so log κ grows linearly in λ, ' +
    'up to the generator\'s largest κ rather than a fixed 10^4). A structured Σ (SigmaDiag + SigmaFactor) is written ' +
    'densely along the path. Fields the generator derived from Σ (w = Σv*, say) are kept as drawn.',
  relax(inst, lambda) {
    const r = new Reader(inst);
    if (!r.has('Sigma') && !r.has('SigmaDiag')) return inst;
    if (lambda === 0) return without(inst, 'Sigma', 'SigmaDiag', 'SigmaFactor');
    if (lambda === 1) return inst;
    const d = r.has('Sigma') ? r.vecs('Sigma')[0].length : r.vec('SigmaDiag').length;
    const { values, vectors } = symmetricEigen(r.covariance(d).toArray());
    const S = Array.from({ length: d }, (_, i) =>
      Array.from({ length: d }, (_, j) => values.reduce((acc, e, k) => acc + Math.max(e, 0) ** lambda * vectors[k][i] * vectors[k][j], 0)),
    );
    // Symmetric to the last bit (Jacobi's rounding is not), as the reader requires.
    for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) S[i][j] = S[j][i];
    return withFields(without(inst, 'SigmaDiag', 'SigmaFactor'), { Sigma: S });
  },
};
