// Direct facts about the T1 checks (src/theorems/t1-gain-law.ts) that the family's suite and the
// worked instances of properties/model/checks.test.ts leave open: what T1.a reports beside its
// margin (the quantities a stored witness carries and `explain` reads).
import { describe, expect, it } from 'vitest';
import type { Instance } from '../../src/instance/reader.ts';
import { evaluatePart } from '../../src/theorems/evaluate.ts';
import T1Family from '../../src/theorems/t1-gain-law.ts';

const [, T1a] = T1Family.parts;
const near = (a: number, b: number, tol = 1e-9) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol);

describe('T1.a on a worked instance', () => {
  // Σ = [[2,1],[1,2]], v* = e1, u = e2, ε = 2: ‖v*‖_Σ = √2, A = <e2,e1>_Σ/(‖e2‖_Σ‖e1‖_Σ) = 1/2,
  // ceiling sqrt(2ε)‖v*‖_Σ = 2√2, so G = ceiling·A = √2; the value's change along the policy
  // step is the gain itself.
  const inst = { Sigma: [[2, 1], [1, 2]], vStar: [1, 0], g: [1, 1], epsilon: 2, u: [0, 1] } as unknown as Instance;
  it('reports the alignment, the gain, the predicted gain and the change of value it judged the sign by', () => {
    const e = evaluatePart(T1a, inst, new Set(T1a.tags));
    expect(e.holds).toBe(true);
    const q = e.quantities as Record<string, number>;
    near(q.alignment, 0.5);
    near(q.gain, Math.SQRT2);
    near(q.predictedGain, Math.SQRT2);
    near(q.gainChange, Math.SQRT2);
    expect(q.valueScale).toBeGreaterThanOrEqual(Math.SQRT2);
  });
});
