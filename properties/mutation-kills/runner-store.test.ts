// Direct facts about the counterexample store (src/runner/store/): the name a witness is filed
// under, an identity that ignores key order at every depth and the order of the dropped tags,
// listings that see records only, and retirement (prune's one way out) that removes exactly
// one record of the store and refuses anything else, alike in the folder and in memory.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/numeric/errors.ts';
import { assertStore, DirectoryStore, fileNameFor, identity, MemoryStore, type RetiringStore } from '../../src/runner/store.ts';
import { counterexampleRecord } from '../support/records.ts';
import { scratchRoot } from '../support/scratch.ts';

const tmp = scratchRoot('store-kills');

describe('names and identity', () => {
  it('a witness is filed as <sorted dropped tags joined by +, or none>-<12 hex digits>.json', () => {
    const r = counterexampleRecord({ dropped: ['linear-value', 'converged'] });
    const name = fileNameFor(r);
    expect(name).toMatch(/^converged\+linear-value-[0-9a-f]{12}\.json$/);
    expect(name).toBe(`converged+linear-value-${identity(r.theorem, ['converged', 'linear-value'], r.instance)}.json`);
    expect(fileNameFor({ ...r, dropped: [] })).toMatch(/^none-[0-9a-f]{12}\.json$/);
  });

  it('identity ignores key order at every depth, and sorting the dropped tags does not change the caller\'s list', () => {
    const a = { vStar: [1, 0], f: { kind: 'tanh', a: 2, b: 0 }, nested: [{ x: 1, y: 2 }] };
    const b = { nested: [{ y: 2, x: 1 }], f: { b: 0, a: 2, kind: 'tanh' }, vStar: [1, 0] };
    const dropped = ['monotone-value', 'converged'];
    expect(identity('T6.a', dropped, a)).toBe(identity('T6.a', ['converged', 'monotone-value'], b));
    expect(dropped).toEqual(['monotone-value', 'converged']);
    // Array order is content, not layout: it does change the identity.
    expect(identity('T6.a', dropped, { ...a, vStar: [0, 1] })).not.toBe(identity('T6.a', dropped, a));
    expect(identity('T6.a', dropped, { ...a, nested: [{ x: 2, y: 1 }] })).not.toBe(identity('T6.a', dropped, a));
  });

  it('a record with a byte-order mark loads as the same record', () => {
    const r = counterexampleRecord();
    const mem = new MemoryStore({ [`T2.c/${fileNameFor(r)}`]: `\uFEFF${JSON.stringify(r)}` });
    const { file: _f, ...loaded } = mem.load(mem.list()[0]);
    expect(loaded).toEqual(r);
  });
});

describe('listings see records only', () => {
  it('temporaries, hidden files, other extensions and top-level files are not records', () => {
    const root = tmp.sub('listing');
    const store = new DirectoryStore(root);
    const { file } = store.save(counterexampleRecord());
    writeFileSync(join(root, 'T2.c', '.hidden.json'), '{}');
    writeFileSync(join(root, 'T2.c', 'notes.txt'), 'x');
    writeFileSync(join(root, 'T2.c', `${fileNameFor(counterexampleRecord())}.123.tmp`), 'x');
    writeFileSync(join(root, 'top.json'), '{}');
    expect(store.list()).toEqual([file]);
    const mem = new MemoryStore({ 'T2.c/.hidden.json': '{}', 'T2.c/notes.txt': 'x' });
    expect(mem.list()).toEqual([]);
  });

  it('a missing store lists nothing; a file in place of the store is refused', () => {
    expect(new DirectoryStore(join(tmp.sub('absent'), 'none')).list()).toEqual([]);
    const root = tmp.sub('file-store');
    writeFileSync(join(root, 'store'), 'x');
    expect(() => assertStore(join(root, 'store'))).toThrow(/not a directory/);
    mkdirSync(join(root, 'ok'));
    writeFileSync(join(root, 'ok', 'T1'), 'x');
    expect(() => assertStore(join(root, 'ok'), ['T1'])).toThrow(/T1: not a directory/);
    expect(assertStore(join(root, 'ok'), ['T2'])).toBe(join(root, 'ok'));
  });

  it('a memory store is given <id>/<file> names only', () => {
    expect(() => new MemoryStore({ 'T1.json': '{}' })).toThrow(InputError);
    expect(() => new MemoryStore({ 'T1/a/b.json': '{}' })).toThrow(/a memory store name is <id>\/<file>/);
    expect(() => new MemoryStore({ '/b.json': '{}' })).toThrow(InputError);
  });
});

