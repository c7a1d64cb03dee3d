/**
 * The counterexample store: `counterexamples/<id>/<dropped>-<hash>.json`, one file per
 * minimal counterexample. Files are validated on load, written atomically (a temporary file
 * in the same folder, then a hard link to the final name, which fails rather than replace an
 * existing file), never overwritten, and an identical (theorem, dropped, instance) is stored once.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import type { Instance } from '../instance/reader.ts';
import { validateInstance } from '../instance/reader.ts';
import { InputError } from '../numeric/errors.ts';

export const DEFAULT_STORE = resolve(new URL('../../counterexamples', import.meta.url).pathname);

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
  readonly file: string;
}

/** Canonical identity of a counterexample: theorem, sorted dropped tags and instance. */
export function identity(theorem: string, dropped: readonly string[], instance: Instance): string {
  const canonical = JSON.stringify([theorem, [...dropped].sort(), sortKeys(instance)]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 12);
}

function sortKeys(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(sortKeys);
  if (typeof x === 'object' && x !== null) return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sortKeys((x as Record<string, unknown>)[k])]));
  return x;
}

/** A theorem id as a folder name: ids are letters, digits, dots and dashes only. */
function folderFor(store: string, theorem: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(theorem) || theorem.includes('..'))
    throw new InputError(`theorem id "${theorem}" cannot name a store folder`);
  const dir = resolve(store, theorem);
  if (!dir.startsWith(resolve(store) + sep)) throw new InputError(`theorem id "${theorem}" points outside the store`);
  return dir;
}

export function fileNameFor(c: Pick<Counterexample, 'theorem' | 'dropped' | 'instance'>): string {
  return `${[...c.dropped].sort().join('+') || 'none'}-${identity(c.theorem, c.dropped, c.instance)}.json`;
}

export type SaveResult = { status: 'stored' | 'duplicate'; file: string };

/** Store a counterexample; never replaces an existing file. */
export function save(c: Counterexample, store = DEFAULT_STORE): SaveResult {
  const parsed = CounterexampleSchema.parse(c);
  validateInstance(parsed.instance);
  const dir = folderFor(store, parsed.theorem);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, fileNameFor(parsed));
  if (existsSync(file)) return { status: 'duplicate', file };
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmp, 'wx');
  try {
    writeSync(fd, `${JSON.stringify(parsed, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, file); // atomic, and fails with EEXIST instead of overwriting
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return { status: 'duplicate', file };
    throw e;
  } finally {
    unlinkSync(tmp);
  }
  return { status: 'stored', file };
}

/** Read and validate one stored file; errors name the file. */
export function load(file: string): StoredCounterexample {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`${file}: ${(e as Error).message}`);
  }
  const r = CounterexampleSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new InputError(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  try {
    validateInstance(r.data.instance);
  } catch (e) {
    throw new InputError(`${file}: ${(e as Error).message}`);
  }
  return { ...r.data, file };
}

/** Every stored counterexample file (temporary files of an interrupted write are ignored). */
export function listFiles(store = DEFAULT_STORE): string[] {
  if (!existsSync(store)) return [];
  const out: string[] = [];
  for (const d of readdirSync(store).sort()) {
    const dir = join(store, d);
    if (!statSync(dir).isDirectory()) continue;
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.json') && !f.startsWith('.')) out.push(join(dir, f));
  }
  return out;
}

export const loadAll = (store = DEFAULT_STORE): StoredCounterexample[] => listFiles(store).map(load);

export const displayPath = (file: string): string => relative(process.cwd(), file) || file;
