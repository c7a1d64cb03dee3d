// Every stored counterexample, re-evaluated on every run: it must still violate its part with
// its tags dropped, and still meet every tag it kept. A file that no longer reproduces fails
// here, and only here, with its name, the reason and the prune command (other tests that use
// the witnesses skip stale ones: properties/support/witnesses.ts).
import { describe, expect, it } from 'vitest';
import { displayPath, listFiles, load } from '../src/runner/store.ts';
import { replayStored } from '../src/runner/prune.ts';
import { loadRegistry } from '../src/theorems/registry.ts';
import { staleMessage } from './support/witnesses.ts';

const files = listFiles();
const registry = await loadRegistry();

describe('stored counterexamples replay', () => {
  it('the store is readable', () => {
    for (const f of files) expect(() => load(f), displayPath(f)).not.toThrow();
  });
  for (const file of files) {
    it(displayPath(file), () => {
      const r = replayStored(load(file), registry.getPart);
      if (!r.reproduces) expect.fail(staleMessage(file, r.reason));
    });
  }
});
