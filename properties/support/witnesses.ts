/**
 * The committed witnesses as the tests see them. Only properties/replay.test.ts judges whether a
 * witness still replays, and says so in words (the file, why, and the prune command); the other
 * tests that use the witnesses (the shrinker's, the CLI's) take the ones that replay, so that a
 * stale witness fails one test with a clear message rather than several with opaque ones.
 */
import { DEFAULT_STORE, displayPath, listFiles, load, type StoredCounterexample } from '../../src/runner/store.ts';
import { replayStored } from '../../src/runner/prune.ts';
import type { Registry } from '../../src/theorems/registry.ts';

/** The failure message for a witness that no longer replays. */
export const staleMessage = (file: string, reason: string): string =>
  `${displayPath(file)} no longer replays: ${reason}. If the change that broke it is intended, re-derive the table ` +
  '(npx rlaif-props necessity --rehunt) and remove stale witnesses with: npx rlaif-props prune --apply';

/** The stored witnesses that still replay (malformed files and stale ones are replay.test.ts's to report). */
export function replayingWitnesses(registry: Registry, store = DEFAULT_STORE): StoredCounterexample[] {
  const out: StoredCounterexample[] = [];
  for (const f of listFiles(store)) {
    let c: StoredCounterexample;
    try {
      c = load(f);
    } catch {
      continue;
    }
    if (replayStored(c, registry.getPart).reproduces) out.push(c);
  }
  return out;
}
