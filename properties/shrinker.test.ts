// The one shrink loop (src/arbitraries/shrinkable.ts, driven by src/runner/hunt.ts), tested
// with properties of its own: its steps keep instances valid, removing an axis index removes
// exactly one dimension, its minimum is a fixed point, and a known witness padded to a higher
// dimension shrinks back to the witness's own dimension.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simplifications } from '../src/arbitraries/_internals/simplifications.ts';
import { shrinkable } from '../src/arbitraries/shrinkable.ts';
import { axisLength, dimension, removeIndex } from '../src/instance/layout.ts';
import type { Instance } from '../src/instance/reader.ts';
import { hashSeed } from '../src/numeric/hash.ts';
import { PROFILE } from '../src/numeric/profile.ts';
import { robustViolation } from '../src/runner/confirm.ts';
import { shrinkFrom } from '../src/runner/hunt.ts';
import { trialsFor } from '../src/runner/trial.ts';
import { vocabularyOf } from '../src/theorems/family.ts';
import { loadRegistry } from '../src/theorems/registry.ts';
import { tagsInForce } from '../src/theorems/tags.ts';
import type { TheoremPart } from '../src/theorems/types.ts';
import { padDimension } from './support/pad.ts';
import { SUITE_SEED } from './support/suite.ts';
import { replayingWitnesses } from './support/witnesses.ts';

const registry = await loadRegistry();
// Stale witnesses are replay.test.ts's to report, with their reason; here only the replaying ones.
const witnesses = replayingWitnesses(registry);

/** Every part under its full tags and with each single tag dropped. */
const settings: { part: TheoremPart; dropped: string[] }[] = registry.parts.flatMap((part) => [
  { part, dropped: [] },
  ...part.tags.map((t) => ({ part, dropped: [t] })),
]);

describe('the shrink loop', () => {
  it.each(settings.map((s) => [`${s.part.id}${s.dropped.length ? ` −${s.dropped}` : ''}`, s] as const))(
    'every step it offers keeps the instance valid: %s',
    (_, { part, dropped }) => {
      const inForce = tagsInForce(part, dropped);
      const trials = trialsFor(part, inForce);
      const arbitrary = shrinkable(part.arbitrary(inForce), { vocabulary: vocabularyOf(part), valid: trials.valid });
      // A predicate that fails on about half of the instances (by their hash), so that fast-check
      // walks a long way down the shrink tree and tries many steps of both kinds on the way.
      const seen: Instance[] = [];
      for (let k = 0; k < 4; k++)
        fc.check(
          fc.property(arbitrary, (inst) => {
            seen.push(inst);
            return hashSeed(inst) % 2 === 0;
          }),
          { seed: SUITE_SEED + k, numRuns: 20 },
        );
      expect(seen.length).toBeGreaterThan(20);
      for (const inst of seen) {
        const t = trials.get(inst);
        expect(t.kind === 'outside' ? t.reason : 'valid', JSON.stringify(inst)).toBe('valid');
      }
    },
  );

  it('removing an index of axis d lowers d by exactly one and leaves every other axis alone', () => {
    const vocab = registry.parts[0].vocabulary!;
    const arb = fc.oneof(...registry.parts.map((p) => p.arbitrary(tagsInForce(p), { minDim: 2 })));
    fc.assert(
      fc.property(arb, fc.nat(), (inst, k) => {
        const d = dimension(inst);
        const i = k % d;
        const out = removeIndex(inst, 'd', i);
        expect(dimension(out)).toBe(d - 1);
        for (const axis of vocab.axes()) if (axis !== 'd') expect(axisLength(out, axis)).toBe(axisLength(inst, axis));
      }),
      { seed: SUITE_SEED, numRuns: 300 },
    );
  });

  describe('its minimum is a fixed point: no valid one-step simplification is still a robust violation', () => {
    for (const c of witnesses)
      it(`${c.theorem} −${c.dropped.join(',') || '(none)'} (${c.file.split('/').at(-1)})`, () => {
        const part = registry.getPart(c.theorem);
        const inForce = tagsInForce(part, c.dropped);
        const trials = trialsFor(part, inForce);
        const start = trials.get(c.instance);
        expect(start.kind).toBe('verdict');
        const m0 = (start as { verdict: { margin: number } }).verdict.margin;
        // The mutation profile draws a quarter of the Monte Carlo samples (twice the half-width):
        // a witness robust at the full n may not be there, and the fixed point is then checked
        // only on the witnesses that are (in `npm test`, every one must be).
        if (PROFILE === 'mutation' && !robustViolation((start as { verdict: Parameters<typeof robustViolation>[0] }).verdict)) return;
        const min = shrinkFrom(part, c.dropped, c.instance);
        expect(min, 'a stored witness is a robust violation').toBeDefined();
        for (const s of simplifications(min!.instance, vocabularyOf(part))) {
          const t = trials.get(s);
          if (t.kind === 'verdict') expect(robustViolation(t.verdict, m0), JSON.stringify(s)).toBe(false);
        }
      });
  });

  describe('a stored witness padded with two more dimensions shrinks back to its own dimension', () => {
    let tried = 0;
    for (const c of witnesses)
      it(`${c.theorem} −${c.dropped.join(',') || '(none)'} (d = ${c.dimension})`, () => {
        const part = registry.getPart(c.theorem);
        const padded = padDimension(c.instance, 2, vocabularyOf(part));
        expect(dimension(padded)).toBe(c.dimension + 2);
        const trials = trialsFor(part, tagsInForce(part, c.dropped));
        const t = trials.get(padded);
        // Some witnesses do not embed: T4.b's d = 1 failure disappears in d >= 2, R1n's
        // sample-size tag grows with d and its preference pairs are drawn in R^d (another d,
        // other samples). Only an embedding with the same margin says something about the shrinker.
        const original = trials.get(c.instance);
        if (t.kind !== 'verdict' || original.kind !== 'verdict' || !robustViolation(t.verdict)) return;
        if (Math.abs(t.verdict.margin - original.verdict.margin) > 1e-6 * Math.max(1, Math.abs(original.verdict.margin))) return;
        tried++;
        const min = shrinkFrom(part, c.dropped, padded);
        expect(min).toBeDefined();
        expect(dimension(min!.instance)).toBeLessThanOrEqual(c.dimension);
      });
    it('most stored witnesses took part', () => {
      expect(tried).toBeGreaterThanOrEqual(Math.floor(witnesses.length / 2));
    });
  });
});
