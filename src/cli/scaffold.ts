/**
 * The text of a new variant file (`rlaif-props new`). Two templates: a claim of its own (a
 * small true claim with its own tag and field, so that the file passes `check` and its tag can
 * be hunted at once), and a variant of an existing part (its generator, tags, and the tags and
 * fields its family defines, with the claim delegated to the part until it is rewritten). Both
 * carry comments pointing at the helpers, because finding them is what costs a new author time.
 */
import { relative } from 'node:path';
import type { TheoremPart } from '../theorems/types.ts';

/** The comment block that points at the helpers; shared by both templates. */
const HELPERS = `
 * Where the helpers are (README "Adding a theorem variant" lists them with their options):
 * - generators: src/arbitraries/index.ts (coordinates, coord, covarianceRow, basisRow, epsilon,
 *   beta, linkFor, …) and rlaifArbitrary(inForce, { directions, nonZero, constitution, beta })
 *   in src/theorems/common/rlaif-instance.ts. Draw one row per coordinate, so that a failure
 *   shrinks dimension by dimension; respect every tag in \`inForce\`.
 * - reading an instance: new Reader(inst) (src/instance/reader.ts: number, vec, has, …) and
 *   readValueModel(reader) → { M, d } (src/theorems/common/rlaif-instance.ts).
 * - the model: alignment, valueModel (src/model/value.ts), gain, policyDirection
 *   (src/model/rlaif.ts), agreement (src/model/agreement.ts), …
 * - margins (src/numeric/margin.ts): all, any, implies(premise, conclusion), sameSign, equal;
 *   tolerances: scaledTol(...magnitudes) (src/numeric/tolerance.ts).
 * - \`pre\`: whether the draw meets the premise of an implication; npm test fails a part whose
 *   generator meets it on fewer than half of the draws (a vacuous property proves nothing).
 * - a claim known to fail under its full tags: \`expected: { outcome: 'fails', reason, witness }\`.
 * - fields of its own: defineField (src/instance/fields.ts); tags: defineTag (src/theorems/tags.ts).
 *
 * Then: npm run build && npx rlaif-props check <id>; npx rlaif-props hunt <id> --drop <tag>;
 * npm test (builds, type-checks, checks every part and replays every stored witness).`;

/** A variant with a claim of its own: A(s·u) = A(u), which needs s > 0 (its own tag and field). */
export function ownClaimTemplate(id: string): string {
  return `/**
 * Variant ${id}: <what it claims, and why it is not in THEORY.md>.
 *
 * Scaffolded by \`rlaif-props new ${id}\` with a small true claim to replace: alignment is
 * invariant to stretching the judge direction by a positive factor, A(s·u) = A(u). The stretch
 * s is a field of this variant (\`stretch\`), and s > 0 is a tag of its own (\`positive-stretch\`),
 * which is load-bearing: \`rlaif-props hunt ${id} --drop positive-stretch\` finds s = −1 in d = 1.
 *${HELPERS}
 */
import fc from 'fast-check';
import { defineField } from '../instance/fields.ts';
import { Reader, type Instance } from '../instance/reader.ts';
import { alignment } from '../model/value.ts';
import { InputError } from '../numeric/errors.ts';
import { equal } from '../numeric/margin.ts';
import { scaledTol } from '../numeric/tolerance.ts';
import { readValueModel, rlaifArbitrary } from '../theorems/common/rlaif-instance.ts';
import { defineFamily } from '../theorems/family.ts';
import { defineTag } from '../theorems/tags.ts';
import type { Evaluation, TheoremPart } from '../theorems/types.ts';

/** This variant's own instance field (THEORY's fields are in docs/FIELDS.md). */
const stretch = defineField({ name: 'stretch', doc: 'the factor s the judge direction u is stretched by (${id})', type: 'number' });

/** This variant's own tag: what it means, and how to check an instance meets it. */
const positiveStretch = defineTag('positive-stretch', {
  meaning: 's > 0',
  meets: (inst) => new Reader(inst).number('stretch') > 0,
});

/** Instances meeting every tag in force; with \`positive-stretch\` dropped, s may be negative. */
const arbitrary: TheoremPart['arbitrary'] = (inForce, opts) =>
  fc
    .tuple(rlaifArbitrary(inForce, { directions: ['u'], nonZero: ['u'] }, opts), fc.integer({ min: 1, max: 4 }), fc.boolean())
    .map(([inst, size, flip]) => ({ ...inst, stretch: inForce.has('positive-stretch') || !flip ? size : -size }));

/** The claim on one instance: a signed margin (>= −tol: holds), its tolerance, the quantities behind it. */
function evaluate(inst: Instance): Evaluation {
  const r = new Reader(inst);
  const { M, d } = readValueModel(r);
  const u = r.vec('u', d);
  const s = r.number('stretch');
  if (s === 0) throw new InputError('stretch: must be non-zero (a zero judge direction has no alignment)');
  const a = alignment(M, u);
  const stretched = alignment(M, u.map((x) => s * x));
  return { margin: equal(stretched, a), tol: scaledTol(1), quantities: { alignment: a, alignmentStretched: stretched, stretch: s }, pre: true };
}

export default defineFamily(import.meta.url, {
  id: '${id}',
  paperClaims: ['R1'],
  tags: ['positive-stretch'],
  variant: true,
  defines: { tags: [positiveStretch], fields: [stretch] },
  arbitrary,
  parts: [
    {
      id: '${id}',
      title: 'Alignment is invariant to stretching the judge direction',
      statement: 's > 0 ⇒ A(s·u) = A(u)',
      evaluate,
    },
  ],
});
`;
}

/** A variant of `base`: its generator, tags and its family's own tags and fields; the claim delegated. */
export function fromPartTemplate(id: string, base: TheoremPart, variantsDir: string): string {
  let path = relative(variantsDir, base.origin ?? '');
  if (!path.startsWith('.')) path = `./${path}`;
  return `/**
 * Variant ${id}: a variant of ${base.id} (${base.title}).
 *
 * Scaffolded by \`rlaif-props new ${id} --from ${base.id}\`: it draws ${base.id}'s instances (its
 * generator and tags [${base.tags.join(', ')}], and the tags and fields its family defines) and, until you
 * rewrite \`evaluate\`, checks ${base.id}'s own claim on them, so it passes \`check\` as ${base.id} does.
 * Change the claim, the tags or the generator (wrap base.arbitrary, or write your own).
 *${HELPERS}
 */
import type { Instance } from '../instance/reader.ts';
import { defineFamily } from '../theorems/family.ts';
import type { Evaluation, Tag } from '../theorems/types.ts';
import source from '${path}';

const base = source.parts.find((p) => p.id === '${base.id}')!;

/** The claim on one instance: for now ${base.id}'s (${base.statement.replace(/\*\//g, '* /')}). */
function evaluate(inst: Instance, inForce: ReadonlySet<Tag>): Evaluation {
  return base.evaluate(inst, inForce);
}

export default defineFamily(import.meta.url, {
  id: '${id}',
  paperClaims: base.paperClaims,
  tags: base.tags,
  numRuns: base.numRuns,
  variant: true,
  defines: { tags: source.defines.tags, fields: source.defines.fields },
  arbitrary: base.arbitrary,
  parts: [
    {
      id: '${id}',
      title: 'A variant of ${base.id}: ${base.title.replace(/'/g, "\\'")}',
      statement: ${JSON.stringify(base.statement)},
      evaluate,
    },
  ],
});
`;
}
