/**
 * The theorem registry: every part of THEORY §2, and the variants, in one list. Properties,
 * CLI and replay all iterate over this; a theorem is written once, in its family's file.
 */
import { readdirSync } from 'node:fs';
import { InputError } from '../numeric/errors.ts';
import T1 from './t1-gain-law.ts';
import T2 from './t2-self-improvement.ts';
import T3 from './t3-ceiling.ts';
import T3s from './t3s-capacity.ts';
import T4 from './t4-adversarial.ts';
import T5 from './t5-pareto.ts';
import T6 from './t6-monotone.ts';
import T7 from './t7-refusal.ts';
import { isTag } from './tags.ts';
import type { Tag, TheoremPart } from './types.ts';

export const FAMILIES: Readonly<Record<string, readonly TheoremPart[]>> = {
  T1,
  T2,
  T3,
  T3s,
  T4,
  T5,
  T6,
  T7,
};

/**
 * Variants: every module in src/variants/ exporting (as default) a list of parts. Adding a
 * variant is adding one file there; nothing else changes.
 */
const VARIANTS_DIR = new URL('../variants/', import.meta.url);
export const VARIANTS: readonly TheoremPart[] = (
  await Promise.all(
    readdirSync(VARIANTS_DIR)
      .filter((f) => /\.[tj]s$/.test(f) && !f.endsWith('.d.ts'))
      .sort()
      .map(async (f) => ((await import(new URL(f, VARIANTS_DIR).href)) as { default: TheoremPart[] }).default),
  )
).flat();

export const PARTS: readonly TheoremPart[] = [...Object.values(FAMILIES).flat(), ...VARIANTS];

export function getPart(id: string): TheoremPart {
  const p = PARTS.find((x) => x.id === id);
  if (!p) throw new InputError(`unknown theorem id "${id}" (known: ${PARTS.map((x) => x.id).join(', ')})`);
  return p;
}

/** Parts selected by ids; a family name (`T2`) selects all its parts. No ids: every part. */
export function selectParts(ids: readonly string[]): TheoremPart[] {
  if (ids.length === 0) return [...PARTS];
  return ids.flatMap((id) => (FAMILIES[id] && !PARTS.some((p) => p.id === id) ? [...FAMILIES[id]] : [getPart(id)]));
}

/** The tags in force once `dropped` are removed; every dropped tag must belong to the part. */
export function tagsInForce(part: TheoremPart, dropped: readonly string[] = []): Set<Tag> {
  for (const t of dropped) {
    if (!isTag(t)) throw new InputError(`unknown tag "${t}"`);
    if (!part.tags.includes(t)) throw new InputError(`${part.id} has no tag "${t}" (its tags: ${part.tags.join(', ') || 'none'})`);
  }
  return new Set(part.tags.filter((t) => !dropped.includes(t)));
}
