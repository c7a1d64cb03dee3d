/**
 * The counterexample store as an interface (after Hypothesis's ExampleDatabase): the hunt,
 * the necessity analysis and replay need only save, list and load, so a store in memory (for
 * tests, or a dry run) can stand in for the folder of files.
 *
 * There is no delete: the store is append-only by contract. A witness is evidence that a tag is
 * load-bearing; it is never removed by a run. The one way out is `RetiringStore.retire`, which
 * only `rlaif-props prune --apply` calls, on witnesses that no longer replay or that a simpler
 * witness of the same part and dropped tags supersedes (src/runner/prune.ts).
 */
import type { Counterexample, StoredCounterexample } from './schema.ts';

export type SaveResult = { status: 'stored' | 'duplicate'; file: string };

export interface CounterexampleStore {
  /** Where the records live: the folder, or a `memory:` name. Files of the store are below it. */
  readonly location: string;
  /**
   * Store a record under `<location>/<theorem>/<fileNameFor(record)>`; never replaces an
   * existing record: an equal one (same theorem, dropped tags and instance) is a `duplicate`.
   * Throws on a malformed record or an id that cannot name a folder.
   */
  save(c: Counterexample): SaveResult;
  /** Every stored record's file, sorted by theorem folder, then by name. */
  list(): string[];
  /** One record, validated; errors name the file. */
  load(file: string): StoredCounterexample;
  loadAll(): StoredCounterexample[];
}

/**
 * A store from which a witness can be retired. Kept apart from `CounterexampleStore` so that
 * hunts and the necessity analysis, which take the narrower interface, cannot remove anything.
 */
export interface RetiringStore extends CounterexampleStore {
  /** Remove one record of this store (a file `list()` returned); throws for anything else. */
  retire(file: string): void;
}

export { CounterexampleSchema, fileNameFor, identity, type Counterexample, type StoredCounterexample } from './schema.ts';
