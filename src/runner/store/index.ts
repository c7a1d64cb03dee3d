/**
 * The counterexample store as an interface (after Hypothesis's ExampleDatabase): the hunt,
 * the necessity analysis and replay need only save, list and load, so a store in memory (for
 * tests, or a dry run) can stand in for the folder of files.
 *
 * There is no delete: the store is append-only by contract. A witness is evidence that a tag is
 * load-bearing; it is retired by a person removing the file, never by a run.
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

export { CounterexampleSchema, fileNameFor, identity, type Counterexample, type StoredCounterexample } from './schema.ts';
