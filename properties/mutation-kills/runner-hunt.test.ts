// Direct facts about the hunt (src/runner/hunt.ts) and the re-confirmation of its witnesses
// (src/runner/confirm.ts), on toy parts whose margin is set here, so every expected figure is
// read off the toy: what a robust violation is (twice the tolerance, a quarter of the first
// miss or ROBUST_FLOOR, whichever asks less); what confirm reports (the JSON round-trip, the
// tags in force, 16 perturbations of relative size 1e-6 in a seeded random direction, discrete
// fields left alone, harness errors said and input errors not); and what the hunt reports (the
// budget spent, the seeds and shards tried, the closest approach, the time limit, the simplest
// witness over the seeds, the path that replays it, rejected instances, the store record), and
// that its verdict cache evaluates no instance twice by content while shrinking.
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

/** A confirmation without the copy's verdict (checked on its own below), for exact comparison. */
const plain = ({ verdict: _, ...rest }: ReturnType<typeof confirm>) => rest;
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
    expect(plain(confirm(toy(() => -1), { vStar: [3] }, inForce))).toStrictEqual({ reproduces: true, perturbationSurvival: 1 });
    // With 4 trials the share is still a share: 4/4.
    expect(plain(confirm(toy(() => -1), { vStar: [3] }, inForce, 4))).toStrictEqual({ reproduces: true, perturbationSurvival: 1 });
  });

  it("the copy's verdict is returned: what the stored JSON replays to, not the search's", () => {
    // JSON has no −0: the copy of x = −0 is 0, and a part that tells them apart is judged at 0.
    const part = toy(([x]) => (Object.is(x, -0) ? -1 : -0.5));
    const c = confirm(part, { vStar: [-0] }, inForce);
    expect(c.reproduces).toBe(true);
    expect(c.verdict).toMatchObject({ margin: -0.5, tol: 1e-9, holds: false, quantities: { x: 0, twice: 0 } });
    expect(Object.is(c.verdict!.quantities.x, 0)).toBe(true);
  });

  it('a copy violated only within twice its tolerance does not reproduce: it would fail its own replay', () => {
    // Robust at −0 (margin −1), at the edge at 0 (−1.5e-9 against tol 1e-9: violated, not robustly).
    const part = toy(([x]) => (Object.is(x, -0) ? -1 : -1.5e-9));
    expect(plain(confirm(part, { vStar: [-0] }, inForce))).toStrictEqual({ reproduces: false, perturbationSurvival: 1 });
    expect(plain(confirm(toy(() => -4e-9), { vStar: [3] }, inForce))).toStrictEqual({ reproduces: true, perturbationSurvival: 1 });
    // So the hunt stores no witness there, where it used to store one with the search's margin −1.
    const h = hunt(toy(([x]) => (Object.is(x, -0) ? -1 : -1.5e-9), { arbitrary: fc.constant({ vStar: [-0] } as Instance) }), ['linear-value'], { runs: 3, seeds: 2 });
    expect(h.found).toBeUndefined();
  });

  it("a hunt's record keeps the copy's margin and quantities", () => {
    const h = hunt(toy(([x]) => (Object.is(x, -0) ? -1 : -0.5), { arbitrary: fc.constant({ vStar: [-0] } as Instance) }), ['linear-value'], { runs: 3, seeds: 1 });
    const rec = toCounterexample(h, 3);
    expect(rec.margin).toBe(-0.5);
    expect(rec.quantities).toEqual({ x: 0, twice: 0 });
  });

  it('a claim that holds there: does not reproduce, no perturbation violates', () => {
    expect(plain(confirm(toy(() => 1), { vStar: [3] }, inForce))).toStrictEqual({ reproduces: false, perturbationSurvival: 0 });
  });

  it('a violation on an instance outside the tags in force does not reproduce (its perturbations still violate)', () => {
    // Σ = diag(2) is not isotropic: with isotropic in force the violation says nothing.
    const part = toy(() => -1, { tags: ['isotropic', 'linear-value'] });
    const inst = { vStar: [1], SigmaDiag: [2] };
    expect(plain(confirm(part, inst, new Set(['isotropic'])))).toStrictEqual({ reproduces: false, perturbationSurvival: 1 });
    expect(plain(confirm(part, inst, NONE))).toStrictEqual({ reproduces: true, perturbationSurvival: 1 });
  });

  it('a violation only at the exact point x = 0 reproduces but survives no perturbation (every number is moved, 0 too)', () => {
    const part = toy(([x]) => (x === 0 ? -1 : 1));
    expect(plain(confirm(part, { vStar: [0] }, inForce))).toStrictEqual({ reproduces: true, perturbationSurvival: 0 });
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
    expect(plain(confirm(part, { vStar: [3] }, inForce))).toStrictEqual({
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
    expect(c.harnessErrors![5]).toMatch(/^perturbation 5: toy: x = (3\.0000|2\.9999)\d* breaks it$/);
  });

  it('input errors (a perturbation or an instance outside the claim) count as not surviving and are no harness error', () => {
    const offPoint = toy(([x]) => {
      if (!Number.isInteger(x)) throw new InputError('toy: x must be whole');
      return -1;
    });
    expect(plain(confirm(offPoint, { vStar: [3] }, inForce))).toStrictEqual({ reproduces: true, perturbationSurvival: 0 });
    // An unknown field: the witness no longer evaluates at all (nothing thrown, nothing reported).
    expect(plain(confirm(toy(() => -1), { vStar: [3], bogus: 1 } as Instance, inForce))).toStrictEqual({ reproduces: false, perturbationSurvival: 0 });
  });
});

