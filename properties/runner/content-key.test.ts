// The hunt caches verdicts by an instance's JSON text (src/runner/hunt.ts, byContent). That is
// sound only when the text says everything the evaluation can see: two instances with the same
// key must be interchangeable, and whatever JSON would blur (−0 and 0, NaN and null, an
// undefined field and none, a typed array and an object) must have no key at all.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentKey } from '../../src/runner/hunt.ts';
import type { Instance } from '../../src/instance/reader.ts';

const plain = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 6 }),
  fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)), fc.array(fc.integer({ min: -9, max: 9 }), { maxLength: 4 }), fc.boolean(), fc.constantFrom('logistic', 'probit')),
  { maxKeys: 5, noNullPrototype: true },
);

describe('the content key of the hunt\'s verdict cache', () => {
  it('is the JSON text of plain finite instances, and equal keys come from equal instances', () => {
    fc.assert(
      fc.property(plain, plain, (a, b) => {
        const [ka, kb] = [contentKey(a as Instance), contentKey(b as Instance)];
        expect(ka).toBe(JSON.stringify(a));
        if (ka === kb) expect(JSON.parse(kb!)).toStrictEqual(JSON.parse(ka!));
      }),
    );
  });

  it('is absent whenever JSON would blur two different instances', () => {
    for (const x of [
      { v: [0, -0] },
      { v: [1, Number.NaN] },
      { beta: Number.POSITIVE_INFINITY },
      { g: [1, 2], extra: undefined },
      { v: new Float64Array([1, 2]) },
      { v: new Map() },
      { nested: { deep: [[-0]] } },
    ])
      expect(contentKey(x as unknown as Instance), JSON.stringify(x)).toBeUndefined();
    // …and present for their plain, finite twins.
    expect(contentKey({ v: [0, 0] } as Instance)).toBe('{"v":[0,0]}');
    expect(contentKey({ nested: { deep: [[0]] }, link: 'probit', ok: true, none: null } as unknown as Instance)).toBe('{"nested":{"deep":[[0]]},"link":"probit","ok":true,"none":null}');
  });
});
