// The counterexample store through its interface: the folder of files and the store in memory
// keep the same contract (same names, same duplicates, same refusals, same listing order), the
// identity of a witness ignores the order of its fields and of its dropped tags, a save never
// replaces a record, and a malformed record is refused with the file named.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { scratchRoot } from '../support/scratch.ts';
import { InputError } from '../../src/numeric/errors.ts';
import {
  DirectoryStore,
  fileNameFor,
  identity,
  listFiles,
  load,
  MemoryStore,
  type Counterexample,
  type CounterexampleStore,
  type StoredCounterexample,
} from '../../src/runner/store.ts';
import { counterexampleRecord } from '../support/records.ts';
import { SUITE_SEED } from '../support/suite.ts';

const cfg = { seed: SUITE_SEED, numRuns: 60 };
const tmp = scratchRoot('store');
const scratch = (name: string) => tmp.sub(name);

/** The file's name below its store: `<id>/<name>.json`, whatever the store's location. */
const keyOf = (store: CounterexampleStore, file: string) => file.slice(store.location.length + 1);
const withoutFile = ({ file: _f, ...r }: StoredCounterexample): Counterexample => r;

/** An object with the same entries in the order given by `order` (a permutation of its keys). */
const reorder = <T extends Record<string, unknown>>(x: T, order: readonly string[]): T => Object.fromEntries(order.map((k) => [k, x[k]])) as T;

const small = fc.integer({ min: -3, max: 3 });
const vector = (d: number) => fc.array(small, { minLength: d, maxLength: d });
// Known instance fields only (the validator refuses others), in a few dimensions.
const instanceArb = fc.integer({ min: 1, max: 3 }).chain((d) =>
  fc.record({ vStar: vector(d), g: vector(d), u: vector(d), w: vector(d), beta: fc.integer({ min: 1, max: 4 }) }, { requiredKeys: ['vStar', 'g'] }),
);
// "T1" and "T1.a" together: a listing sorted by whole path would put "T1.a/" before "T1/".
const theoremArb = fc.constantFrom('T1', 'T1.a', 'T2.c', 'R1n');
const droppedArb = fc.subarray(['converged', 'isotropic', 'linear-value'], { minLength: 0, maxLength: 3 });

const recordArb = fc.record({ theorem: theoremArb, dropped: droppedArb, instance: instanceArb, margin: fc.integer({ min: -9, max: -1 }) }).map((r) => counterexampleRecord(r));

/**
 * One save of a sequence: a fresh record, a copy of an earlier one (fields, instance keys and
 * dropped tags reordered, other fields changed: still the same witness), or a record the
 * stores must refuse.
 */
type Step = { kind: 'new'; record: Counterexample } | { kind: 'again'; index: number; seed: number } | { kind: 'bad'; record: Counterexample };
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: recordArb.map((record) => ({ kind: 'new' as const, record })) },
  { weight: 3, arbitrary: fc.record({ index: fc.nat(), seed: fc.nat() }).map((s) => ({ kind: 'again' as const, ...s })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom<Partial<Counterexample>>({ theorem: '../x' }, { theorem: 'T1/x' }, { margin: 1 }, { instance: { vStar: [1], constructor: [1] } }, { dropped: [''] })
      .map((over) => ({ kind: 'bad' as const, record: counterexampleRecord(over) })),
  },
);

/** A copy of `r` that is the same witness: keys, instance keys and dropped tags in another order, and another seed and date. */
function sameWitness(r: Counterexample, seed: number): Counterexample {
  const rotate = <T>(xs: readonly T[]) => (xs.length ? [...xs.slice(seed % xs.length), ...xs.slice(0, seed % xs.length)] : [...xs]);
  const copy = { ...r, instance: reorder(r.instance, rotate(Object.keys(r.instance)).reverse()), dropped: rotate(r.dropped).reverse(), seed, foundAt: '2027-02-03T04:05:06.000Z' };
  return reorder(copy, rotate(Object.keys(copy)));
}

/** What a save did, in terms that do not depend on where the store is. */
function outcome(store: CounterexampleStore, c: Counterexample): string {
  try {
    const { status, file } = store.save(c);
    return `${status} ${keyOf(store, file)}`;
  } catch (e) {
    return `refused (${e instanceof InputError ? 'input' : 'schema'}): ${(e as Error).message}`;
  }
}

describe('the directory and memory stores behave alike', () => {
  test.prop([fc.array(stepArb, { minLength: 1, maxLength: 12 })], cfg)('for any sequence of saves: same outcomes, same listing, same records', (steps) => {
    const dir = new DirectoryStore(scratch('store-dir'));
    const mem = new MemoryStore();
    const saved: Counterexample[] = [];
    for (const step of steps) {
      const c = step.kind === 'again' ? (saved.length ? sameWitness(saved[step.index % saved.length], step.seed) : undefined) : step.record;
      if (!c) continue;
      const [a, b] = [outcome(dir, c), outcome(mem, c)];
      expect(b).toBe(a);
      if (step.kind === 'bad') expect(a).toMatch(/^refused/);
      if (step.kind === 'again') expect(a).toMatch(/^duplicate /);
      if (step.kind === 'new' && a.startsWith('stored')) saved.push(c);
    }
    const listed = dir.list().map((f) => keyOf(dir, f));
    expect(mem.list().map((f) => keyOf(mem, f))).toEqual(listed);
    expect(listed).toEqual(listFiles(dir.location).map((f) => keyOf(dir, f)));
    // Folder by folder, then name by name, as the directory store reads them.
    const folders = listed.map((k) => k.split('/')[0]);
    expect(folders).toEqual([...folders].sort());
    expect(mem.loadAll().map(withoutFile)).toEqual(dir.loadAll().map(withoutFile));
    // A record's name is its witness's: the first save of each witness is the one kept.
    for (const r of dir.loadAll()) expect(basename(r.file)).toBe(fileNameFor(r));
  });
});

