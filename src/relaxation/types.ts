import type { Instance } from '../instance/reader.ts';
import type { BuiltinTag } from '../theorems/types.ts';

/**
 * A relaxation path of one tag (issue 11, point 1): a one-parameter family λ ∈ [0, 1] from "the
 * tag holds" (λ = 0) to "the tag is fully dropped" (λ = 1). A path moves one draw of a part's
 * generator: `from: 'dropped'` paths pull a draw of the widened generator (the tag dropped) back
 * toward the tag, so that λ = 1 is exactly the widened generator; `from: 'held'` paths push a
 * draw of the generator with the tag in force away from it (used where the widened generator's
 * draws cannot be pulled back, e.g. K > d latent directions cannot be made orthonormal).
 */
export interface RelaxationPath {
  readonly tag: BuiltinTag;
  /** Which generator's draws `relax` moves (see above). */
  readonly from: 'held' | 'dropped';
  /**
   * The fields that carry the degree of relaxation (Σ for isotropic, the link for linear-value):
   * a search that moves an instance's numbers (the guided search) must leave them as drawn, or
   * it would walk off the path to another λ.
   */
  readonly frozen: readonly string[];
  /** What λ moves, in a phrase (`condition number of Σ = κ^λ`). */
  readonly parameter: string;
  /** How the path goes, in two or three sentences (docs/RELAXATION.md is generated from it). */
  readonly doc: string;
  /**
   * The draw relaxed to degree λ: at λ = 0 the result meets the tag; at λ = 1 it is the widened
   * draw (`from: 'dropped'`) or a full departure (`from: 'held'`). Deterministic in (inst, λ);
   * never mutates `inst`.
   */
  relax(inst: Instance, lambda: number): Instance;
}

export type Obj = Record<string, unknown>;

/** A copy of the instance without the named fields. */
export function without(inst: Instance, ...names: string[]): Instance {
  const out: Obj = { ...(inst as Obj) };
  for (const n of names) delete out[n];
  return out as Instance;
}

/** A copy with fields replaced. */
export const withFields = (inst: Instance, fields: Obj): Instance => ({ ...(inst as Obj), ...fields }) as Instance;

/** The numbers of a JSON array of vectors. */
export const rows = (v: unknown): number[][] => (v as number[][]).map((r) => [...r]);
