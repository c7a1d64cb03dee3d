import type fc from 'fast-check';
import type { GenOptions } from '../arbitraries/options.ts';
import type { Vocabulary } from '../instance/fields.ts';
import type { Instance } from '../instance/reader.ts';

export type { GenOptions };

/** Assumption tags of THEORY §1–2. Each is a restriction of a theorem's generator. */
export const BUILTIN_TAGS = [
  'isotropic',
  'linear-value',
  'monotone-value',
  'converged',
  'gaussian-latents',
  'linear-judge',
  'nested',
  'orthogonal-latents',
  'non-conflicting',
] as const;
export type BuiltinTag = (typeof BUILTIN_TAGS)[number];
/** A built-in tag, or one a theorem variant defines for itself (`defineTag`). */
export type Tag = BuiltinTag | (string & {});

/** The paper's claims (THEORY's table R1–R6). */
export type PaperClaim = 'R1' | 'R2' | 'R3' | 'R4' | 'R5' | 'R6';

/**
 * Whether an instance meets a tag's restriction (THEORY §1). Generators are built to respect
 * the tags in force; replay re-checks stored witnesses against them, so a witness can never
 * quietly violate a tag it claims to keep.
 */
export interface TagRule {
  readonly meaning: string;
  meets(inst: Instance): boolean;
}

/** A tag a variant introduces (a sample-size condition, say), with what meeting it means. */
export interface TagDefinition extends TagRule {
  readonly name: string;
}

/**
 * What checking one instance yields: a signed margin (>= 0: the claim holds; < −tol: it is
 * violated), the tolerance, the named quantities behind it, and whether the instance met the
 * claim's precondition (an implication whose premise fails holds vacuously: it is counted, so
 * that a generator that mostly misses the premise is noticed, but it proves nothing).
 */
export interface Evaluation {
  readonly margin: number;
  readonly tol: number;
  readonly quantities: Readonly<Record<string, number>>;
  readonly pre: boolean;
}

export const holds = (e: Evaluation): boolean => e.margin >= -e.tol;

/**
 * A claim known to fail under its full tags: the reason, and the stored witness that shows it
 * (a path under counterexamples/). `check` and `necessity` count such a failure as expected (exit
 * 0) and an expected failure that no longer happens as news (exit 1); `npm test` asserts both
 * that the part still fails and that the witness still replays.
 */
export interface ExpectedOutcome {
  readonly outcome: 'fails';
  readonly reason: string;
  readonly witness: string;
}

/**
 * One theorem part, declared once: the vitest properties, the CLI (`list`, `check`, `evaluate`,
 * `hunt`, `necessity`) and the counterexample replay are all driven from this object.
 * Families declare their parts with `defineFamily` (family.ts), which fills in the shared
 * fields and the part's provenance.
 */
export interface TheoremPart {
  /** `T1`, `T2.a`, … exactly as THEORY.md numbers them; variants use their own ids. */
  readonly id: string;
  readonly title: string;
  /** The claim, in one or two sentences of THEORY's notation. */
  readonly statement: string;
  readonly paperClaims: readonly PaperClaim[];
  /** Assumption tags; the generator draws instances meeting all of those in force. */
  readonly tags: readonly Tag[];
  /** Instances meeting every tag in `inForce` (a subset of `tags`); dropping one widens it. */
  arbitrary(inForce: ReadonlySet<Tag>, opts?: GenOptions): fc.Arbitrary<Instance>;
  /** Check the claim on one instance, reading the tags in force where the claim depends on them. */
  evaluate(inst: Instance, inForce: ReadonlySet<Tag>): Evaluation;
  /**
   * Why a violating instance contradicts the claim, in one or two sentences with its numbers
   * (`rlaif-props explain` and the HTML report print it under the quantities). Optional: a part
   * without one is explained by a generic sentence built from the margin and tolerance.
   */
  explain?(inst: Instance, verdict: Evaluation): string;
  /** Runs per property in CI (Monte Carlo parts use fewer). */
  readonly numRuns?: number;
  /** Not from THEORY.md: a variant added by this project or a user. */
  readonly variant?: boolean;
  /** A known failure under the full tags (see ExpectedOutcome). */
  readonly expected?: ExpectedOutcome;
  /** The family the part belongs to (`T2` for `T2.a`), set by defineFamily. */
  readonly family?: string;
  /** The file that declares the part, set by defineFamily (error messages name it). */
  readonly origin?: string;
  /** Tags the part's family defines for itself (on top of THEORY's). */
  readonly ownTags?: readonly TagDefinition[];
  /** The fields its instances may carry: THEORY's, plus its family's own. */
  readonly vocabulary?: Vocabulary;
}