describe('identity', () => {
  test.prop([recordArb, fc.nat(), fc.nat()], cfg)('ignores the order of the instance\'s keys and of the dropped tags', (r, s, t) => {
    const keys = Object.keys(r.instance);
    const shuffled = reorder(r.instance, keys.map((k, i) => keys[(i + s) % keys.length]).reverse());
    const dropped = r.dropped.map((_, i) => r.dropped[(i + t) % r.dropped.length]).reverse();
    expect(identity(r.theorem, dropped, shuffled)).toBe(identity(r.theorem, r.dropped, r.instance));
    expect(fileNameFor({ ...r, instance: shuffled, dropped })).toBe(fileNameFor(r));
  });

  test.prop([recordArb], cfg)('changes with the theorem, the dropped tags and the instance', (r) => {
    const id = identity(r.theorem, r.dropped, r.instance);
    expect(identity(`${r.theorem}x`, r.dropped, r.instance)).not.toBe(id);
    expect(identity(r.theorem, [...r.dropped, 'gaussian-latents'], r.instance)).not.toBe(id);
    expect(identity(r.theorem, r.dropped, { ...r.instance, vStar: [...(r.instance.vStar as number[]), 7] })).not.toBe(id);
  });

  it('is the one every committed record is named by, and the records are written as a save writes them', () => {
    // Names and bytes of the store are a format: changing either would duplicate every witness.
    const files = listFiles();
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const r = withoutFile(load(f));
      expect(basename(f), f).toBe(fileNameFor(r));
      const copy = new DirectoryStore(scratch('store-bytes'));
      const { file } = copy.save(r);
      expect(readFileSync(file, 'utf8'), f).toBe(readFileSync(f, 'utf8'));
    }
  });
});

describe('a save never overwrites', () => {
  test.prop([recordArb, fc.nat()], cfg)('the same witness saved again (with other fields) leaves the first record as it was', (r, seed) => {
    for (const store of [new DirectoryStore(scratch('store-keep')), new MemoryStore()]) {
      const first = store.save(r);
      expect(first.status).toBe('stored');
      const again = store.save({ ...sameWitness(r, seed), margin: r.margin - 1, numRuns: r.numRuns + 1 });
      expect(again).toEqual({ status: 'duplicate', file: first.file });
      expect(withoutFile(store.load(first.file))).toEqual(r);
      expect(store.list()).toEqual([first.file]);
    }
  });

  it('a file already at the name is left untouched, whatever it holds', () => {
    const store = new DirectoryStore(scratch('store-occupied'));
    const r = counterexampleRecord();
    const { file } = store.save(r);
    writeFileSync(file, 'not a record');
    expect(store.save(r).status).toBe('duplicate');
    expect(readFileSync(file, 'utf8')).toBe('not a record');
  });
});

describe('load refuses a malformed record and names the file', () => {
  const good = JSON.stringify(counterexampleRecord(), null, 2);
  const malformed: readonly [string, string, RegExp][] = [
    ['truncated JSON', good.slice(0, 40), /invalid JSON/],
    ['not an object', '[1, 2]', /\(top level\)/],
    ['a field missing', JSON.stringify({ ...counterexampleRecord(), margin: undefined }), /margin/],
    ['a positive margin', JSON.stringify(counterexampleRecord({ margin: 0.5 })), /margin: a counterexample has a negative margin/],
    ['an unknown field', JSON.stringify({ ...counterexampleRecord(), extra: 1 }), /extra/],
    // Field names are the part's vocabulary's to judge (on replay); the store checks structure.
    ['a forbidden instance key', JSON.stringify(counterexampleRecord({ instance: { vStar: [1], constructor: [2] } })), /forbidden key "constructor"/],
    ['an infinite quantity', good.replace('"quantities": {}', '"quantities": {"a": 1e999}'), /quantities\.a: /],
    ['a __proto__ key in the instance', good.replace('"instance": {', '"instance": {"__proto__": {"u": [1]},'), /forbidden key "__proto__"/],
  ];
  for (const [what, text, reason] of malformed)
    it(`${what}: both stores refuse it with the same message, starting with the file`, () => {
      const root = scratch('store-bad');
      const file = join(root, 'T2.c', 'converged-000000000000.json');
      mkdirSync(join(root, 'T2.c'));
      writeFileSync(file, text);
      const mem = new MemoryStore({ 'T2.c/converged-000000000000.json': text });
      const errorOf = (f: () => unknown): Error => {
        try {
          f();
        } catch (e) {
          return e as Error;
        }
        throw new Error(`${what}: accepted`);
      };
      const [d, m] = [errorOf(() => new DirectoryStore(root).load(file)), errorOf(() => mem.load(mem.list()[0]))];
      expect(d).toBeInstanceOf(InputError);
      expect(d.message.startsWith(`${file}: `), d.message).toBe(true);
      expect(d.message).toMatch(reason);
      expect(m.message).toBe(d.message.replace(file, mem.list()[0]));
    });

  it('a record that is not there: cannot read, naming it', () => {
    const mem = new MemoryStore();
    expect(() => mem.load(`${mem.location}/T1/none-000000000000.json`)).toThrow(new RegExp(`^${mem.location}/T1/none-000000000000.json: cannot read`));
    const root = scratch('store-absent');
    expect(() => new DirectoryStore(root).load(join(root, 'T1', 'x.json'))).toThrow(/x\.json: cannot read \(no such file or directory\)/);
  });
});

