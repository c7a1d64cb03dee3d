// Direct facts about the hunt (src/runner/hunt.ts) and the re-confirmation of its witnesses
// (src/runner/confirm.ts), on toy parts whose margin is set here, so every expected figure is
// read off the toy: what a robust violation is (twice the tolerance, a quarter of the first
// miss or ROBUST_FLOOR, whichever asks less); what confirm reports (the JSON round-trip, the
// tags in force, 16 perturbations of relative size 1e-6 in a seeded random direction, discrete
// fields left alone, harness errors said and input errors not); and what the hunt reports (the
// budget spent, the seeds and shards tried, the closest approach, the time limit, the simplest
// witness over the seeds, the path that replays it, rejected instances, the store record).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Instance } from '../../src/instance/reader.ts';
import { HarnessError, InputError } from '../../src/numeric/errors.ts';
import { confirm, ROBUST_FLOOR, robustViolation } from '../../src/runner/confirm.ts';
import { DEFAULT_HUNT_RUNS, DEFAULT_HUNT_SEEDS, DEFAULT_SEED } from '../../src/runner/defaults.ts';
import { hunt, shrinkFrom, shrinkWitness, toCounterexample } from '../../src/runner/hunt.ts';
import type { Verdict } from '../../src/theorems/evaluate.ts';
import { defineFamily } from '../../src/theorems/family.ts';
import type { TheoremPart } from '../../src/theorems/types.ts';
import { VERSION } from '../../src/version.ts';

interface ToyOptions {
  /** The generator (default: vStar = [x], x an integer in [0, 100]). */
  readonly arbitrary?: fc.Arbitrary<Instance>;
  readonly numRuns?: number;
  readonly tags?: string[];
  /** Every instance the part is asked about, in order. */
  readonly log?: Instance[];
}

/**
 * A toy part on vStar (one or more coordinates): `margin(x)` decides, tol 1e-9 unless given.
 * An instance of another shape is outside the claim (an InputError), as a real part's would be.
 */
function toy(margin: (x: number[], inst: Instance) => number | { margin: number; tol: number }, opts: ToyOptions = {}): TheoremPart {
  return defineFamily('/virtual/runner-hunt-kills.ts', {
    id: 'ToyH',
    paperClaims: ['R1'],
    tags: (opts.tags ?? ['linear-value', 'converged']) as never,
    numRuns: opts.numRuns,
    arbitrary: () => opts.arbitrary ?? fc.integer({ min: 0, max: 100 }).map((x) => ({ vStar: [x] }) as Instance),
    parts: [
      {
        id: 'ToyH',
        title: 'toy',
        statement: 'margin as the test says',
        evaluate: (inst) => {
          opts.log?.push(inst);
          const v = inst.vStar;
          if (!Array.isArray(v) || v.length === 0 || !v.every((y) => typeof y === 'number')) throw new InputError('toy: vStar must be a non-empty vector');
          const m = margin(v as number[], inst);
          const e = typeof m === 'number' ? { margin: m, tol: 1e-9 } : m;
          return { ...e, quantities: { x: (v as number[])[0], twice: 2 * (v as number[])[0] }, pre: true };
        },
      },
    ],
  }).parts[0];
}

const x0 = (inst: Instance | undefined) => (inst!.vStar as number[])[0];
const verdict = (margin: number, tol: number): Verdict => ({ margin, tol, holds: margin >= -tol, quantities: {}, pre: true });
const NONE = new Set<string>();
/** Spin for `ms` milliseconds (a slow evaluation, for the time figures). */
const spin = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe('robustViolation: beyond twice the tolerance, and by a quarter of the first miss or ROBUST_FLOOR', () => {
  it('a claim that holds is never a robust violation, whatever the first miss was', () => {
    expect(robustViolation(verdict(0, 0))).toBe(false);
    expect(robustViolation(verdict(0, 0), -8)).toBe(false);
    expect(robustViolation(verdict(-0.05, 0.1))).toBe(false); // within the tolerance: holds
  });

  it('twice the tolerance exactly is the edge of it, not beyond: tol 0.1, margin −0.2 is not robust, −0.21 is', () => {
    expect(robustViolation(verdict(-0.2, 0.1))).toBe(false);
    expect(robustViolation(verdict(-0.15, 0.1))).toBe(false); // violated, but within twice tol
    expect(robustViolation(verdict(-0.21, 0.1))).toBe(true);
    expect(robustViolation(verdict(-1, 0))).toBe(true);
  });

  it('once shrinking started from m0 = −0.04, a step must still miss by m0/4 = −0.01 (the floor, −1/64, would ask more)', () => {
    expect(ROBUST_FLOOR).toBe(1 / 64);
    expect(robustViolation(verdict(-0.01, 1e-9), -0.04)).toBe(true);
    expect(robustViolation(verdict(-0.009, 1e-9), -0.04)).toBe(false);
    expect(robustViolation(verdict(-0.009, 1e-9))).toBe(true); // on its own (no m0) it is robust
  });

  it('from m0 = −50 a step missing by 1 (not 12.5) is still robust: the floor −1/64 asks less than m0/4; −0.01 is not', () => {
    expect(robustViolation(verdict(-1, 1e-9), -50)).toBe(true);
    expect(robustViolation(verdict(-1 / 64, 1e-9), -50)).toBe(true);
    expect(robustViolation(verdict(-0.01, 1e-9), -50)).toBe(false);
    expect(robustViolation(verdict(-0.001, 1e-9), -8)).toBe(false);
  });
});

