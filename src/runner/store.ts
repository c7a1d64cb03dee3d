/**
 * The counterexample store: `counterexamples/<id>/<dropped>-<hash>.json`, one file per
 * minimal counterexample. Files are validated on load, written atomically (a temporary file
 * in the same folder, then a hard link to the final name, which fails rather than replace an
 * existing file), never overwritten, and an identical (theorem, dropped, instance) is stored once.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import type { Instance } from '../instance/reader.ts';
import { validateStructure } from '../instance/reader.ts';
import { InputError } from '../numeric/errors.ts';

export const DEFAULT_STORE = resolve(new URL('../../counterexamples', import.meta.url).pathname);

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const CounterexampleSchema = z
  .object({
    theorem: z.string().min(1),
    // Empty when the part fails under its full tags (a finding about THEORY.md itself).
    dropped: z.array(z.string().min(1)),
    instance: z.record(z.string(), z.unknown()),
    margin: finite.refine((m) => m < 0, 'a counterexample has a negative margin'),
    tol: finite.refine((t) => t >= 0, 'must be non-negative'),
    quantities: z.record(z.string(), finite),
    dimension: z.number().int().min(0),
    seed: z.number().int(),
    path: z.string(),
    numRuns: z.number().int().min(0),
    foundAt: z.iso.datetime(),
    version: z.string(),
    confirmation: z.object({ reproduces: z.boolean(), perturbationSurvival: z.number().min(0).max(1) }),
  })
  .strict();

export type Counterexample = z.infer<typeof CounterexampleSchema>;

export interface StoredCounterexample extends Counterexample {
  readonly file: string;
}

/** Canonical identity of a counterexample: theorem, sorted dropped tags and instance. */
export function identity(theorem: string, dropped: readonly string[], instance: Instance): string {
  const canonical = JSON.stringify([theorem, [...dropped].sort(), sortKeys(instance)]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 12);
}

function sortKeys(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(sortKeys);
  if (typeof x === 'object' && x !== null) return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sortKeys((x as Record<string, unknown>)[k])]));
  return x;
}

/** A theorem id as a folder name: ids are letters, digits, dots and dashes only. */
function folderFor(store: string, theorem: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(theorem) || theorem.includes('..'))
    throw new InputError(`theorem id "${theorem}" cannot name a store folder`);
  const dir = resolve(store, theorem);
  if (!dir.startsWith(resolve(store) + sep)) throw new InputError(`theorem id "${theorem}" points outside the store`);
  return dir;
}

export function fileNameFor(c: Pick<Counterexample, 'theorem' | 'dropped' | 'instance'>): string {
  return `${[...c.dropped].sort().join('+') || 'none'}-${identity(c.theorem, c.dropped, c.instance)}.json`;
}

export type SaveResult = { status: 'stored' | 'duplicate'; file: string };

/** A file-system error as a short phrase (one line, no stack). */
function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EISDIR: 'is a directory',
    ENOTDIR: 'a path component is not a directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EEXIST: 'exists and is not a directory',
    ENOSPC: 'no space left on the device',
    EROFS: 'read-only file system',
  };
  return (code && known[code]) ?? code ?? String((e as Error).message).split('\n')[0];
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
      throw new InputError(`${what}: cannot use (${fsReason(e)})`);
    }
    if (!isDir) throw new InputError(`${what}: not a directory`);
  }
  return store;
}

/**
 * Store a counterexample; never replaces an existing file. The record is written to a
 * dot-prefixed temporary file, synced, then hard-linked to its final name: a process killed at
 * any moment leaves either no file or a complete one under the final name, and at worst a
 * `.…tmp` file, which `listFiles` ignores and `cleanTemporaries` removes.
 */