describe('hunt: the budget, the seeds and the shards', () => {
  it('runs per seed: the part\'s numRuns capped at DEFAULT_HUNT_RUNS, else DEFAULT_HUNT_RUNS; seeds: DEFAULT_HUNT_SEEDS', () => {
    const few = hunt(toy(() => 1, { numRuns: 5 }), ['linear-value']);
    expect([few.runsPerSeed, few.seedsTried, few.runsSpent]).toEqual([5, DEFAULT_HUNT_SEEDS, 5 * DEFAULT_HUNT_SEEDS]);
    const many = hunt(toy(() => 1, { numRuns: 10 * DEFAULT_HUNT_RUNS }), ['linear-value'], { seeds: 1 });
    expect([many.runsPerSeed, many.runsSpent]).toEqual([DEFAULT_HUNT_RUNS, DEFAULT_HUNT_RUNS]);
    const unset = hunt(toy(() => 1), ['linear-value'], { seeds: 1 });
    expect(unset.runsPerSeed).toBe(DEFAULT_HUNT_RUNS);
    // An explicit budget wins over the part's.
    expect(hunt(toy(() => 1, { numRuns: 5 }), ['linear-value'], { runs: 7, seeds: 1 }).runsSpent).toBe(7);
  });

  it('seed s of n is base + s; shard i/n takes the seeds s ≡ i − 1 (mod n); each seed is named in its harness errors', () => {
    const broken = toy(() => {
      throw new HarnessError('toy: broken');
    });
    const seedsOf = (r: { harnessErrors: readonly string[] }) => r.harnessErrors.map((e) => Number(/^seed (-?\d+): toy: broken$/.exec(e)![1]));
    const all = hunt(broken, ['linear-value'], { runs: 1, seeds: 4, seed: 100 });
    expect(seedsOf(all)).toEqual([100, 101, 102, 103]);
    expect([all.seedsTried, all.runsSpent]).toEqual([4, 4]); // a draw that breaks the harness is still a draw spent
    const shard = hunt(broken, ['linear-value'], { runs: 1, seeds: 7, seed: 100, seedShard: { index: 2, count: 3 } });
    expect(seedsOf(shard)).toEqual([101, 104]);
    expect([shard.seedsTried, shard.runsSpent]).toEqual([2, 2]);
    expect(seedsOf(hunt(broken, ['linear-value'], { runs: 1, seeds: 7, seed: 100, seedShard: { index: 1, count: 3 } }))).toEqual([100, 103, 106]);
    expect(hunt(broken, ['linear-value'], { runs: 1, seeds: 4 }).harnessErrors[0]).toMatch(new RegExp(`^seed ${DEFAULT_SEED}: `));
  });

  it('draws are counted up to and including the first hit: a claim violated everywhere costs one draw per seed', () => {
    const r = hunt(toy(() => -1), ['linear-value'], { runs: 50, seeds: 3 });
    expect(r.found).toBeDefined();
    expect([r.runsSpent, r.seedsTried, r.runsPerSeed]).toEqual([3, 3, 50]);
    // Nothing found: the whole budget.
    expect(hunt(toy(() => 1), ['linear-value'], { runs: 50, seeds: 3 }).runsSpent).toBe(150);
  });

  it('onProgress is told after each seed: seeds done, seeds in all, and whether a witness is held', () => {
    const calls: [number, number, boolean][] = [];
    hunt(toy(() => 1), ['linear-value'], { runs: 3, seeds: 3, onProgress: (...a) => calls.push(a) });
    expect(calls).toEqual([[1, 3, false], [2, 3, false], [3, 3, false]]);
    calls.length = 0;
    hunt(toy(() => -1), ['linear-value'], { runs: 3, seeds: 2, onProgress: (...a) => calls.push(a) });
    expect(calls).toEqual([[1, 2, true], [2, 2, true]]);
  });
});

