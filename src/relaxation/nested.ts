/** `nested`: the rows the larger model shares with Φ drift from Φ's rows to the drawn ones. */
import type { RelaxationPath } from './types.ts';
import { rows, without, withFields } from './types.ts';

export const nestedPath: RelaxationPath = {
  tag: 'nested',
  from: 'dropped',
  frozen: ['Phi', 'PhiExtra', 'PhiLarge'],
  parameter: 'drift λ of the larger model\'s first d rows from Φ\'s rows',
  doc:
    'A draw of the widened generator with a non-nested larger model PhiLarge (N rows) is pulled back to the nested ' +
    'one whose rows are Φ\'s d rows followed by PhiLarge\'s rows beyond d: along the path the first min(N, d) rows ' +
    'are (1 − λ)·Φ_i + λ·PhiLarge_i, the rest stay. At λ = 0 the instance is written nested (Phi + PhiExtra, no ' +
    'PhiLarge); at λ = 1 it is the draw. Rather than a fraction of exactly shared rows (a step function at small d), ' +
    'the shared rows move continuously.',
  relax(inst, lambda) {
    const o = inst as { Phi?: number[][]; PhiLarge?: number[][] };
    if (!o.PhiLarge || !o.Phi) return inst;
    if (lambda === 1) return inst;
    const Phi = rows(o.Phi);
    const large = rows(o.PhiLarge);
    if (lambda === 0) {
      const extra = large.slice(Phi.length);
      return withFields(without(inst, 'PhiLarge', 'PhiExtra'), extra.length ? { PhiExtra: extra } : {});
    }
    const moved = large.map((r, i) => (i < Phi.length ? r.map((x, j) => (1 - lambda) * Phi[i][j] + lambda * x) : r));
    return withFields(inst, { PhiLarge: moved });
  },
};