describe('confirm: the JSON round-trip and 16 perturbations of relative size 1e-6', () => {
  const inForce = new Set(['linear-value', 'converged']);

  it('a violation everywhere: reproduces, survives every perturbation, and no harness-error field at all', () => {
    expect(confirm(toy(() => -1), { vStar: [3] }, inForce)).toStrictEqual({ reproduces: true, perturbationSurvival: 1 });
    // With 4 trials the share is still a share: 4/4.
    expect(confirm(toy(() => -1), { vStar: [3] }, inForce, 4)).toStrictEqual({ reproduces: true, perturbationSurvival: 1 });
  });

  it('a claim that holds there: does not reproduce, no perturbation violates', () => {
    expect(confirm(toy(() => 1), { vStar: [3] }, inForce)).toStrictEqual({ reproduces: false, perturbationSurvival: 0 });
  });

  it('a violation on an instance outside the tags in force does not reproduce (its perturbations still violate)', () => {
    // Σ = diag(2) is not isotropic: with isotropic in force the violation says nothing.
    const part = toy(() => -1, { tags: ['isotropic', 'linear-value'] });
    const inst = { vStar: [1], SigmaDiag: [2] };
    expect(confirm(part, inst, new Set(['isotropic']))).toStrictEqual({ reproduces: false, perturbationSurvival: 1 });
    expect(confirm(part, inst, NONE)).toStrictEqual({ reproduces: true, perturbationSurvival: 1 });
  });

  it('a violation only at the exact point x = 0 reproduces but survives no perturbation (every number is moved, 0 too)', () => {
    const part = toy(([x]) => (x === 0 ? -1 : 1));
    expect(confirm(part, { vStar: [0] }, inForce)).toStrictEqual({ reproduces: true, perturbationSurvival: 0 });
  });

  it('on the edge of a half-space (violated for x >= 1, at x = 1) the random directions go both ways: a share strictly between 0 and 1', () => {
    const part = toy(([x]) => (x >= 1 ? -1 : 1));
    const c = confirm(part, { vStar: [1] }, inForce);
    expect(c.reproduces).toBe(true);
    expect(c.perturbationSurvival).toBeGreaterThan(0);
    expect(c.perturbationSurvival).toBeLessThan(1);
    expect(c.perturbationSurvival * 16).toBe(Math.round(c.perturbationSurvival * 16)); // a count out of 16
  });

  it('each number moves by at most a relative 1e-6 (absolute below 1), and on that scale: the largest of 16 moves is above a tenth of it', () => {
    const log: Instance[] = [];
    const start = [1000, 0.5, -3];
    confirm(toy(() => -1, { log }), { vStar: start }, inForce);
    expect(log).toHaveLength(17); // the round-trip copy, then 16 perturbations
    expect(log[0].vStar).toEqual(start);
    start.forEach((v, i) => {
      const moves = log.slice(1).map((inst) => Math.abs((inst.vStar as number[])[i] - v) / Math.max(1, Math.abs(v)));
      expect(Math.max(...moves)).toBeLessThanOrEqual(1e-6);
      expect(Math.max(...moves)).toBeGreaterThan(1e-7);
      expect(moves.every((m) => m > 0)).toBe(true);
    });
  });

  it('a discrete field (the instance\'s seed) is never perturbed; the real numbers beside it are', () => {
    const log: Instance[] = [];
    confirm(toy(() => -1, { log }), { vStar: [0.5], seed: 7 }, inForce);
    expect(log.map((i) => i.seed)).toEqual(Array(17).fill(7));
    expect(new Set(log.slice(1).map((i) => (i.vStar as number[])[0])).size).toBe(16);
  });

  it('a harness error in the re-evaluation and in each perturbation is reported, named, and the witness does not reproduce', () => {
    const part = toy(() => {
      throw new HarnessError('toy: broken');
    });
    expect(confirm(part, { vStar: [3] }, inForce)).toStrictEqual({
      reproduces: false,
      perturbationSurvival: 0,
      harnessErrors: ['re-confirmation: toy: broken', ...Array.from({ length: 16 }, (_, t) => `perturbation ${t}: toy: broken`)],
    });
  });

  it('a harness error only off the exact point: the copy reproduces, every perturbation is reported and none survives', () => {
    const part = toy(([x]) => {
      if (!Number.isInteger(x)) throw new HarnessError(`toy: x = ${x} breaks it`);
      return -1;
    });
    const c = confirm(part, { vStar: [3] }, inForce);
    expect(c.reproduces).toBe(true);
    expect(c.perturbationSurvival).toBe(0);
    expect(c.harnessErrors).toHaveLength(16);
    expect(c.harnessErrors![5]).toMatch(/^perturbation 5: toy: x = 3\.\d+ breaks it$/);
  });

  it('input errors (a perturbation or an instance outside the claim) count as not surviving and are no harness error', () => {
    const offPoint = toy(([x]) => {
      if (!Number.isInteger(x)) throw new InputError('toy: x must be whole');
      return -1;
    });
    expect(confirm(offPoint, { vStar: [3] }, inForce)).toStrictEqual({ reproduces: true, perturbationSurvival: 0 });
    // An unknown field: the witness no longer evaluates at all (nothing thrown, nothing reported).
    expect(confirm(toy(() => -1), { vStar: [3], bogus: 1 } as Instance, inForce)).toStrictEqual({ reproduces: false, perturbationSurvival: 0 });
  });
});
