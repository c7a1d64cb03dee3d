/** `orthogonal-latents`: orthonormal directions leaned on their sum until every pairwise cosine is λ. */
import type { RelaxationPath } from './types.ts';
import { rows, withFields } from './types.ts';

export const orthogonalLatentsPath: RelaxationPath = {
  tag: 'orthogonal-latents',
  from: 'held',
  frozen: ['latentDirections'],
  parameter: 'cosine c = λ between every two latent directions',
  doc:
    'A draw with orthonormal latent directions ℓ_1..ℓ_K (the tag in force; the widened draws may have K > d, which ' +
    'no pull-back can make orthonormal) becomes ℓ\'_k = α·ℓ_k + β·Σ_j ℓ_j with α = √(1 − λ) and β solving ' +
    '2αβ + Kβ² = λ: unit vectors whose pairwise cosines are all λ. The largest cosine runs from 0 to 1 (at λ = 1 ' +
    'all directions coincide, like the widened generator\'s [[1],[1]]).',
  relax(inst, lambda) {
    const o = inst as { latentDirections?: number[][] };
    if (!o.latentDirections || o.latentDirections.length < 2 || lambda === 0) return inst;
    const L = rows(o.latentDirections);
    const K = L.length;
    const alpha = Math.sqrt(1 - lambda);
    const beta = (-alpha + Math.sqrt(alpha * alpha + K * lambda)) / K;
    const S = L[0].map((_, i) => L.reduce((acc, l) => acc + l[i], 0));
    return withFields(inst, { latentDirections: L.map((l) => l.map((x, i) => alpha * x + beta * S[i])) });
  },
};
