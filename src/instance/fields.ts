/**
 * The instance vocabulary: every field an instance may carry (THEORY §4 and this project's
 * extensions), declared once. Validation (unknown keys), the shrinker's axis removal, the tag
 * checks' kind lists, the generated field docs and the JSON schema all read these declarations,
 * so a field cannot be known to one of them and unknown to another.
 *
 * A theorem variant declares fields of its own with `defineField` in its own file and lists
 * them in its family (`defineFamily({ defines: { fields } })`); they belong to that variant:
 * its instances may carry them, nobody else's may.
 */
import { JUDGE_KINDS, LATENT_KINDS } from '../model/latent/model.ts';
import { LINK_KINDS } from '../model/link.ts';
import { DefinitionError } from '../numeric/errors.ts';

/**
 * What an array level of a field runs over. Removing index i of an axis removes it from every
 * field along that axis at once, so a shrunk instance stays coherent (a principal submatrix of
 * Σ, the same coordinate of every vector, row i of Φ …).
 */
export const AXES = {
  d: 'coordinates of the representation space R^d',
  sigmaRank: 'rank-one terms b_j b_jᵀ of a structured Σ',
  k: 'spanning vectors of the constitution',
  m: 'objectives v_1..v_m (T5)',
  K: 'latent value directions ℓ_k (T4.e)',
  T: 'RLAIF steps, one constitution each (T7.b)',
  latent: 'coordinates of the semantic features z ∈ R^m (T3, T3s)',
  dExtra: "extra coordinates of the larger model's representation (T3s.a, nested)",
  dLarge: "coordinates of the larger model's representation (T3s.a, not nested)",
} as const;

/** An axis name; `*` marks a level that varies from element to element (bases of T7.b). */
export type Axis = keyof typeof AXES | '*';

export interface FieldSpec {
  /** The JSON key; a member of a `{"kind": …}` object is `parent.member` (`judge.Q`). */
  readonly name: string;
  /** One line for the generated docs and the JSON schema. */
  readonly doc: string;
  /** `number`: a scalar; `array`: nested arrays of numbers, one level per axis; `kind`: `{"kind": k, …}`. */
  readonly type: 'number' | 'array' | 'kind';
  /** For `array`: what each level runs over, outermost first. */
  readonly axes?: readonly Axis[];
  /** A square matrix whose entry (i, j) and (j, i) are one number (shrinking moves both). */
  readonly symmetric?: boolean;
  /** For `kind`: the kinds allowed. */
  readonly kinds?: readonly string[];
  /** For `kind`: numeric or array members of the object, declared like fields. */
  readonly members?: readonly FieldSpec[];
  /** A count or a seed: a whole number, never perturbed when a witness is re-confirmed. */
  readonly discrete?: boolean;
}

const NAME = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)?$/;

/** Declare a field: checked here, so a malformed declaration fails where it is written. */
export function defineField(spec: FieldSpec): FieldSpec {
  const bad = (why: string) => new DefinitionError(`field "${spec.name}": ${why}`);
  if (!NAME.test(spec.name)) throw bad('a name is letters and digits, starting with a letter');
  if (!spec.doc) throw bad('needs a one-line doc');
  if (spec.type === 'array') {
    if (!spec.axes?.length) throw bad('an array field names its axes');
    for (const a of spec.axes) if (a !== '*' && !Object.hasOwn(AXES, a)) throw bad(`unknown axis "${a}" (axes: ${Object.keys(AXES).join(', ')})`);
    if (spec.symmetric && (spec.axes.length !== 2 || spec.axes[0] !== spec.axes[1])) throw bad('only a square matrix can be symmetric');
  } else if (spec.axes?.length) throw bad('only an array field has axes');
  if (spec.type === 'kind' && !spec.kinds?.length) throw bad('a kind field lists its kinds');
  return spec;
}

const vector = (name: string, doc: string) => defineField({ name, doc, type: 'array', axes: ['d'] });
const scalar = (name: string, doc: string) => defineField({ name, doc, type: 'number' });

