// Direct facts about the store on disk (src/runner/store/directory.ts) that the store's
// properties leave open: listings come in sorted order whatever order the folder gives, a path
// that cannot be a store is refused with its reason (not skipped as missing), every error names
// the store or the file it is about, and paths are shown relative to the working directory.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/numeric/errors.ts';
import { assertStore, displayPath, listFiles, retire, save } from '../../src/runner/store.ts';
import { counterexampleRecord } from '../support/records.ts';
import { scratchRoot } from '../support/scratch.ts';

const tmp = scratchRoot('store-directory-kills');

describe('the store on disk', () => {
  it('lists records sorted by theorem folder, then by file name, whatever order they were written in', () => {
    const store = tmp.sub('sorted');
    // Written in reverse order, folders and files alike.
    for (const t of ['T7.a', 'T2.c', 'T1']) {
      mkdirSync(join(store, t));
      for (const f of ['z.json', 'm.json', 'a.json']) writeFileSync(join(store, t, f), '{}');
    }
    const rel = listFiles(store).map((f) => f.slice(store.length + 1));
    expect(rel).toEqual(['T1/a.json', 'T1/m.json', 'T1/z.json', 'T2.c/a.json', 'T2.c/m.json', 'T2.c/z.json', 'T7.a/a.json', 'T7.a/m.json', 'T7.a/z.json']);
  });

  it('a store below a file is refused with the reason, not taken for a store yet to be made', () => {
    const root = tmp.sub('below-file');
    const file = join(root, 'plain');
    writeFileSync(file, 'x');
    const store = join(file, 'store');
    expect(() => assertStore(store)).toThrow(InputError);
    expect(() => assertStore(store)).toThrow(`store ${store}: cannot use (`);
    expect(() => listFiles(store)).toThrow(`store ${store}: cannot use (`);
  });

  it('errors name the store or the file: a store that is a file, a theorem folder that is a file, a folder that cannot be made, a record that cannot be retired', () => {
    const root = tmp.sub('named');
    const file = join(root, 'plain');
    writeFileSync(file, 'x');
    expect(() => assertStore(file)).toThrow(`store ${file}: not a directory`);
    const store = tmp.sub('theorem-file');
    writeFileSync(join(store, 'T2.c'), 'x');
    expect(() => assertStore(store, ['T2.c'])).toThrow(`store ${store}: ${join(store, 'T2.c')}: not a directory`);
    expect(() => save(counterexampleRecord(), store)).toThrow(`store ${store}: cannot create ${join(store, 'T2.c')} (`);
    const missing = join(tmp.sub('retire'), 'T2.c', 'none-000000000000.json');
    expect(() => retire(missing, join(missing, '..', '..'))).toThrow(`${missing}: cannot retire (`);
  });

  it('shows a path relative to the working directory, and the working directory itself as it is', () => {
    expect(displayPath(join(process.cwd(), 'counterexamples', 'T1'))).toBe(join('counterexamples', 'T1'));
    expect(displayPath(process.cwd())).toBe(process.cwd());
  });
});
