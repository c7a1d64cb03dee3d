// Every stored counterexample, re-evaluated on every run: it must still violate its part with
// its tags dropped, and still meet every tag it kept. A file that no longer reproduces fails
// the suite with its name.
import { describe, expect, it } from 'vitest';
import { displayPath, listFiles, load } from '../src/runner/store.ts';
import { evaluatePart } from '../src/theorems/evaluate.ts';
import { getPart, tagsInForce } from '../src/theorems/registry.ts';
import { unmetTags } from '../src/theorems/tags.ts';

const files = listFiles();

describe('stored counterexamples replay', () => {
  it('the store is readable', () => {
    for (const f of files) expect(() => load(f), displayPath(f)).not.toThrow();
  });
  for (const file of files) {
    it(displayPath(file), () => {
      const c = load(file);
      const part = getPart(c.theorem);
      const inForce = tagsInForce(part, c.dropped);
      expect(unmetTags(c.instance, inForce), `${displayPath(file)} no longer meets the tags it kept`).toEqual([]);
      const v = evaluatePart(part, c.instance, inForce);
      expect(v.holds, `${displayPath(file)} no longer violates ${c.theorem} (margin ${v.margin}, tol ${v.tol})`).toBe(false);
      // The stored margin is what the instance gives today, up to the tolerance.
      expect(Math.abs(v.margin - c.margin), `${displayPath(file)}: margin drifted`).toBeLessThanOrEqual(Math.max(10 * c.tol, 1e-9));
    });
  }
});