describe('hunt: the closest approach', () => {
  it('is the smallest margin the search drew over all seeds (here not in the last seed, nor any seed\'s first draw)', () => {
    const log: Instance[] = [];
    const marks: number[] = [0];
    const part = toy(([x]) => x / 1000, { log, arbitrary: fc.integer({ min: 0, max: 1_000_000 }).map((x) => ({ vStar: [x] }) as Instance) });
    const r = hunt(part, ['linear-value'], { runs: 20, seeds: 4, seed: 5, onProgress: () => marks.push(log.length) });
    expect(r.found).toBeUndefined();
    expect(r.runsSpent).toBe(80); // nothing found: only the search's draws were evaluated
    const margins = log.map((i) => x0(i) / 1000);
    const min = Math.min(...margins);
    expect(r.closest!.verdict.margin).toBe(min);
    expect(r.closest!.instance).toEqual(log[margins.indexOf(min)]);
    // Preconditions that make the figure mean something: the minimum is not where a careless
    // pass would also land (the last seed, or the first draw of a seed).
    const at = margins.indexOf(min);
    expect(at).toBeLessThan(marks[3]);
    expect(marks).not.toContain(at);
  });

  it('the search draws are the closest approach, not the shrink steps: with every draw violated, the first draws of the seeds', () => {
    const log: Instance[] = [];
    const marks: number[] = [0];
    // margin −1/(1 + x): the shrinker, lowering x, goes deeper than the first draw.
    const part = toy(([x]) => -1 / (1 + x), { log, arbitrary: fc.integer({ min: 40, max: 100 }).map((x) => ({ vStar: [x] }) as Instance) });
    const r = hunt(part, ['linear-value'], { runs: 20, seeds: 3, onProgress: () => marks.push(log.length) });
    const firsts = marks.slice(0, 3).map((m) => x0(log[m]));
    expect(r.found!.instance).toEqual({ vStar: [0] }); // the shrinker's witness: margin −1
    expect(r.harnessErrors).toEqual([]);
    expect(new Set(firsts).size).toBe(3);
    expect(x0(r.closest!.instance)).toBe(Math.min(...firsts));
    expect(r.closest!.verdict.margin).toBe(-1 / (1 + Math.min(...firsts)));
  });
});

describe('hunt: the shrunk witness stays robust relative to the first hit', () => {
  // From a whole x the shrinker offers the generator's own steps (whole numbers down to 40) and
  // the simpler numbers 0, ±1, …, ±4, ±1/2 (src/arbitraries/_internals/simplifications.ts).
  it('first miss m0 = −x0/1000 (above −1/16): the witness misses by at least m0/4, so it stops at 40, not at 4 (a miss of 0.004)', () => {
    const log: Instance[] = [];
    const part = toy(([x]) => ({ margin: -x / 1000, tol: 1e-12 }), { log, arbitrary: fc.integer({ min: 40, max: 60 }).map((x) => ({ vStar: [x] }) as Instance) });
    const r = hunt(part, ['linear-value'], { runs: 10, seeds: 1, seed: 3 });
    const first = x0(log[0]);
    expect(r.closest!.verdict.margin).toBe(-first / 1000); // the first draw is the hit
    expect(r.found!.verdict.margin).toBeLessThanOrEqual(0.25 * (-first / 1000));
    expect(first).toBeGreaterThan(40); // so that 40 is a shrink step, not the first draw
    expect(x0(r.found!.instance)).toBe(40);
  });

  it('first miss −x0 (far below −1/16): the floor −1/64 asks less than x0/4, and the witness shrinks to x = 1', () => {
    const r = hunt(toy(([x]) => -x, { arbitrary: fc.integer({ min: 40, max: 60 }).map((x) => ({ vStar: [x] }) as Instance) }), ['linear-value'], { runs: 10, seeds: 1 });
    expect(r.found!.instance).toEqual({ vStar: [1] });
    expect(r.found!.verdict.margin).toBe(-1);
  });
});

