/**
 * Declaring a theorem family once: its id, paper claims, tags and generator, shared by its
 * parts unless a part says otherwise, and (for variants) the tags and fields it introduces.
 * Everything a family defines belongs to it: nothing global changes when its file is imported.
 */
import { fileURLToPath } from 'node:url';
import { isAbsolute, relative } from 'node:path';
import { THEORY_VOCABULARY, type FieldSpec, type Vocabulary } from '../instance/fields.ts';
import { DefinitionError } from '../numeric/errors.ts';
import { isBuiltinTag, THEORY_TAGS_ORIGIN } from './tags.ts';
import type { PaperClaim, Tag, TagDefinition, TheoremPart } from './types.ts';

/** A part as its family declares it: the family's claims, tags, generator and runs apply unless given. */
export type PartSpec = Omit<TheoremPart, 'paperClaims' | 'tags' | 'arbitrary' | 'family' | 'origin' | 'ownTags' | 'vocabulary' | 'variant'> &
  Partial<Pick<TheoremPart, 'paperClaims' | 'tags' | 'arbitrary'>>;

export interface FamilySpec {
  /** `T2`, or a variant's own id (letters, digits, dots, dashes). */
  readonly id: string;
  readonly paperClaims: readonly PaperClaim[];
  readonly tags: readonly Tag[];
  /** The generator the parts share (a part may bring its own). */
  readonly arbitrary?: TheoremPart['arbitrary'];
  readonly numRuns?: number;
  /** Not from THEORY.md. */
  readonly variant?: boolean;
  /** Tags and instance fields this family introduces; they are visible to its parts only. */
  readonly defines?: { readonly tags?: readonly TagDefinition[]; readonly fields?: readonly FieldSpec[] };
  readonly parts: readonly PartSpec[];
}

export interface Family {
  readonly id: string;
  /** The declaring file, relative to the working directory when it lies below it. */
  readonly origin: string;
  readonly parts: readonly TheoremPart[];
  /** The tags and fields the family introduced (empty for THEORY's families). */
  readonly defines: { readonly tags: readonly TagDefinition[]; readonly fields: readonly FieldSpec[] };
}

/** Part and family ids: also folder names of the store, so a restricted alphabet. */
export const ID = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;

/** The package's root: src/ and dist/ both sit two levels above this module. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `import.meta.url` (or a path) as a short, stable file name for messages and docs: relative
 * to the package for its own files, and always the source file (a built `dist/….js` is named
 * as the `src/….ts` it comes from, the file an author edits); relative to the working directory,
 * or absolute, for anybody else's.
 */
export function originOf(url: string): string {
  const path = url.startsWith('file:') ? fileURLToPath(url) : url;
  const own = relative(ROOT, path);
  if (own && !own.startsWith('..') && !isAbsolute(own)) return own.replace(/^dist\/(.*)\.js$/, 'src/$1.ts');
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * Declare a family. `url` is the declaring module's `import.meta.url`, so that a clash (a
 * duplicate part id, a tag or field that THEORY already has) names the file it comes from.
 */
export function defineFamily(url: string, spec: FamilySpec): Family {
  const origin = originOf(url);
  const fail = (why: string): never => {
    throw new DefinitionError(`${origin}: ${why}`);
  };
  if (!ID.test(spec.id) || spec.id.includes('..')) fail(`family id "${spec.id}" must be letters, digits, dots and dashes`);
  const ownTags = spec.defines?.tags ?? [];
  const seen = new Set<string>();
  for (const t of ownTags) {
    if (isBuiltinTag(t.name)) fail(`tag "${t.name}" is THEORY's (declared in ${THEORY_TAGS_ORIGIN}); give the variant's tag another name`);
    if (seen.has(t.name)) fail(`tag "${t.name}" is defined twice`);
    if (!t.meaning || typeof t.meets !== 'function') fail(`tag "${t.name}" needs a meaning and a meets(instance) check`);
    seen.add(t.name);
  }
  let vocabulary: Vocabulary = THEORY_VOCABULARY;
  try {
    vocabulary = THEORY_VOCABULARY.with(spec.defines?.fields ?? [], origin);
  } catch (e) {
    fail((e as Error).message);
  }
  const ids = new Set<string>();
  const parts = spec.parts.map((p): TheoremPart => {
    if (!ID.test(p.id) || p.id.includes('..')) fail(`part id "${p.id}" must be letters, digits, dots and dashes`);
    if (ids.has(p.id)) fail(`part id "${p.id}" is declared twice`);
    ids.add(p.id);
    const tags = p.tags ?? spec.tags;
    for (const t of tags) if (!isBuiltinTag(t) && !seen.has(t)) fail(`${p.id}: tag "${t}" is neither THEORY's nor defined by the family`);
    const declared = p.arbitrary ?? spec.arbitrary;
    if (!declared) return fail(`${p.id}: no generator (give the family or the part an arbitrary)`);
    // With any of the part's tags dropped the generator reaches extreme scales (issue 10 §6),
    // unless the caller says otherwise.
    const arbitrary: TheoremPart['arbitrary'] = (inForce, opts = {}) =>
      declared(inForce, opts.reach === undefined && tags.some((t) => !inForce.has(t)) ? { ...opts, reach: true } : opts);
    return {
      ...p,
      paperClaims: p.paperClaims ?? spec.paperClaims,
      tags,
      arbitrary,
      numRuns: p.numRuns ?? spec.numRuns,
      variant: spec.variant,
      family: spec.id,
      origin,
      ownTags: ownTags.length ? ownTags : undefined,
      vocabulary,
    };
  });
  return { id: spec.id, origin, parts, defines: { tags: ownTags, fields: spec.defines?.fields ?? [] } };
}

/** The fields a part's instances may carry. */
export const vocabularyOf = (part: TheoremPart): Vocabulary => part.vocabulary ?? THEORY_VOCABULARY;
