// Reading a list of vectors (Φ's rows, spanning vectors): checkVecs packs short rows into shared
// arrays (views) and gives long rows arrays of their own; either way each row must read back as
// the numbers given, with its own length, and writing into one row must not touch another.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { checkVecs } from '../../src/instance/reader.ts';
import { SUITE_SEED } from '../support/suite.ts';

// Row lengths around the packing thresholds (1024 per row, 4096 per shared array), row counts
// that cross several shared arrays.
const listArb = fc
  .record({ width: fc.constantFrom(1, 3, 16, 1000, 1024, 1025, 4096), count: fc.integer({ min: 1, max: 600 }), seed: fc.integer() })
  .filter(({ width, count }) => width * count <= 300_000)
  .map(({ width, count, seed }) => Array.from({ length: count }, (_, i) => Array.from({ length: width }, (_, j) => ((seed + 31 * i + 7 * j) % 13) - 6 + (j % 3) / 4)));

describe('reading lists of vectors', () => {
  test.prop([listArb], { seed: SUITE_SEED, numRuns: 40 })('every row reads back as given, and rows are independent', (rows) => {
    const vs = checkVecs(rows, 'rows', rows[0].length);
    expect(vs.length).toBe(rows.length);
    vs.forEach((v, i) => expect(Array.from(v)).toEqual(rows[i]));
    // Writing into the first row changes nothing else.
    vs[0].fill(1e9);
    vs.slice(1).forEach((v, i) => expect(Array.from(v)).toEqual(rows[i + 1]));
  });
});