export function save(c: Counterexample, store = DEFAULT_STORE): SaveResult {
  const parsed = CounterexampleSchema.parse(c);
  validateStructure(parsed.instance); // field names are checked against the part's vocabulary on replay
  const dir = folderFor(assertStore(store), parsed.theorem);
  const file = join(dir, fileNameFor(parsed));
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new InputError(`store ${store}: cannot create ${dir} (${fsReason(e)})`);
  }
  if (existsSync(file)) return { status: 'duplicate', file };
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx');
  } catch (e) {
    throw new InputError(`store ${store}: cannot write in ${dir} (${fsReason(e)})`);
  }
  try {
    writeSync(fd, `${JSON.stringify(parsed, null, 2)}\n`);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw new InputError(`store ${store}: cannot write ${tmp} (${fsReason(e)})`);
  }
  closeSync(fd);
  try {
    linkSync(tmp, file); // atomic, and fails with EEXIST instead of overwriting
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return { status: 'duplicate', file };
    throw new InputError(`store ${store}: cannot create ${file} (${fsReason(e)})`);
  } finally {
    unlinkSync(tmp);
  }
  return { status: 'stored', file };
}

/** Temporary files of writes in this store (dot-prefixed, ending in `.tmp`), in any folder. */
export function temporaries(store = DEFAULT_STORE): string[] {
  if (!isDirectory(store)) return [];
  const out: string[] = [];
  const isTemporary = (f: string) => f.startsWith('.') && f.endsWith('.tmp');
  for (const d of readdirSync(store).sort()) {
    const dir = join(store, d);
    // Top level: the table's temporaries (`.necessity.json.<pid>.<time>.tmp`).
    if (!isDirectory(dir)) {
      if (isTemporary(d)) out.push(dir);
      continue;
    }
    for (const f of readdirSync(dir).sort()) if (isTemporary(f)) out.push(join(dir, f));
  }
  return out;
}

/** Whether a process with this id is running (a temporary file or a lock names its writer's pid). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove the temporaries of interrupted writes: those whose writer (the pid in the name,
 * `.<file>.<pid>.<time>.tmp`) is no longer running, so that a save in progress in another
 * process is never disturbed. They are harmless (`listFiles` ignores them); this only tidies.
 * Returns the files removed.
 */
export function cleanTemporaries(store = DEFAULT_STORE): string[] {
  const removed: string[] = [];
  for (const f of temporaries(store)) {
    const m = /\.(\d+)\.\d+\.tmp$/.exec(f);
    if (m && +m[1] !== process.pid && alive(+m[1])) continue;
    try {
      unlinkSync(f);
      removed.push(f);
    } catch {
      // already gone (its writer finished meanwhile)
    }
  }
  return removed;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // a dangling link or a file removed meanwhile is not a folder of the store
  }
}

/** Read and validate one stored file; errors name the file. */
export function load(file: string): StoredCounterexample {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot read (${fsReason(e)})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(`${file}: invalid JSON (${(e as Error).message})`);
  }
  const r = CounterexampleSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new InputError(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  // Validate the instance as JSON.parse produced it: zod copies records key by key, and a
  // copied "__proto__" key would become the copy's prototype (a hidden field) instead of being
  // seen and rejected.
  const instance = (raw as { instance: Record<string, unknown> }).instance;
  try {
    validateStructure(instance);
  } catch (e) {
    throw new InputError(`${file}: ${(e as Error).message}`);
  }
  return { ...r.data, instance, file };
}

/** Every stored counterexample file (temporary files of an interrupted write are ignored). */
export function listFiles(store = DEFAULT_STORE): string[] {
  if (!existsSync(assertStore(store))) return [];
  const out: string[] = [];
  for (const d of readdirSync(store).sort()) {
    const dir = join(store, d);
    if (!isDirectory(dir)) continue;
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.json') && !f.startsWith('.')) out.push(join(dir, f));
  }
  return out;
}

export const loadAll = (store = DEFAULT_STORE): StoredCounterexample[] => listFiles(store).map(load);

export const displayPath = (file: string): string => relative(process.cwd(), file) || file;
