/**
 * File-system atomicity and locks, for every writer of the suite (the counterexample store and
 * the necessity table). Two kinds of atomic write, because the two writers promise different
 * things: a stored witness is evidence and must never be replaced, while the table is a
 * summary that each run rewrites. Both go through a dot-prefixed temporary in the target's
 * folder (`.<name>.<pid>.<time>.tmp`), so that a process killed at any moment leaves either the
 * old state or the new one under the final name, plus at worst a temporary naming its writer,
 * which `cleanTemporaries` can remove once that writer is gone.
 */
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../../numeric/errors.ts';

/** A file-system error as a short phrase (one line, no stack). */
export function fsReason(e: unknown): string {
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

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // a dangling link or a file removed meanwhile is not a folder
  }
}

/**
 * The temporary for a write of `file`. The pid lets a cleaner tell an interrupted write from
 * one in progress; the time keeps two writes of one process apart.
 */
const temporaryFor = (file: string): string => join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);

const isTemporary = (name: string): boolean => name.startsWith('.') && name.endsWith('.tmp');

/** Create a folder (and its parents); `context` starts the one-line error (e.g. "store S"). */
export function ensureDirectory(dir: string, context: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new InputError(`${context}: cannot create ${dir} (${fsReason(e)})`);
  }
}

/**
 * Write `text` to `file` only if no file has that name: 'exists' otherwise, and the existing
 * file is left as it was. The text goes to a temporary, is synced, then hard-linked to the
 * final name: link(2) is atomic and fails with EEXIST rather than replace, so two writers racing
 * for one name cannot both win, and a kill never leaves a partial file under the final name.
 * Errors are InputErrors starting with `context`.
 */
export function createExclusive(file: string, text: string, context: string): 'created' | 'exists' {
  const dir = dirname(file);
  if (existsSync(file)) return 'exists'; // the cheap check; the link below is the real one
  const tmp = temporaryFor(file);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx');
  } catch (e) {
    throw new InputError(`${context}: cannot write in ${dir} (${fsReason(e)})`);
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw new InputError(`${context}: cannot write ${tmp} (${fsReason(e)})`);
  }
  closeSync(fd);
  try {
    linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    throw new InputError(`${context}: cannot create ${file} (${fsReason(e)})`);
  } finally {
    unlinkSync(tmp);
  }
  return 'created';
}

/**
 * Replace `file` with `text` through a temporary and a rename, so readers (and a kill) see the
 * old file or the new one, never a mix. Not synced: what is written this way (the necessity
 * table) can be regenerated from the store, so durability across a power cut is not promised.
 */
export function replaceAtomically(file: string, text: string): void {
  const tmp = temporaryFor(file);
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Whether a process with this id is running (a temporary file or a lock names its writer's pid). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user, so it is running.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface LockOptions {
  /** How long to wait for a live owner before giving up (ms). */
  readonly waitMs?: number;
  /** A lock naming no owner (its creator was killed between creating and writing it) is stale after this long (ms). */
  readonly ownerlessStaleMs?: number;
}

/**
 * Run `f` holding an exclusive lock file: created with O_EXCL, holding its owner's pid, removed
 * after. A lock whose owner is no longer running is stale and is broken, so that a run killed
 * while holding it never wedges later runs; a live owner is waited on (polling every 50 ms).
 */
export function withLock<T>(lock: string, f: () => T, opts: LockOptions = {}): T {
  const waitMs = opts.waitMs ?? 60_000;
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new InputError(`cannot lock ${lock}: ${(e as Error).message}`);
      if (staleLock(lock, opts.ownerlessStaleMs ?? 5_000)) {
        rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new InputError(`cannot lock ${lock}: held by a running process for over ${waitMs / 1000} s`);
      // A synchronous sleep: the callers (the table writer) are synchronous.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    return f();
  } finally {
    unlinkSync(lock);
  }
}

/** A lock is stale when its owner is dead, or when it names none and is older than `ownerlessStaleMs`. */
function staleLock(lock: string, ownerlessStaleMs: number): boolean {
  try {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (Number.isInteger(pid) && pid > 0) return !alive(pid);
    return Date.now() - statSync(lock).mtimeMs > ownerlessStaleMs;
  } catch {
    return false; // removed meanwhile: just retry
  }
}

/**
 * Temporaries of writes under `root`: dot-prefixed files ending in `.tmp`, in `root` itself
 * (the table's) and in its immediate subfolders (the store's, one folder per theorem).
 */
export function temporaries(root: string): string[] {
  if (!isDirectory(root)) return [];
  const out: string[] = [];
  for (const d of readdirSync(root).sort()) {
    const dir = join(root, d);
    if (!isDirectory(dir)) {
      if (isTemporary(d)) out.push(dir);
      continue;
    }
    for (const f of readdirSync(dir).sort()) if (isTemporary(f)) out.push(join(dir, f));
  }
  return out;
}

/**
 * Remove the temporaries of interrupted writes under `root`: those whose writer (the pid in
 * the name) is no longer running, so that a write in progress in another process is never
 * disturbed. Returns the files removed.
 */
export function cleanTemporaries(root: string): string[] {
  const removed: string[] = [];
  for (const f of temporaries(root)) {
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