describe('hunt: what is and is not a witness', () => {
  it('a clean hunt reports no harness error, even when shrink steps leave the claim\'s domain (they are not valid steps)', () => {
    const r = hunt(toy(([x]) => (x >= 40 ? -1 : 1)), ['linear-value'], { runs: 100, seeds: 2 });
    expect(r.found!.instance).toEqual({ vStar: [40] });
    expect(r.harnessErrors).toEqual([]);
  });

  it('harness errors of the re-confirmation are reported with their seed, and the witness is still kept', () => {
    const part = toy(([x]) => {
      if (!Number.isInteger(x)) throw new HarnessError(`toy: x = ${x} breaks it`);
      return x >= 40 ? -1 : 1;
    });
    const r = hunt(part, ['linear-value'], { runs: 100, seeds: 1, seed: 9 });
    expect(r.found!.instance).toEqual({ vStar: [40] });
    expect(r.found!.confirmation).toMatchObject({ reproduces: true, perturbationSurvival: 0 });
    // The shrink steps x = ±1/2 break it too (said first); then the 16 perturbations of 40.
    const confirmation = r.harnessErrors.filter((e) => / perturbation /.test(e));
    expect(confirmation).toHaveLength(16);
    confirmation.forEach((e, t) => expect(e).toMatch(new RegExp(`^seed 9: perturbation ${t}: toy: x = (40\\.0000|39\\.9999)\\d* breaks it$`)));
    expect(r.harnessErrors.slice(0, -16)).toEqual(r.harnessErrors.filter((e) => / x = -?0\.5 /.test(e)));
  });

  it('a violation that does not survive its JSON text (it lives on −0) is no witness, though the search hit it', () => {
    const part = toy(([x]) => (Object.is(x, -0) ? -1 : 1), { arbitrary: fc.constant({ vStar: [-0] } as Instance) });
    const r = hunt(part, ['linear-value'], { runs: 10, seeds: 2 });
    expect(r.runsSpent).toBe(2); // one draw per seed: the hit
    expect(r.closest!.verdict.margin).toBe(-1);
    expect(r.found).toBeUndefined();
    expect(r.harnessErrors).toEqual([]);
  });

  it('a draw outside the tags in force is the generator\'s fault: a harness error naming the tag and the instance, never a witness', () => {
    const part = toy(() => -1, { tags: ['isotropic', 'linear-value'], arbitrary: fc.constant({ vStar: [1], SigmaDiag: [2] } as Instance) });
    const r = hunt(part, ['linear-value'], { runs: 3, seeds: 1, seed: 4 });
    expect(r.found).toBeUndefined();
    expect(r.closest).toBeUndefined();
    expect(r.harnessErrors).toEqual(
      Array(3).fill('seed 4: ToyH: the generator drew an instance outside the tags in force (does not meet tag(s) isotropic): {"vStar":[1],"SigmaDiag":[2]}'),
    );
  });

  it('rejected instances are neither witnesses, nor shrink steps, nor the closest approach', () => {
    // Violated for x >= 40; instances below 50 rejected: the shrinker stops at 50, not 40.
    const part = toy(([x]) => (x >= 40 ? -1 : 1));
    const reject = (inst: Instance) => x0(inst) < 50;
    const r = hunt(part, ['linear-value'], { runs: 100, seeds: 2, reject });
    expect(r.found!.instance).toEqual({ vStar: [50] });
    expect(x0(r.closest!.instance)).toBeGreaterThanOrEqual(50);
    const none = hunt(part, ['linear-value'], { runs: 30, seeds: 2, reject: () => true });
    expect(none.found).toBeUndefined();
    expect(none.closest).toBeUndefined();
    expect(none.runsSpent).toBe(60);
  });

  it('over the seeds the simplest witness is kept (3.7 over 12.3: same dimension and complexity, shorter text), whichever seed came last', () => {
    // Violated only within 1e-3 of 3.7 or of 12.3: no simpler number is a step, each seed keeps what it drew.
    const part = toy(([x]) => (Math.abs(x - 3.7) < 1e-3 || Math.abs(x - 12.3) < 1e-3 ? -1 : 1), {
      arbitrary: fc.constantFrom(0, 3.7, 12.3).map((x) => ({ vStar: [x] }) as Instance),
    });
    const alone = (seed: number) => x0(hunt(part, ['linear-value'], { runs: 20, seeds: 1, seed }).found?.instance);
    // Find a base seed whose first seed's witness is 3.7 and second's 12.3 (and one the other way round).
    const bases = Array.from({ length: 40 }, (_, b) => b * 2);
    const up = bases.find((b) => alone(b) === 3.7 && alone(b + 1) === 12.3);
    const down = bases.find((b) => alone(b) === 12.3 && alone(b + 1) === 3.7);
    expect(up).toBeDefined();
    expect(down).toBeDefined();
    for (const base of [up!, down!]) {
      const r = hunt(part, ['linear-value'], { runs: 20, seeds: 2, seed: base });
      expect(r.found!.instance).toEqual({ vStar: [3.7] });
      expect(r.found!.seed).toBe(base === up ? base : base + 1);
    }
  });

  it('the witness\'s path replays it: the same seed along the path gives the same instance', () => {
    const part = toy(([x, y]) => (x + y >= 30 ? -1 : 1), { arbitrary: fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 })).map(([x, y]) => ({ vStar: [x, y] }) as Instance) });
    const r = hunt(part, ['linear-value'], { runs: 50, seeds: 1, seed: 21 });
    expect(r.found!.path).toMatch(/^\d+(:\d+)+$/);
    const again = hunt(part, ['linear-value'], { runs: 50, seeds: 1, seed: r.found!.seed, path: r.found!.path });
    expect(again.found!.instance).toEqual(r.found!.instance);
    expect(again.found!.path).toBe(r.found!.path);
  });
});

