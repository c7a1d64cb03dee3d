import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../numeric/errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;
// Spelled out so that declaration emit (the build) can name it: node:util does not export the option types.
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: true }>>;

/** node:util parseArgs in strict mode, with its errors turned into one-line InputErrors. */
export function parse<O extends Options>(argv: string[], options: O): Parsed<O> {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (e) {
    throw new InputError((e as Error).message.split('\n')[0]);
  }
}

/** A whole number in [min, max] from a flag's text. */
export function intFlag(value: string | undefined, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value)) throw new InputError(`--${name}: expected a whole number, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new InputError(`--${name}: must be between ${min} and ${max}, got ${n}`);
  return n;
}

export function numberFlag(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= min) throw new InputError(`--${name}: expected a number above ${min}, got "${value}"`);
  return n;
}

/** A comma-separated list (`--drop a,b`), empty when absent. */
export const listFlag = (value: string | undefined): string[] => (value ? value.split(',').map((s) => s.trim()).filter(Boolean) : []);

/** `--shard i/n` (1 <= i <= n), or undefined when absent. */
export function shardFlag(s: string | undefined): { index: number; count: number } | undefined {
  if (s === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(s);
  if (!m || +m[2] < 1 || +m[1] < 1 || +m[1] > +m[2]) throw new InputError(`--shard: expected i/n with 1 <= i <= n, got "${s}"`);
  return { index: +m[1], count: +m[2] };
}
