// Relaxation paths (src/relaxation/, issue 11 point 1): for every part and every THEORY tag it
// has, draws at λ = 0 meet the tag and every other tag in force (they are valid instances of
// the claim with nothing relaxed); `from: 'dropped'` paths leave a widened draw unchanged at
// λ = 1; and the draws in between keep the other tags in force (the rate is reported, and must
// be high: a path that mostly breaks other tags would be mapping something else).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Reader } from '../src/instance/reader.ts';
import { inForceAlong, PATHS, relaxedArbitrary, unfilteredRelaxedArbitrary } from '../src/relaxation/index.ts';
import { loadRegistry } from '../src/theorems/registry.ts';
import { isBuiltinTag, tagRule, tagsInForce, unmetTags } from '../src/theorems/tags.ts';
import { BUILTIN_TAGS } from '../src/theorems/types.ts';
import { SUITE_SEED } from './support/suite.ts';

const registry = await loadRegistry();
const cases = registry.parts.flatMap((part) => part.tags.filter(isBuiltinTag).map((tag) => ({ part, tag })));

describe('relaxation paths', () => {
  it('every THEORY tag has a documented path', () => {
    for (const t of BUILTIN_TAGS) {
      expect(PATHS[t].tag).toBe(t);
      expect(PATHS[t].doc.length).toBeGreaterThan(80);
    }
  });

  it.each(cases.map((c) => [`${c.part.id} ${c.tag}`, c] as const))('%s: λ = 0 meets the tag, other λ keep the other tags', (_, { part, tag }) => {
    const at0 = fc.sample(relaxedArbitrary(part, [{ tag, lambda: 0 }]), { seed: SUITE_SEED, numRuns: 40 });
    const inForce0 = inForceAlong(part, [{ tag, lambda: 0 }]);
    expect(inForce0.has(tag)).toBe(true);
    for (const inst of at0) expect(unmetTags(part, inst, inForce0), JSON.stringify(inst)).toEqual([]);
    // The tag itself holds on every unfiltered draw at λ = 0 (the filter is for the other tags).
    for (const inst of fc.sample(unfilteredRelaxedArbitrary(part, [{ tag, lambda: 0 }]), { seed: SUITE_SEED, numRuns: 40 }))
      expect(tagRule(part, tag).meets(inst), JSON.stringify(inst)).toBe(true);
    for (const lambda of [0, 0.25, 0.5, 1]) {
      const inForce = inForceAlong(part, [{ tag, lambda }]);
      expect(inForce.has(tag)).toBe(lambda === 0);
      const draws = fc.sample(unfilteredRelaxedArbitrary(part, [{ tag, lambda }]), { seed: SUITE_SEED, numRuns: 40 });
      const kept = draws.filter((inst) => unmetTags(part, inst, inForce).length === 0).length;
      // isotropic's path changes Σ, which R1n's large-sample tag reads (65% kept there at λ = 0,
      // the lowest of all); every other (part, tag) keeps them all.
      expect(kept / draws.length, `${part.id} ${tag} λ=${lambda}: share keeping the other tags`).toBeGreaterThanOrEqual(0.6);
    }
  });

  it.each(cases.filter((c) => PATHS[c.tag].from === 'dropped').map((c) => [`${c.part.id} ${c.tag}`, c] as const))('%s: λ = 1 is the widened generator', (_, { part, tag }) => {
    const wide = fc.sample(part.arbitrary(tagsInForce(part, [tag])), { seed: SUITE_SEED, numRuns: 30 });
    for (const inst of wide) expect(PATHS[tag].relax(inst, 1)).toEqual(inst);
  });

  it('the paths move: somewhere on every path a draw does not meet the tag', () => {
    for (const { part, tag } of cases) {
      if (tag === 'converged') continue; // a mode of evaluation: every instance meets it
      const draws = fc.sample(relaxedArbitrary(part, [{ tag, lambda: 1 }]), { seed: SUITE_SEED, numRuns: 60 });
      const unmet = draws.filter((inst) => !tagRule(part, tag).meets(inst)).length;
      // A part whose generator never departs from the tag would be a vacuous map.
      expect(unmet, `${part.id} ${tag}`).toBeGreaterThan(0);
    }
  });

  it('isotropic: the condition number of Σ_λ is κ^λ', () => {
    const inst = { Sigma: [[4, 0], [0, 1]], vStar: [1, 0] };
    const S = new Reader(PATHS.isotropic.relax(inst as never, 0.5)).covariance(2).toArray();
    expect(S[0][0]).toBeCloseTo(2, 12);
    expect(S[1][1]).toBeCloseTo(1, 12);
  });

  it('orthogonal-latents: every pairwise cosine is λ, directions stay unit', () => {
    const inst = { vStar: [1, 0, 0], latentDirections: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], alpha: [1, 1, 1] };
    const L = (PATHS['orthogonal-latents'].relax(inst as never, 0.3) as unknown as { latentDirections: number[][] }).latentDirections;
    const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(dot(L[i], L[j])).toBeCloseTo(i === j ? 1 : 0.3, 12);
  });
});
