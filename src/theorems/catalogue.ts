/**
 * The catalogue: what `list` prints and which module declares each part, written next to the
 * build (dist/catalogue.json, by `npm run build` through scripts/write-catalogue.js) from the
 * registry itself, so that `list` need not import every model (HiGHS, ml-matrix, fast-check)
 * and `hunt`, `check` of one part import only that part's family. The registry stays the one
 * source of truth: the catalogue is a cache of it, used only while a fingerprint of every
 * module the registry can import (the layers up to theorems and variants) still matches. A
 * changed or added module, a new variant included, makes it stale and everything falls back to
 * loading the registry, so a variant the catalogue does not know is still discovered.
 * properties/catalogue.test.ts checks that the built catalogue is fresh and matches the registry.
 *
 * Freshness is checked in two steps, cheapest first: the name, size and modification time of
 * every such module (the build's stamp: a few stat calls, no reading) and, only when that differs
 * (a copy, an unpacked tarball, a rebuild that kept every byte), the hash of their contents,
 * which needs node:crypto and every file read (about 15–20 ms of a CLI start, on top of
 * node's 60). An edit changes the size or the time, so the stamp never calls an edited build
 * fresh; the hash then decides.
 */
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Family } from './family.ts';
import type { ExpectedOutcome, TheoremPart } from './types.ts';
import { type ListedPart, modules, sameStamp, stamp } from './catalogue-stamp.cts';

/** One part as `list` shows it. */
export interface CatalogueEntry extends ListedPart {
  readonly id: string;
  readonly title: string;
  readonly statement: string;
  readonly paperClaims: string[];
  readonly tags: string[];
  readonly variant: boolean;
  readonly expected?: ExpectedOutcome;
}

interface Catalogue {
  readonly fingerprint: string;
  /** Each module's path, size and modification time when the catalogue was written (stamp()). */
  readonly stamp?: readonly string[];
  /** Families in registry order; `module` is relative to the build's root (dist/). */
  readonly families: readonly { readonly id: string; readonly module: string; readonly parts: readonly CatalogueEntry[] }[];
}

export const entryOf = (p: TheoremPart): CatalogueEntry => ({
  id: p.id,
  title: p.title,
  statement: p.statement,
  paperClaims: [...p.paperClaims],
  tags: [...p.tags],
  variant: !!p.variant,
  ...(p.expected ? { expected: p.expected } : {}),
});

/** The build's root (dist/ when this runs compiled; src/, which holds no catalogue, from the sources). */
const ROOT = new URL('../', import.meta.url);
export const CATALOGUE_FILE = 'catalogue.json';

/** A hash of every JavaScript module of the registry's layers (catalogue-stamp.cts) under `root` (names and contents). */
export function fingerprint(root: URL = ROOT): string {
  // Loaded here: only a catalogue whose stamp differs needs it (see the head of this file).
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  const h = createHash('sha256');
  for (const m of modules(fileURLToPath(root))) h.update(`${m.rel}\0`).update(readFileSync(m.file)).update('\0');
  return h.digest('hex');
}

/** The catalogue under `root`, or undefined when there is none or it is stale. */
export function readCatalogue(root: URL = ROOT): Catalogue | undefined {
  let cat: Catalogue;
  try {
    cat = JSON.parse(readFileSync(new URL(CATALOGUE_FILE, root), 'utf8')) as Catalogue;
  } catch {
    return undefined; // none (the sources, or a build without the step): the registry answers
  }
  return sameStamp(cat.stamp, stamp(fileURLToPath(root))) || cat.fingerprint === fingerprint(root) ? cat : undefined;
}

/** The module a family was declared in, relative to the build's root (families declare `src/….ts`). */
const moduleOf = (f: Family): string => f.origin.replace(/^src\//, '').replace(/\.ts$/, '.js');

/** Write the catalogue of the registry loaded from `root` (the build step). */
export async function writeCatalogue(root: URL = ROOT): Promise<string> {
  const { loadRegistry } = await import('./registry.ts');
  const registry = await loadRegistry();
  const cat: Catalogue = {
    fingerprint: fingerprint(root),
    stamp: stamp(fileURLToPath(root)),
    families: registry.families.map((f) => ({ id: f.id, module: moduleOf(f), parts: f.parts.map(entryOf) })),
  };
  const file = new URL(CATALOGUE_FILE, root);
  writeFileSync(file, `${JSON.stringify(cat, null, 2)}\n`);
  return file.pathname;
}

/** Every part as `list` shows it, in registry order (`root`: the build's root, for tests). */
export async function partEntries(root: URL = ROOT): Promise<CatalogueEntry[]> {
  const cat = readCatalogue(root);
  if (cat) return cat.families.flatMap((f) => f.parts);
  const { loadRegistry } = await import('./registry.ts');
  return (await loadRegistry()).parts.map(entryOf);
}

/** One part by id, importing only its family's module when the catalogue is fresh (`root`: as above). */
export async function loadPart(id: string, root: URL = ROOT): Promise<TheoremPart> {
  const family = readCatalogue(root)?.families.find((f) => f.parts.some((p) => p.id === id));
  if (family) {
    const mod = (await import(new URL(family.module, root).href)) as { default?: Family };
    const part = mod.default?.parts.find((p) => p.id === id);
    if (part) return part;
  }
  const { loadRegistry } = await import('./registry.ts');
  return (await loadRegistry()).getPart(id);
}
