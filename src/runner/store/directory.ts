/**
 * The counterexample store on disk: `<store>/<id>/<dropped>-<hash>.json`, one file per minimal
 * counterexample, pretty-printed JSON. Files are validated on load, written atomically and
 * never overwritten (`createExclusive`: a temporary, then a hard link), and an identical
 * (theorem, dropped, instance) is stored once. The functions below are the store at a path;
 * `DirectoryStore` is the same behind the `CounterexampleStore` interface.
 */
import { existsSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../../numeric/errors.ts';
import * as fsx from '../fs/atomic.ts';
import type { RetiringStore, SaveResult } from './index.ts';
import { assertTheoremId, checkRecord, fileNameFor, parseRecord, recordText, type Counterexample, type StoredCounterexample } from './schema.ts';

export const DEFAULT_STORE = resolve(new URL('../../../counterexamples', import.meta.url).pathname);

/** The folder of a theorem's records; the id is checked so that it cannot point outside the store. */
function folderFor(store: string, theorem: string): string {
  assertTheoremId(theorem);
  const dir = resolve(store, theorem);
  if (!dir.startsWith(resolve(store) + sep)) throw new InputError(`theorem id "${theorem}" points outside the store`);
  return dir;
}

/**
 * The store folder, and the folders of the given theorems in it, must be folders where they
 * exist (they are created on the first save). Commands that write call this before spending a
 * hunt's budget, so a `--store` naming a file fails at once.
 */
export function assertStore(store = DEFAULT_STORE, theorems: readonly string[] = []): string {
  for (const [path, what] of [[store, `store ${store}`], ...theorems.map((t) => [folderFor(store, t), `store ${store}: ${folderFor(store, t)}`])]) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new InputError(`${what}: cannot use (${fsx.fsReason(e)})`);
    }
    if (!isDir) throw new InputError(`${what}: not a directory`);
  }
  return store;
}

/**
 * Store a counterexample; never replaces an existing file. A process killed at any moment
 * leaves either no file or a complete one under the final name, and at worst a `.…tmp` file,
 * which `listFiles` ignores and `cleanTemporaries` removes.
 */
export function save(c: Counterexample, store = DEFAULT_STORE): SaveResult {
  const parsed = checkRecord(c);
  const dir = folderFor(assertStore(store), parsed.theorem);
  const file = join(dir, fileNameFor(parsed));
  fsx.ensureDirectory(dir, `store ${store}`);
  const done = fsx.createExclusive(file, recordText(parsed), `store ${store}`);
  return { status: done === 'created' ? 'stored' : 'duplicate', file };
}

/** Temporary files of writes in this store (the records' and the table's), in any folder. */
export const temporaries = (store = DEFAULT_STORE): string[] => fsx.temporaries(store);

/**
 * Remove the temporaries of interrupted writes, sparing those of writers still running. They
 * are harmless (`listFiles` ignores them); this only tidies. Returns the files removed.
 */
export const cleanTemporaries = (store = DEFAULT_STORE): string[] => fsx.cleanTemporaries(store);

/** Read and validate one stored file; errors name the file. */
export function load(file: string): StoredCounterexample {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot read (${fsx.fsReason(e)})`);
  }
  return parseRecord(text, file);
}

/** Every stored counterexample file (temporary files of an interrupted write are ignored). */
export function listFiles(store = DEFAULT_STORE): string[] {
  if (!existsSync(assertStore(store))) return [];
  const out: string[] = [];
  for (const d of readdirSync(store).sort()) {
    const dir = join(store, d);
    if (!fsx.isDirectory(dir)) continue;
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.json') && !f.startsWith('.')) out.push(join(dir, f));
  }
  return out;
}

/**
 * Retire (delete) one stored record: the store's only removal, used by `rlaif-props prune
 * --apply` alone. Only a record file of this store (`<store>/<id>/<name>.json`, as `listFiles`
 * returns them) can go, so that a mistyped path cannot remove anything else.
 */
export function retire(file: string, store = DEFAULT_STORE): void {
  const abs = resolve(file);
  const folder = dirname(abs);
  if (dirname(folder) !== resolve(store) || !abs.endsWith('.json') || basename(abs).startsWith('.'))
    throw new InputError(`${file}: not a record of the store ${store}; only its records can be retired`);
  assertTheoremId(basename(folder));
  try {
    unlinkSync(abs);
  } catch (e) {
    throw new InputError(`${file}: cannot retire (${fsx.fsReason(e)})`);
  }
}

export const loadAll = (store = DEFAULT_STORE): StoredCounterexample[] => listFiles(store).map(load);

export const displayPath = (file: string): string => relative(process.cwd(), file) || file;

/** The store at a folder, as a `CounterexampleStore` (and a `RetiringStore`, for prune). */
export class DirectoryStore implements RetiringStore {
  constructor(readonly location: string = DEFAULT_STORE) {}
  save(c: Counterexample): SaveResult {
    return save(c, this.location);
  }
  list(): string[] {
    return listFiles(this.location);
  }
  load(file: string): StoredCounterexample {
    return load(file);
  }
  loadAll(): StoredCounterexample[] {
    return loadAll(this.location);
  }
  retire(file: string): void {
    retire(file, this.location);
  }
}
