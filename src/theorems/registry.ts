/**
 * The theorem registry: every family of THEORY §2 and every variant, in one list. Properties,
 * CLI and replay all iterate over it; a theorem is written once, in its family's file.
 *
 * Variants are discovered: every module in src/variants/ whose default export is a family.
 * Loading is asynchronous (variants are imported) and builds a fresh, immutable registry; a
 * clash (two parts with one id) is a DefinitionError naming both files, raised where the CLI
 * turns it into one line and exit 2, never at import time.
 */
import { readdirSync } from 'node:fs';
import { DefinitionError, InputError } from '../numeric/errors.ts';
import T1 from './t1-gain-law.ts';
import T2 from './t2-self-improvement.ts';
import T3 from './t3-ceiling.ts';
import T3s from './t3s-capacity.ts';
import T4 from './t4-adversarial.ts';
import T5 from './t5-pareto.ts';
import T6 from './t6-monotone.ts';
import T7 from './t7-refusal.ts';
import type { Family } from './family.ts';
import type { TheoremPart } from './types.ts';

/** THEORY's families, in THEORY's order. */
export const THEORY_FAMILIES: readonly Family[] = [T1, T2, T3, T3s, T4, T5, T6, T7];

export interface Registry {
  readonly families: readonly Family[];
  /** Every part: THEORY's first, then the variants'. */
  readonly parts: readonly TheoremPart[];
  readonly variants: readonly TheoremPart[];
  getPart(id: string): TheoremPart;
  /** Parts selected by ids; a family id (`T2`) selects all its parts. No ids: every part. */
  selectParts(ids: readonly string[]): TheoremPart[];
}

/** A registry of the given families; part ids must be unique across them. */
export function makeRegistry(families: readonly Family[]): Registry {
  const owner = new Map<string, Family>();
  for (const f of families)
    for (const p of f.parts) {
      const clash = owner.get(p.id);
      if (clash) throw new DefinitionError(`part id "${p.id}" is declared twice: in ${clash.origin} and in ${f.origin}`);
      owner.set(p.id, f);
    }
  const parts = families.flatMap((f) => f.parts);
  const getPart = (id: string): TheoremPart => {
    const p = parts.find((x) => x.id === id);
    if (!p) throw new InputError(`unknown theorem id "${id}" (known: ${parts.map((x) => x.id).join(', ')})`);
    return p;
  };
  return {
    families,
    parts,
    variants: parts.filter((p) => p.variant),
    getPart,
    selectParts(ids) {
      if (ids.length === 0) return [...parts];
      return ids.flatMap((id) => {
        const family = families.find((f) => f.id === id);
        return family && !owner.has(id) ? [...family.parts] : [getPart(id)];
      });
    },
  };
}

/** The shipped variants' folder (src/variants/ from the sources, dist/variants/ from the build). */
export const VARIANTS_DIR = new URL('../variants/', import.meta.url);

/** Modules of a variants folder: TypeScript from the sources, JavaScript from the build. */
const isModule = (f: string) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts');

/** Import every variant module of `dir`; each must export a family as default. */
export async function loadVariants(dir: URL = VARIANTS_DIR): Promise<Family[]> {
  const families: Family[] = [];
  for (const f of readdirSync(dir).filter(isModule).sort()) {
    const url = new URL(f, dir);
    let mod: { default?: unknown };
    try {
      mod = (await import(url.href)) as { default?: unknown };
    } catch (e) {
      if (e instanceof InputError) throw e; // a DefinitionError already names the file
      throw new DefinitionError(`${url.pathname}: cannot load the variant (${(e as Error).message.split('\n')[0]})`);
    }
    const family = mod.default as Family | undefined;
    if (!family || typeof family !== 'object' || !Array.isArray(family.parts))
      throw new DefinitionError(`${url.pathname}: a variant's default export is a family (defineFamily(import.meta.url, {…}))`);
    families.push(family);
  }
  return families;
}

let cached: Promise<Registry> | undefined;

/** THEORY's families and the shipped variants (loaded once per process). */
export function loadRegistry(): Promise<Registry> {
  cached ??= loadVariants().then((variants) => makeRegistry([...THEORY_FAMILIES, ...variants]));
  // A failed load is not cached: the next call reports it again.
  cached.catch(() => (cached = undefined));
  return cached;
}
