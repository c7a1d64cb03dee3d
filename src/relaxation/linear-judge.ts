/** `linear-judge`: a nonlinear judge's departure from <u,h> scaled by λ. */
import type { RelaxationPath } from './types.ts';
import { without, withFields } from './types.ts';

/** tanh(a x) with a = 10^(−2) is <u,h> to a relative 1e-4 at |x| <= 1; 10^2 is sign(x) but at |x| < 0.03. */
const SLOPE_DECADES = 4;

export const linearJudgePath: RelaxationPath = {
  tag: 'linear-judge',
  from: 'dropped',
  frozen: ['judge'],
  parameter: 'slope of tanh(a<u,h>) over 4 decades toward sign; weight λ of a quadratic term',
  doc:
    'A draw of the widened generator with a nonlinear judge is pulled back toward <u,h>: a sign judge becomes ' +
    'tanh(a<u,h>) with a = 10^(4λ − 2) (nearly linear, up to scale, at small λ; sign at λ = 1); a tanh judge of slope a ' +
    'keeps tanh with slope a·10^(−4(1 − λ)); a quadratic judge hᵀQh + <u,h> has Q scaled to λQ. At λ = 0 the judge ' +
    'is the linear one (field omitted).',
  relax(inst, lambda) {
    const j = (inst as { judge?: { kind: string; a?: number; Q?: number[][] } }).judge;
    if (!j || j.kind === 'linear') return inst;
    if (lambda === 0) return without(inst, 'judge');
    if (lambda === 1) return inst;
    const shrink = 10 ** (-SLOPE_DECADES * (1 - lambda));
    switch (j.kind) {
      case 'sign':
        return withFields(inst, { judge: { kind: 'tanh', a: 100 * shrink } });
      case 'tanh':
        return withFields(inst, { judge: { kind: 'tanh', a: j.a! * shrink } });
      case 'quadratic':
        return withFields(inst, { judge: { kind: 'quadratic', Q: j.Q!.map((r) => r.map((x) => lambda * x)) } });
      default:
        return inst;
    }
  },
};
