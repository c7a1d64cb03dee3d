/**
 * What a stored counterexample is, independent of where it is stored: the record's schema,
 * its canonical identity, and the file name derived from that identity. Every store
 * implementation keys records by `fileNameFor`, so that equal witnesses found by different
 * runs (or shards) collapse to one record wherever they are kept.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { validateStructure, type Instance } from '../../instance/reader.ts';
import { InputError } from '../../numeric/errors.ts';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const CounterexampleSchema = z
  .object({
    theorem: z.string().min(1),
    // Empty when the part fails under its full tags (a finding about THEORY.md itself).
    dropped: z.array(z.string().min(1)),
    instance: z.record(z.string(), z.unknown()),
    margin: finite.refine((m) => m < 0, 'a counterexample has a negative margin'),
    tol: finite.refine((t) => t >= 0, 'must be non-negative'),
    quantities: z.record(z.string(), finite),
    dimension: z.number().int().min(0),
    seed: z.number().int(),
    path: z.string(),
    numRuns: z.number().int().min(0),
    foundAt: z.iso.datetime(),
    version: z.string(),
    confirmation: z.object({ reproduces: z.boolean(), perturbationSurvival: z.number().min(0).max(1) }),
  })
  .strict();

export type Counterexample = z.infer<typeof CounterexampleSchema>;

export interface StoredCounterexample extends Counterexample {
  /** Where it was loaded from: a path for the directory store, a `memory:` key otherwise. */
  readonly file: string;
}

/**
 * Canonical identity of a counterexample: theorem, sorted dropped tags and instance with its
 * keys sorted at every depth, so that neither the order a generator emitted fields in nor the
 * order tags were named in on the command line makes two files of one witness.
 */
export function identity(theorem: string, dropped: readonly string[], instance: Instance): string {
  const canonical = JSON.stringify([theorem, [...dropped].sort(), sortKeys(instance)]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 12);
}

function sortKeys(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(sortKeys);
  if (typeof x === 'object' && x !== null) return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sortKeys((x as Record<string, unknown>)[k])]));
  return x;
}

export function fileNameFor(c: Pick<Counterexample, 'theorem' | 'dropped' | 'instance'>): string {
  return `${[...c.dropped].sort().join('+') || 'none'}-${identity(c.theorem, c.dropped, c.instance)}.json`;
}

/**
 * A theorem id as a folder (or key) name: letters, digits, dots and dashes only, and no "..",
 * so that no record's id can point outside its store. Checked by every store, not only the one
 * on disk, so that a record the memory store accepts is one the directory store accepts too.
 */
export function assertTheoremId(theorem: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(theorem) || theorem.includes('..'))
    throw new InputError(`theorem id "${theorem}" cannot name a store folder`);
}

/** The stored text of a record: the bytes the directory store writes. */
export const recordText = (c: Counterexample): string => `${JSON.stringify(c, null, 2)}\n`;

/**
 * Parse and validate one stored record's text; every error is an InputError naming `file`.
 * Shared by every store, so a record one store rejects, every store rejects, with the same words.
 */
export function parseRecord(text: string, file: string): StoredCounterexample {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(`${file}: invalid JSON (${(e as Error).message})`);
  }
  const r = CounterexampleSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new InputError(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  // Validate the instance as JSON.parse produced it: zod copies records key by key, and a
  // copied "__proto__" key would become the copy's prototype (a hidden field) instead of being
  // seen and rejected.
  const instance = (raw as { instance: Record<string, unknown> }).instance;
  try {
    // Field names are the part's to check (its vocabulary), on replay; here only the structure.
    validateStructure(instance);
  } catch (e) {
    throw new InputError(`${file}: ${(e as Error).message}`);
  }
  return { ...r.data, instance, file };
}

/**
 * Validate a record about to be saved (schema, then instance; the theorem id is the store's
 * to check, as it becomes a location); returns the parsed copy to write.
 */
export function checkRecord(c: Counterexample): Counterexample {
  const parsed = CounterexampleSchema.parse(c);
  validateStructure(parsed.instance);
  return parsed;
}
