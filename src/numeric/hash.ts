/**
 * A stable 32-bit seed for an instance: FNV-1a over a canonical byte encoding of its value.
 * Monte Carlo checks seed their generator with it (or with the instance's `seed` field), so
 * evaluating the same instance always draws the same samples: a stored counterexample replays
 * bit for bit.
 *
 * The encoding reads each number's eight IEEE-754 bytes rather than its JSON text: at d = 4096
 * an instance has 65 000 numbers, and writing them as text cost more than T3.c's whole exact
 * computation. It is still a function of what JSON keeps, so an instance and its stored copy
 * (JSON.parse(JSON.stringify(x))) get the same seed: -0 is read as 0, a non-finite number as
 * null, a typed array as the object of indices JSON makes of it, and a property whose value
 * JSON drops (undefined, a function) is skipped.
 *
 * Encoding, byte by byte: a number is 'n' then its float64 bytes, little-endian; a string is
 * 's', its length in UTF-16 code units (four bytes, little-endian), then each code unit (two
 * bytes, low first); null 'z'; true 't', false 'f'; an array '[' items ']'; an object '{' then
 * key (as a string) and value for each entry in insertion order, then '}'.
 */
const F64 = new Float64Array(1);
const BYTES = new Uint8Array(F64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const OFFSET = 0x811c9dc5;
const PRIME = 0x01000193;
const N = 0x6e; // 'n'
const S = 0x73; // 's'
const Z = 0x7a; // 'z'
const T = 0x74; // 't'
const F = 0x66; // 'f'
const OPEN_ARRAY = 0x5b; // '['
const CLOSE_ARRAY = 0x5d; // ']'
const OPEN_OBJECT = 0x7b; // '{'
const CLOSE_OBJECT = 0x7d; // '}'

const byte = (h: number, b: number): number => Math.imul(h ^ b, PRIME);

function number(h: number, x: number): number {
  if (!Number.isFinite(x)) return byte(h, Z); // JSON writes null
  F64[0] = x === 0 ? 0 : x; // -0 is written 0
  h = byte(h, N);
  if (LITTLE_ENDIAN) for (let i = 0; i < 8; i++) h = byte(h, BYTES[i]);
  else for (let i = 7; i >= 0; i--) h = byte(h, BYTES[i]);
  return h;
}

function string(h: number, s: string): number {
  h = byte(h, S);
  for (let i = 0; i < 4; i++) h = byte(h, (s.length >>> (8 * i)) & 0xff);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h = byte(byte(h, c & 0xff), c >>> 8);
  }
  return h;
}

/** JSON drops these as property values (and writes null for them in an array). */
const dropped = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

function value(h: number, v: unknown): number {
  if (typeof v === 'number') return number(h, v);
  if (typeof v === 'string') return string(h, v);
  if (typeof v === 'boolean') return byte(h, v ? T : F);
  if (v === null || dropped(v)) return byte(h, Z);
  if (typeof v === 'bigint') throw new TypeError('hashSeed: a bigint has no JSON form');
  const o = v as { toJSON?: () => unknown };
  if (typeof o.toJSON === 'function') return value(h, o.toJSON());
  if (Array.isArray(v)) {
    h = byte(h, OPEN_ARRAY);
    // At d = 4096 this runs over every row of Φ: a finite non-zero number (nearly every item) is
    // hashed here, inline, the same bytes as number() hashes.
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'number' && x !== 0 && x - x === 0) {
        F64[0] = x;
        h = Math.imul(h ^ N, PRIME);
        if (LITTLE_ENDIAN) {
          h = Math.imul(h ^ BYTES[0], PRIME);
          h = Math.imul(h ^ BYTES[1], PRIME);
          h = Math.imul(h ^ BYTES[2], PRIME);
          h = Math.imul(h ^ BYTES[3], PRIME);
          h = Math.imul(h ^ BYTES[4], PRIME);
          h = Math.imul(h ^ BYTES[5], PRIME);
          h = Math.imul(h ^ BYTES[6], PRIME);
          h = Math.imul(h ^ BYTES[7], PRIME);
        } else for (let j = 7; j >= 0; j--) h = Math.imul(h ^ BYTES[j], PRIME);
      } else h = value(h, x);
    }
    return byte(h, CLOSE_ARRAY);
  }
  h = byte(h, OPEN_OBJECT);
  for (const k of Object.keys(v as object)) {
    const x = (v as Record<string, unknown>)[k];
    if (dropped(x)) continue;
    h = value(string(h, k), x);
  }
  return byte(h, CLOSE_OBJECT);
}

export function hashSeed(x: unknown): number {
  return value(OFFSET, x) >>> 0;
}