describe('hunt: times and the time limit', () => {
  it('time to the first hit and time shrinking are apart, both within the elapsed time, which is within the wall time of the call', () => {
    // Every whole x is slow (2 ms): the draws and the shrink steps; the perturbations of the
    // witness (not whole) are quick. So the search and the shrinking each take whole
    // milliseconds, and shrinkMs > 0 does not hang on where a millisecond tick falls (with only
    // x > 60 slow, a shrink straight to 60 took a fraction of one, and read 0 now and then).
    const part = toy(
      ([x]) => {
        if (Number.isInteger(x)) spin(2);
        return x >= 60 ? -1 : 1;
      },
      { arbitrary: fc.integer({ min: 60, max: 100 }).map((x) => ({ vStar: [x] }) as Instance) },
    );
    const before = Date.now();
    const r = hunt(part, ['linear-value'], { runs: 10, seeds: 2 });
    const wall = Date.now() - before;
    expect(r.found!.instance).toEqual({ vStar: [60] });
    expect(r.firstHitMs).toBeDefined();
    expect(r.firstHitMs!).toBeGreaterThanOrEqual(0);
    expect(r.shrinkMs).toBeGreaterThan(0);
    expect(r.firstHitMs! + r.shrinkMs).toBeLessThanOrEqual(r.elapsedMs);
    expect(r.elapsedMs).toBeLessThanOrEqual(wall);
    // Nothing found: no first hit, no shrinking.
    const none = hunt(toy(() => 1), ['linear-value'], { runs: 10, seeds: 2 });
    expect([none.firstHitMs, none.shrinkMs]).toEqual([undefined, 0]);
  });

  it('a generous limit changes nothing: every seed, every draw', () => {
    const part = toy(() => (spin(0.2), 1));
    const r = hunt(part, ['linear-value'], { runs: 20, seeds: 3, timeLimitSec: 60 });
    expect([r.seedsTried, r.runsSpent]).toEqual([3, 60]);
  });

  it('a limit of 30 ms stops the search within a seed (1 ms a draw: far fewer than 1000 draws) and stops trying seeds', () => {
    const part = toy(() => (spin(1), 1));
    const within = hunt(part, ['linear-value'], { runs: 1000, seeds: 1, timeLimitSec: 0.03 });
    // Only upper bounds: on a loaded machine the limit may pass before the first draw.
    expect(within.runsSpent).toBeLessThan(500);
    const seeds = hunt(part, ['linear-value'], { runs: 5, seeds: 100, timeLimitSec: 0.03 });
    expect(seeds.seedsTried).toBeLessThan(50);
  });
});

