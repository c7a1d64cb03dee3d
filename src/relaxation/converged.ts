/** `converged`: β from 10^(−6)·β (nearly converged) to the drawn β, log-linear in λ. */
import type { RelaxationPath } from './types.ts';
import { withFields } from './types.ts';

const BETA_DECADES = 6;

export const convergedPath: RelaxationPath = {
  tag: 'converged',
  from: 'dropped',
  frozen: ['beta'],
  parameter: 'KL coefficient β_λ = β·10^(−6(1 − λ))',
  doc:
    '`converged` is a mode of evaluation (β → 0), met by every instance. At λ = 0 the claim is evaluated with the tag ' +
    'in force (the limit β → 0); for λ > 0 without it, at β_λ = β·10^(−6(1 − λ)), β the widened draw\'s own: a ' +
    'millionth of it just above 0 (near the limit), the draw itself at λ = 1.',
  relax(inst, lambda) {
    const beta = (inst as { beta?: number }).beta;
    if (lambda === 0 || lambda === 1 || typeof beta !== 'number') return inst;
    return withFields(inst, { beta: beta * 10 ** (-BETA_DECADES * (1 - lambda)) });
  },
};
