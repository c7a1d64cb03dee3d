/**
 * A counterexample store in memory: the same contract as the folder of files (same names,
 * same bytes, same validation, never overwritten), for tests and for runs that must not touch
 * the disk. It keeps each record's text rather than the object, so that loading parses and
 * validates exactly as the directory store does.
 */
import { InputError } from '../../numeric/errors.ts';
import type { RetiringStore, SaveResult } from './index.ts';
import { assertTheoremId, checkRecord, fileNameFor, parseRecord, recordText, type Counterexample, type StoredCounterexample } from './schema.ts';

let instances = 0;

export class MemoryStore implements RetiringStore {
  readonly location: string;
  /** Record text by theorem folder, then by file name. */
  private readonly folders = new Map<string, Map<string, string>>();

  /**
   * `initial` maps store-relative names (`<id>/<name>.json`) to record texts, taken as they
   * are (unvalidated, as files someone put in a folder would be): `load` judges them.
   */
  constructor(initial: Readonly<Record<string, string>> = {}, location = `memory:${++instances}`) {
    this.location = location;
    for (const [name, text] of Object.entries(initial)) {
      const [folder, file, ...rest] = name.split('/');
      if (!folder || !file || rest.length) throw new InputError(`${name}: a memory store name is <id>/<file>`);
      this.folder(folder).set(file, text);
    }
  }

  private folder(theorem: string): Map<string, string> {
    let f = this.folders.get(theorem);
    if (!f) this.folders.set(theorem, (f = new Map()));
    return f;
  }

  save(c: Counterexample): SaveResult {
    const parsed = checkRecord(c);
    assertTheoremId(parsed.theorem);
    const name = fileNameFor(parsed);
    const file = `${this.location}/${parsed.theorem}/${name}`;
    const folder = this.folder(parsed.theorem);
    if (folder.has(name)) return { status: 'duplicate', file };
    folder.set(name, recordText(parsed));
    return { status: 'stored', file };
  }

  /** Sorted as the directory store lists: by folder, then by name (not by the whole path: "T1/" sorts after "T1.a/"). */
  list(): string[] {
    const out: string[] = [];
    for (const d of [...this.folders.keys()].sort())
      for (const f of [...this.folders.get(d)!.keys()].sort()) if (f.endsWith('.json') && !f.startsWith('.')) out.push(`${this.location}/${d}/${f}`);
    return out;
  }

  load(file: string): StoredCounterexample {
    const prefix = `${this.location}/`;
    const [folder, name, ...rest] = file.startsWith(prefix) ? file.slice(prefix.length).split('/') : [];
    const text = folder !== undefined && name !== undefined && !rest.length ? this.folders.get(folder)?.get(name) : undefined;
    if (text === undefined) throw new InputError(`${file}: cannot read (no such file or directory)`);
    return parseRecord(text, file);
  }

  loadAll(): StoredCounterexample[] {
    return this.list().map((f) => this.load(f));
  }

  /** Remove one record (see RetiringStore): only `rlaif-props prune --apply` retires witnesses. */
  retire(file: string): void {
    const prefix = `${this.location}/`;
    const [folder, name, ...rest] = file.startsWith(prefix) ? file.slice(prefix.length).split('/') : [];
    if (folder === undefined || name === undefined || rest.length || !this.folders.get(folder)?.delete(name))
      throw new InputError(`${file}: not a record of the store ${this.location}; only its records can be retired`);
  }
}
