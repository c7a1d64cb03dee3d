/** `non-conflicting`: v_1 turned toward −v_2 until their Σ-cosine is −1. */
import { Reader } from '../instance/reader.ts';
import { sNorm } from '../linalg/covariance.ts';
import { vec } from '../linalg/vec.ts';
import type { RelaxationPath } from './types.ts';
import { rows, withFields } from './types.ts';

export const nonConflictingPath: RelaxationPath = {
  tag: 'non-conflicting',
  from: 'held',
  frozen: ['values'],
  parameter: 'turn λ of v_1 toward −v_2 (Σ-cosine from ≥ 0 to −1)',
  doc:
    'A draw with non-conflicting values v_1..v_m (the tag in force) has v_1 replaced by (1 − λ)·v_1 − λ·(|v_1|_Σ/|v_2|_Σ)·v_2: ' +
    'the draw at λ = 0, exactly opposed to v_2 at λ = 1 (Σ-cosine −1), with the conflict growing in between; the other ' +
    'values and the weights stay. With m = 1 there is nothing to conflict with and the path stays at the draw.',
  relax(inst, lambda) {
    const o = inst as { values?: number[][] };
    if (!o.values || o.values.length < 2 || lambda === 0) return inst;
    const V = rows(o.values);
    const S = new Reader(inst).covariance(V[0].length);
    const n1 = sNorm(S, vec(V[0]));
    const n2 = sNorm(S, vec(V[1]));
    if (n2 === 0) return inst;
    const c = n1 / n2;
    V[0] = V[0].map((x, i) => (1 - lambda) * x - lambda * c * V[1][i]);
    return withFields(inst, { values: V });
  },
};
