/**
 * A stable 32-bit FNV-1a hash of an instance's JSON text. Monte Carlo checks seed their
 * generator with it (or with the instance's `seed` field), so evaluating the same instance
 * always draws the same samples: a stored counterexample replays bit for bit.
 */
export function hashSeed(x: unknown): number {
  const s = JSON.stringify(x);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
