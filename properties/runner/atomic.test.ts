// The file-system primitives every writer of the suite goes through: a create that never
// replaces, a replace that is never partial, and a lock that a dead owner cannot wedge.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchRoot } from '../support/scratch.ts';
import { createExclusive, fsReason, replaceAtomically, withLock } from '../../src/runner/fs/atomic.ts';

const tmp = scratchRoot('atomic');
const scratch = () => tmp.sub();

describe('atomic writes', () => {
  it('createExclusive creates once, then reports the file as existing and leaves it, and no temporary behind', () => {
    const dir = scratch();
    const f = join(dir, 'a.json');
    expect(createExclusive(f, 'one', 'ctx')).toBe('created');
    expect(createExclusive(f, 'two', 'ctx')).toBe('exists');
    expect(readFileSync(f, 'utf8')).toBe('one');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('createExclusive in a missing folder: an InputError with the context and the reason', () => {
    const f = join(scratch(), 'absent', 'a.json');
    expect(() => createExclusive(f, 'x', 'store S')).toThrow(/^store S: cannot write in .*absent \(no such file or directory\)$/);
  });

  it('replaceAtomically replaces, and leaves no temporary', () => {
    const dir = scratch();
    const f = join(dir, 't.md');
    replaceAtomically(f, 'old');
    replaceAtomically(f, 'new');
    expect(readFileSync(f, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['t.md']);
  });

  it('fsReason: a known errno as a phrase, an unknown one as its code', () => {
    expect(fsReason(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe('permission denied');
    expect(fsReason(Object.assign(new Error('x'), { code: 'EMLINK' }))).toBe('EMLINK');
    expect(fsReason(new Error('first line\nsecond'))).toBe('first line');
  });
});

describe('withLock', () => {
  it('breaks a lock whose owner is dead, and removes its own after', () => {
    const lock = join(scratch(), '.lock');
    writeFileSync(lock, '99999999'); // above the Linux pid_max: no such process
    expect(withLock(lock, () => 42)).toBe(42);
    expect(existsSync(lock)).toBe(false);
  });

  it('waits for a live owner, then gives up with a one-line error', () => {
    const lock = join(scratch(), '.lock');
    writeFileSync(lock, String(process.pid));
    expect(() => withLock(lock, () => 0, { waitMs: 200 })).toThrow(/held by a running process for over 0\.2 s/);
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
  });

  it('an ownerless lock is stale only once old', () => {
    const lock = join(scratch(), '.lock');
    writeFileSync(lock, '');
    expect(() => withLock(lock, () => 0, { waitMs: 100, ownerlessStaleMs: 60_000 })).toThrow(/held by a running process/);
    expect(withLock(lock, () => 1, { ownerlessStaleMs: 0 })).toBe(1);
  });
});
