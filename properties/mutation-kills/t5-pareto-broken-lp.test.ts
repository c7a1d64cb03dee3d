// Teeth for T5.a and T5.c (src/theorems/t5-pareto.ts): LPs broken on purpose (as in
// properties/teeth.test.ts) make each part fail, by the margin of the certificate that catches
// them. src/model/pareto.ts is mocked for the whole file (hoisted), and each test says which LP
// to break through `broken`, so the theorem module loads once, as in every other test file:
// reloading it inside a test (vi.doMock) makes its module-level code count as covered by that
// test alone in a mutation run, where Stryker then counts the static mutants it would ignore.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { evaluatePart } from '../../src/theorems/evaluate.ts';
import T5 from '../../src/theorems/t5-pareto.ts';

type Pareto = typeof import('../../src/model/pareto.ts');
const broken = vi.hoisted(() => ({ patch: undefined as undefined | ((m: Pareto) => Partial<Pareto>) }));

vi.mock('../../src/model/pareto.ts', async (importOriginal) => {
  const real = await importOriginal<Pareto>();
  const pick = <K extends 'gordanMultipliers' | 'maxMinMargin'>(k: K): Pareto[K] =>
    ((...args: unknown[]) => {
      const f = (broken.patch?.(real)[k] ?? real[k]) as (...a: unknown[]) => unknown;
      return f(...args);
    }) as Pareto[K];
  return { ...real, gordanMultipliers: pick('gordanMultipliers'), maxMinMargin: pick('maxMinMargin') };
});

const near = (a: number, b: number, tol = 1e-12) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol);

describe('teeth: broken LPs fail T5.a and T5.c by the certificate that catches them', () => {
  const parts = T5.parts;
  const evaluate = evaluatePart;
  /** Break the LPs for one test (the mock reads `broken` on every call). */
  const withPareto = (patch: (m: Pareto) => Partial<Pareto>) => {
    broken.patch = patch;
    return { parts, evaluate };
  };
  afterEach(() => {
    broken.patch = undefined;
  });

  it('an LP 2 that always returns multipliers: with C ≠ ∅ both sides are claimed, which Gordan excludes: margin −t* = −(√2 − 1)', () => {
    // e1 and (−1, 1): t* = max min(u1, (u2 − u1)/√2) = √2 − 1 (u = (√2 − 1, 1)), well above LP_TOL.
    const { parts, evaluate } = withPareto(() => ({ gordanMultipliers: (t) => Float64Array.from(t, () => 1 / t.length) }));
    const e = evaluate(parts[0], { values: [[1, 0], [-1, 1]] }, new Set());
    expect(e.quantities.coneNonEmpty).toBe(1);
    expect(e.quantities.lambdaFound).toBe(1);
    near(e.margin, -(Math.SQRT2 - 1), 1e-9);
    expect(e.holds).toBe(false);
  });

  it('an LP 2 that never finds multipliers: with C = ∅ neither side is certified: margin −1, a full unit of the cosine scale', () => {
    const { parts, evaluate } = withPareto(() => ({ gordanMultipliers: () => null }));
    const e = evaluate(parts[0], { values: [[1, 0], [-1, 0]] }, new Set());
    expect(e.quantities.coneNonEmpty).toBe(0);
    expect(e.quantities.lambdaFound).toBe(0);
    expect(e.margin).toBe(-1);
    expect(e.holds).toBe(false);
  });

  // v1 = (1, 1), v2 = (2, 1): both cosines grow with u1 and u2, so both LPs sit at the corner
  // u = (1, 1): t*_m = <(1, 1), v̂1> = √2 and t*_{m+1} = min(√2, 3/√5) = 3/√5; that u attains √2 on v1.
  const fewerMore = { values: [[1, 1], [2, 1]] };
  const tMore = 3 / Math.sqrt(5);

  it('an LP that understates the smaller problem’s t* (¼ of it): its optimality certificate fails, by t*_m/4 − √2', () => {
    const { parts, evaluate } = withPareto((m) => ({
      maxMinMargin: (t) => {
        const r = m.maxMinMargin(t);
        return t.length === 1 ? { ...r, t: r.t / 4 } : r;
      },
    }));
    const e = evaluate(parts[2], fewerMore, new Set());
    near(e.quantities.attainedFewer, Math.SQRT2, 1e-9);
    near(e.quantities.tMore, tMore, 1e-9);
    // attainedMore − t*_{m+1} = 0; t*_m − attainedFewer = √2/4 − √2; t*_m − t*_{m+1} = √2/4 − 3/√5 (larger).
    near(e.margin, Math.SQRT2 / 4 - Math.SQRT2, 1e-9);
    expect(e.holds).toBe(false);
  });

  it('an LP that also overstates the larger t* (twice it): the direct comparison t*_m − t*_{m+1} is the weakest, √2/4 − 6/√5', () => {
    const { parts, evaluate } = withPareto((m) => ({
      maxMinMargin: (t) => {
        const r = m.maxMinMargin(t);
        return { ...r, t: t.length === 1 ? r.t / 4 : r.t * 2 };
      },
    }));
    const e = evaluate(parts[2], fewerMore, new Set());
    // attainedMore − 2·t*_{m+1} = −3/√5; t*_m/4 − √2 = −3√2/4; t*_m/4 − 2·t*_{m+1} = √2/4 − 6/√5 (smallest).
    near(e.margin, Math.SQRT2 / 4 - 2 * tMore, 1e-9);
    expect(e.holds).toBe(false);
  });
});
