// Hostile input in process: the store never writes or reads outside its folder whatever a
// record's theorem id says, and the instance validator's limits sit exactly where documented.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, MAX_MAGNITUDE, MIN_MAGNITUDE, validateInstance } from '../../src/instance/reader.ts';
import { InputError } from '../../src/numeric/errors.ts';
import { assertStore, load, save } from '../../src/runner/store.ts';
import { treeHash } from './run.ts';
import { counterexampleRecord } from '../support/records.ts';
import { scratchRoot } from '../support/scratch.ts';

const tmp = scratchRoot('hostile-store');

const record = counterexampleRecord;

describe('the store stays inside its folder', () => {
  // The store is nested two levels down in a scratch folder, so that "../../etc" would land in
  // the scratch folder itself, where the test can see it.
  const root = tmp.sub('store');
  const store = join(root, 'a', 'store');
  mkdirSync(store, { recursive: true });

  const hostileIds = ['../../etc', '..', '.', '', 'T1/../../x', '/etc', 'T1/x', '.hidden', 'a..b', 'T1\\..\\x', 'T1\0'];
  for (const theorem of hostileIds)
    it(`save refuses theorem id ${JSON.stringify(theorem)} and writes nothing`, () => {
      const before = treeHash(root);
      expect(() => save(record({ theorem }), store)).toThrow(theorem === '' ? /theorem/ : InputError);
      expect(treeHash(root)).toBe(before);
      expect(() => assertStore(store, [theorem])).toThrow();
    });

  it('a valid record lands in <store>/<id>/ and nowhere else', () => {
    const { status, file } = save(record(), store);
    expect(status).toBe('stored');
    expect(dirname(file)).toBe(join(store, 'T2.c'));
    expect(readdirSync(root)).toEqual(['a']);
    expect(readdirSync(join(store, 'T2.c')).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(save(record(), store).status).toBe('duplicate');
  });

  it('load rejects a __proto__ key that a schema copy would have turned into a prototype', () => {
    const f = join(root, 'proto.json');
    const json = JSON.stringify(record()).replace('"instance":{', '"instance":{"__proto__":{"u":[1,1]},');
    writeFileSync(f, json);
    expect(() => load(f)).toThrow(/forbidden key "__proto__"/);
  });

  it('assertStore: a file, or a theorem folder that is a file, is refused; an absent folder is fine', () => {
    const plain = join(root, 'plain');
    writeFileSync(plain, 'x');
    expect(() => assertStore(plain)).toThrow(/not a directory/);
    expect(() => assertStore(join(root, 'absent'))).not.toThrow();
    writeFileSync(join(store, 'T1'), 'x');
    expect(() => assertStore(store, ['T1'])).toThrow(/T1: not a directory/);
    expect(() => save(record({ theorem: 'T1', dropped: ['linear-value'] }), store)).toThrow(InputError);
    expect(() => assertStore(join(plain, 'below'))).toThrow(/cannot use/);
  });
});

describe('instance limits', () => {
  const inst = (x: unknown) => ({ vStar: [x], g: [0], u: [1] });
  it('magnitudes: 0 and [1e-50, 1e50] pass; beyond, a one-line InputError naming the entry', () => {
    for (const x of [0, -0, MAX_MAGNITUDE, -MAX_MAGNITUDE, MIN_MAGNITUDE, -MIN_MAGNITUDE, 1, 2 ** -20]) expect(() => validateInstance(inst(x)), String(x)).not.toThrow();
    for (const x of [MAX_MAGNITUDE * (1 + 2 ** -52), 1e308, -1e51, MIN_MAGNITUDE * (1 - 2 ** -52), 5e-324, -1e-60])
      expect(() => validateInstance(inst(x)), String(x)).toThrow(/^instance\.vStar\[0\]: .* is outside the supported range/);
    expect(() => validateInstance(inst(Infinity))).toThrow(/not a finite number/);
    expect(() => validateInstance(inst(NaN))).toThrow(/not a finite number/);
  });
  it(`nesting: ${MAX_DEPTH} levels pass, one more is refused`, () => {
    const nest = (n: number): unknown => {
      let x: unknown = 1;
      for (let i = 0; i < n; i++) x = [x];
      return x;
    };
    expect(() => validateInstance({ vStar: nest(MAX_DEPTH - 1) })).not.toThrow();
    expect(() => validateInstance({ vStar: nest(MAX_DEPTH) })).toThrow(/nested more than 16 levels deep/);
    expect(() => validateInstance({ vStar: nest(100_000) })).toThrow(InputError);
  });
});