describe('retire removes exactly one record of the store', () => {
  const stores: [string, () => RetiringStore][] = [
    ['directory', () => new DirectoryStore(tmp.sub('retire'))],
    ['memory', () => new MemoryStore()],
  ];
  for (const [kind, make] of stores)
    it(`${kind}: the record goes, the others stay, and anything that is not a record is refused`, () => {
      const store = make();
      const a = store.save(counterexampleRecord()).file;
      const b = store.save(counterexampleRecord({ dropped: [] })).file;
      const c = store.save(counterexampleRecord({ theorem: 'T1.a' })).file;
      store.retire(b);
      expect(store.list()).toEqual([c, a]);
      expect(() => store.retire(b)).toThrow(InputError);
      expect(() => store.retire(`${store.location}/T2.c`)).toThrow(/not a record of the store/);
      expect(() => store.retire(`${store.location}/T2.c/x/y.json`)).toThrow(/not a record of the store/);
      expect(() => store.retire(`elsewhere/T2.c/${a.split('/').at(-1)}`)).toThrow(/not a record of the store/);
      expect(store.list()).toEqual([c, a]);
    });

  it('directory: a hidden file, a file that is not JSON or a bad folder name cannot be retired', () => {
    const root = tmp.sub('retire-odd');
    const store = new DirectoryStore(root);
    const { file } = store.save(counterexampleRecord());
    writeFileSync(join(root, 'T2.c', '.x.json'), '{}');
    writeFileSync(join(root, 'T2.c', 'x.txt'), '');
    mkdirSync(join(root, '-bad'));
    writeFileSync(join(root, '-bad', 'x.json'), '{}');
    for (const f of [join(root, 'T2.c', '.x.json'), join(root, 'T2.c', 'x.txt'), join(root, '-bad', 'x.json'), join(root, 'top.json')])
      expect(() => store.retire(f), f).toThrow(InputError);
    expect(store.list()).toEqual([join(root, '-bad', 'x.json'), file]);
  });
});

describe('the schema and the memory store at their edges', () => {
  const text = (over: Record<string, unknown> = {}) => JSON.stringify({ ...counterexampleRecord(), ...over });
  const load = (t: string) => {
    const s = new MemoryStore({ [`T2.c/x.json`]: t });
    return s.load(s.list()[0]);
  };

  it('a counterexample has a negative margin (0 is refused) and a non-negative tolerance (0 is accepted, −1 refused)', () => {
    expect(() => load(text({ margin: 0 }))).toThrow(/a counterexample has a negative margin/);
    expect(load(text({ tol: 0 })).tol).toBe(0);
    expect(() => load(text({ tol: -1 }))).toThrow(/must be non-negative/);
  });

  it('only a leading byte-order mark is dropped: one inside a string is content', () => {
    expect(load(`\uFEFF${text({ path: 'a\uFEFFb' })}`).path).toBe('a\uFEFFb');
    expect(load(text({ path: 'a\uFEFFb' })).path).toBe('a\uFEFFb');
  });

  it('identity reads null fields (as null, unlike an empty object) and a theorem id that cannot name a folder says which', () => {
    expect(identity('T2.c', [], { f: null })).not.toBe(identity('T2.c', [], { f: {} }));
    expect(() => new MemoryStore().save(counterexampleRecord({ theorem: '../T1' }))).toThrow(/theorem id "\.\.\/T1" cannot name a store folder/);
  });

  it('every memory store has a location of its own', () => {
    const a = new MemoryStore();
    const b = new MemoryStore();
    expect(a.location).toMatch(/^memory:\d+$/);
    expect(a.location).not.toBe(b.location);
  });

  it('load and retire take only <location>/<id>/<file> of this store', () => {
    const s = new MemoryStore();
    const saved = s.save(counterexampleRecord());
    const file = s.list()[0];
    expect(saved.file ?? file).toBe(file);
    const [id, name] = file.slice(s.location.length + 1).split('/');
    for (const bad of [`${file}/extra`, `${s.location}/${id}`, `elsewhere/${id}/${name}`, `${s.location}/T9/${name}`, `${s.location}/${id}/missing.json`]) {
      expect(() => s.load(bad)).toThrow(/cannot read/);
      expect(() => s.retire(bad)).toThrow(/only its records can be retired/);
    }
    expect(s.load(file).theorem).toBe('T2.c');
    s.retire(file);
    expect(s.list()).toEqual([]);
  });
});
