// T4: adversarial constitutions (R3). T4.b follows THEORY's corrected statement; the clause
// as first stated is kept as T4.b-as-first-stated, which declares its failure at d = 1 (an
// expected outcome, checked by verifyFamily); here, the evidence that it is exactly that failure.
import { describe, expect, it } from 'vitest';
import { checkPart, describeReport, hitRate } from '../src/runner/check.ts';
import { evaluatePart } from '../src/theorems/evaluate.ts';
import T4 from '../src/theorems/t4-adversarial.ts';
import { MIN_HIT_RATE, SUITE_SEED, verifyFamily } from './support/suite.ts';

const T4b = T4.parts.find((p) => p.id === 'T4.b')!;
const firstStated = T4.parts.find((p) => p.id === 'T4.b-as-first-stated')!;

verifyFamily(T4);

/**
 * T4.b as first stated is false in d = 1: with <w,v*> > 0 the only activated direction is w
 * itself (A = c = 1), while the stated bound −sqrt(1 − c²) = 0 claims to be approached within
 * any δ. The property is kept as stated (never weakened); THEORY.md has since been corrected.
 */
describe('T4.b as first stated: the declared failure is exactly the d = 1 tightness clause', () => {
  it('fails minimally at d = 1 with <w,v*> > 0, and only in its tightness half', () => {
    const report = checkPart(firstStated, { seed: SUITE_SEED });
    expect(report.outcome, describeReport(report)).toBe('violated');
    expect((report.counterexample!.vStar as number[]).length).toBe(1);
    const v = evaluatePart(firstStated, { vStar: [1], w: [1], delta: 0.5 }, new Set());
    expect(v.holds).toBe(false);
    expect(v.quantities.bound).toBe(0);
    expect(v.quantities.alignmentConstructed).toBe(1);
    // The lower-bound half holds in d = 1; only tightness fails.
    expect(v.quantities.alignmentActivated).toBeGreaterThanOrEqual(v.quantities.bound);
  });

  it('holds for every d >= 2 (both the bound and its δ-tightness)', () => {
    const report = checkPart(firstStated, { seed: SUITE_SEED, gen: { minDim: 2 } });
    expect(report.outcome, describeReport(report)).toBe('holds');
    expect(hitRate(report)).toBeGreaterThanOrEqual(MIN_HIT_RATE);
  });

  it('holds in d = 1 when <w,v*> < 0 (the construction span{v*} attains −1)', () => {
    expect(evaluatePart(firstStated, { vStar: [2], w: [-1], delta: 2 ** -20 }, new Set()).holds).toBe(true);
  });
});

describe('T4.b as corrected', () => {
  it('the d = 1 witness of the first statement satisfies it: tightness is not claimed there', () => {
    const v = evaluatePart(T4b, { vStar: [1], w: [1], delta: 0.5 }, new Set());
    expect(v.holds).toBe(true);
    expect(v.quantities.tightnessClaimed).toBe(0);
  });

  it('checks tightness wherever it is claimed (d = 2, <w,v*> > 0): the construction comes within δ', () => {
    const v = evaluatePart(T4b, { vStar: [1, 0], w: [1, 1], delta: 2 ** -10 }, new Set());
    expect(v.quantities.tightnessClaimed).toBe(1);
    expect(v.holds).toBe(true);
    expect(v.quantities.alignmentConstructed).toBeLessThanOrEqual(v.quantities.bound + 2 ** -10);
  });
});
