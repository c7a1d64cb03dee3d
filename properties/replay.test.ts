// Every stored counterexample, re-evaluated on every run: it must still violate its part with
// its tags dropped, and still meet every tag it kept. A file that no longer reproduces fails
// the suite with its name.
import { describe, expect, it } from 'vitest';
import { displayPath, listFiles, load } from '../src/runner/store.ts';
import { replay } from '../src/runner/replay.ts';
import { loadRegistry } from '../src/theorems/registry.ts';

const files = listFiles();
const registry = await loadRegistry();

describe('stored counterexamples replay', () => {
  it('the store is readable', () => {
    for (const f of files) expect(() => load(f), displayPath(f)).not.toThrow();
  });
  for (const file of files) {
    it(displayPath(file), () => {
      const c = load(file);
      const r = replay(c, registry.getPart(c.theorem));
      expect(r.reproduces, `${displayPath(file)}: ${r.reason}`).toBe(true);
    });
  }
});