describe('shrinkFrom and shrinkWitness: the same loop from a given witness', () => {
  const part = toy(([x]) => (x >= 40 ? -1 : 1), { arbitrary: fc.integer({ min: 0, max: 100 }).map((x) => ({ vStar: [x] }) as Instance) });

  it('an instance that is no violation gives nothing; a violation shrinks by the instance-level steps only', () => {
    expect(shrinkFrom(part, ['linear-value'], { vStar: [3] })).toBeUndefined();
    expect(shrinkWitness(part, ['linear-value'], { vStar: [3] })).toEqual({ found: undefined, harnessErrors: [] });
    // 77 has no instance-level step that still violates (0..4, ±1/2 do not): it is its own minimum.
    const r = shrinkFrom(part, ['linear-value'], { vStar: [77] });
    expect(r).toEqual({ instance: { vStar: [77] }, verdict: { margin: -1, tol: 1e-9, quantities: { x: 77, twice: 154 }, pre: true, holds: false } });
    // From two coordinates the last is removed (a lower dimension) and 1 is simplified to 0.
    expect(shrinkFrom(part, ['linear-value'], { vStar: [41, 1] })!.instance).toEqual({ vStar: [41] });
  });

  it('a rejected step is not taken, and the harness errors met while shrinking are returned', () => {
    const breaks = toy(([x]) => {
      if (!Number.isInteger(x)) throw new HarnessError(`toy: x = ${x}`);
      return x >= 5 ? -1 : 1;
    });
    // From 77 the steps 0, ±1, …, ±4 hold and ±1/2 break the harness: 77 stays, both errors said.
    expect(shrinkWitness(breaks, ['linear-value'], { vStar: [77] })).toMatchObject({ found: { instance: { vStar: [77] } }, harnessErrors: ['toy: x = 0.5', 'toy: x = -0.5'] });
    // Violated from 2 on, with x < 4 rejected: 2 and 3 are not steps, 4 is.
    const low = toy(([x]) => (x >= 2 ? -1 : 1));
    expect(shrinkWitness(low, ['linear-value'], { vStar: [77] }).found!.instance).toEqual({ vStar: [2] });
    expect(shrinkWitness(low, ['linear-value'], { vStar: [77] }, (inst) => x0(inst) < 4).found!.instance).toEqual({ vStar: [4] });
  });
});

describe('the store record of a witness', () => {
  it('names the part, the dropped tags sorted, the witness with its figures, seed, path, budget and version; the confirmation without errors', () => {
    // Violated from 39.5 on: the witness 40 survives every perturbation.
    const part = toy(([x]) => (x >= 39.5 ? -1 : 1), { tags: ['linear-value', 'isotropic', 'converged'] });
    const r = hunt(part, ['linear-value', 'converged'], { runs: 100, seeds: 1, seed: 2 });
    const before = Date.now();
    const c = toCounterexample(r, 100);
    expect(c).toStrictEqual({
      theorem: 'ToyH',
      dropped: ['converged', 'linear-value'],
      instance: { vStar: [40] },
      margin: -1,
      tol: 1e-9,
      quantities: { x: 40, twice: 80 },
      dimension: 1,
      seed: 2,
      path: r.found!.path,
      numRuns: 100,
      foundAt: expect.any(String),
      version: VERSION,
      confirmation: { reproduces: true, perturbationSurvival: 1 },
    });
    expect(r.dropped).toEqual(['linear-value', 'converged']); // the hunt's own list is left as it was
    expect(Date.parse(c.foundAt)).toBeGreaterThanOrEqual(before - 1000);
    // The record's quantities are a copy.
    expect(c.quantities).not.toBe(r.found!.verdict.quantities);
  });
});

describe('the verdict cache while shrinking', () => {
  it('no instance is evaluated twice by its content while shrinking, though the shrinker reaches many by two paths', () => {
    const log: Instance[] = [];
    const part = toy(([x, y, z]) => ((x ?? 0) + (y ?? 0) + (z ?? 0) >= 7 ? -1 : 1), {
      log,
      arbitrary: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 3, maxLength: 3 }).map((v) => ({ vStar: v }) as Instance),
    });
    const r = hunt(part, ['linear-value'], { runs: 50, seeds: 1, seed: 6 });
    expect(r.found).toBeDefined();
    // The log: the search's draws (the last is the hit), the shrink steps, then confirm's 17.
    const shrinking = log.slice(r.runsSpent, -17).map((i) => JSON.stringify(i));
    expect(shrinking.length).toBeGreaterThan(20);
    expect(new Set(shrinking).size).toBe(shrinking.length);
    // The same from a given witness (shrinkFrom: the example is shrunk from the start).
    log.length = 0;
    shrinkFrom(part, ['linear-value'], { vStar: [9, 9, 9] });
    const texts = log.map((i) => JSON.stringify(i));
    expect(texts.length).toBeGreaterThan(10);
    expect(new Set(texts).size).toBe(texts.length);
  });
});
