/**
 * The counterexample store, as the rest of the suite imports it: the record schema and
 * identity (store/schema.ts), the `CounterexampleStore` interface (store/index.ts), the folder
 * of files that is the suite's store (store/directory.ts) and a store in memory (store/memory.ts).
 * The path-taking functions (`save(c, store)`, `listFiles(store)`, …) are the directory store's.
 */
export type { CounterexampleStore, RetiringStore, SaveResult } from './store/index.ts';
export { CounterexampleSchema, fileNameFor, identity, type Counterexample, type StoredCounterexample } from './store/schema.ts';
export { assertStore, cleanTemporaries, DEFAULT_STORE, DirectoryStore, displayPath, listFiles, load, loadAll, retire, save, temporaries } from './store/directory.ts';
export { MemoryStore } from './store/memory.ts';