/** THEORY §4's fields, then this project's extensions (structured Σ, an instance's Monte Carlo seed). */
export const THEORY_FIELDS: readonly FieldSpec[] = [
  defineField({ name: 'Sigma', doc: 'response covariance Σ, by rows (absent: identity)', type: 'array', axes: ['d', 'd'], symmetric: true }),
  vector('mu', 'base mean μ (absent: zero)'),
  vector('vStar', 'true value direction v*'),
  vector('g', 'generation direction g'),
  vector('w', 'readout w'),
  vector('u', 'judge direction u'),
  vector('r', 'ablated direction r (T7.a)'),
  defineField({ name: 'basis', doc: 'constitution: its spanning vectors (absent: the whole space, P = I)', type: 'array', axes: ['k', 'd'] }),
  scalar('beta', 'KL coefficient β'),
  scalar('epsilon', 'KL budget ε (absent: 1)'),
  scalar('delta', 'tightness slack δ of T4.b'),
  defineField({
    name: 'f',
    doc: 'link of the true value, V* = f(<v*,h>) (absent: identity); tanh and logistic take a > 0 and b',
    type: 'kind',
    kinds: LINK_KINDS,
    members: [
      scalar('f.a', 'slope a > 0 of a tanh or logistic link'),
      scalar('f.b', 'offset b of a tanh or logistic link'),
      scalar('f.weight', 'blend weight w in [0, 1]: f(x) = (1 − w)x + w·g(x) for the kind g (absent: 1)'),
    ],
  }),
  defineField({ name: 'Phi', doc: 'latent model: Φ by rows, h = Φz + ξ', type: 'array', axes: ['d', 'latent'] }),
  defineField({ name: 'PhiExtra', doc: "extra rows of the larger model's Φ (T3s.a, nested)", type: 'array', axes: ['dExtra', 'latent'] }),
  defineField({ name: 'wStar', doc: 'value weights w*, V* = <w*, z>', type: 'array', axes: ['latent'] }),
  scalar('sigma', 'noise level σ >= 0'),
  scalar('sigmaHigh', 'a second noise level >= σ (T3s.b)'),
  defineField({ name: 'PhiLarge', doc: "the larger model's rows when not nested (T3s.a, nested dropped)", type: 'array', axes: ['dLarge', 'latent'] }),
  defineField({ name: 'latents', doc: 'law of the latent coordinates, unit variance (absent: gaussian)', type: 'kind', kinds: LATENT_KINDS }),
  defineField({
    name: 'judge',
    doc: 'judge function of h (absent: linear <u_c,h>); tanh takes a slope a, quadratic a symmetric Q',
    type: 'kind',
    kinds: JUDGE_KINDS,
    members: [
      scalar('judge.a', 'slope a > 0 of the tanh judge'),
      defineField({ name: 'judge.Q', doc: 'symmetric matrix Q of the quadratic judge hᵀQh + <u_c,h>', type: 'array', axes: ['d', 'd'], symmetric: true }),
    ],
  }),
  defineField({ name: 'values', doc: 'value directions v_1..v_m (T5)', type: 'array', axes: ['m', 'd'] }),
  defineField({ name: 'lambda', doc: 'mixture weights λ (T5.d)', type: 'array', axes: ['m'] }),
  defineField({ name: 'latentDirections', doc: 'latent value directions ℓ_k (T4.e)', type: 'array', axes: ['K', 'd'] }),
  defineField({ name: 'alpha', doc: 'weights α_k of the readout over the ℓ_k (T4.e)', type: 'array', axes: ['K'] }),
  defineField({ name: 'constitutions', doc: 'one basis per RLAIF step (T7.b)', type: 'array', axes: ['T', '*', 'd'] }),
  // Extensions of this project.
  vector('SigmaDiag', 'structured Σ = diag(SigmaDiag) + Σ_j b_j b_jᵀ, for LLM-sized d'),
  defineField({ name: 'SigmaFactor', doc: 'the rows b_j of a structured Σ (needs SigmaDiag)', type: 'array', axes: ['sigmaRank', 'd'] }),
  defineField({ name: 'seed', doc: "seed of the instance's own Monte Carlo draw (absent: a hash of the instance)", type: 'number', discrete: true }),
];

/** Where a field or tag was declared: a file, for error messages that name both sides of a clash. */
export type Origin = string;

/**
 * A set of field declarations with their origins. THEORY's vocabulary is the base; a variant's
 * vocabulary is the base plus its own fields. Names are unique within a vocabulary: a clash is a
 * DefinitionError naming both declaring files.
 */
export class Vocabulary {
  private constructor(private readonly byName: ReadonlyMap<string, { spec: FieldSpec; origin: Origin }>) {}

  static of(specs: readonly FieldSpec[], origin: Origin): Vocabulary {
    return new Vocabulary(new Map()).with(specs, origin);
  }

  /** This vocabulary plus `specs` (declared in `origin`). */
  with(specs: readonly FieldSpec[], origin: Origin): Vocabulary {
    if (specs.length === 0) return this;
    const map = new Map(this.byName);
    for (const spec of specs) {
      const clash = map.get(spec.name);
      if (clash) throw new DefinitionError(`field "${spec.name}" is declared twice: in ${clash.origin} and in ${origin}`);
      map.set(spec.name, { spec, origin });
      for (const member of spec.members ?? []) map.set(member.name, { spec: member, origin });
    }
    return new Vocabulary(map);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  get(name: string): FieldSpec | undefined {
    return this.byName.get(name)?.spec;
  }

  origin(name: string): Origin | undefined {
    return this.byName.get(name)?.origin;
  }

  /** Top-level fields, in declaration order. */
  fields(): FieldSpec[] {
    return [...this.byName.values()].map((x) => x.spec).filter((s) => !s.name.includes('.'));
  }

  /** Every array field and array member (`judge.Q`), in declaration order: what the shrinker walks. */
  arrays(): FieldSpec[] {
    return [...this.byName.values()].map((x) => x.spec).filter((s) => s.type === 'array');
  }

  /** The axes some field runs along, in the order of AXES. */
  axes(): (keyof typeof AXES)[] {
    const used = new Set(this.arrays().flatMap((s) => s.axes ?? []));
    return (Object.keys(AXES) as (keyof typeof AXES)[]).filter((a) => used.has(a));
  }
}

export const THEORY_VOCABULARY: Vocabulary = Vocabulary.of(THEORY_FIELDS, 'src/instance/fields.ts');

/** The kinds a `{"kind": …}` field of THEORY's vocabulary allows (tag checks and readers use these). */
export function kindsOf(name: 'f' | 'latents' | 'judge'): readonly string[] {
  return THEORY_VOCABULARY.get(name)!.kinds!;
}
