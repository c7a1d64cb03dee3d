import type fc from 'fast-check';
import type { Instance } from '../instance/reader.ts';

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
/** A built-in tag, or one a theorem variant registers (`registerTag` in tags.ts). */
export type Tag = (typeof BUILTIN_TAGS)[number] | (string & {});

/** The paper's claims (THEORY's table R1–R6). */
export type PaperClaim = 'R1' | 'R2' | 'R3' | 'R4' | 'R5' | 'R6';

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

/** Sizes a generator can be asked for: small by default (readable), large for benchmarks. */
export interface GenOptions {
  readonly minDim?: number;
  readonly maxDim?: number;
  /** Number of spanning vectors of the constitution, where the part has one (default: drawn). */
  readonly rank?: number;
}

/**
 * One theorem part, declared once: the vitest properties, the CLI (`list`, `check`, `evaluate`,
 * `hunt`, `necessity`) and the counterexample replay are all driven from this object.
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
  /** Runs per property in CI (Monte Carlo parts use fewer). */
  readonly numRuns?: number;
  /** Not from THEORY.md: a variant added by this project or a user. */
  readonly variant?: boolean;
}
