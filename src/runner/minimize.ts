/**
 * Minimising a counterexample beyond what fast-check's shrinker reaches.
 *
 * fast-check shrinks inside the generator's shape; it can stall where removing a dimension
 * only works together with changing a number elsewhere. This pass works on the instance JSON
 * itself, greedily, keeping only steps after which the instance is still a *robust* witness:
 * it violates the claim by a margin well beyond the tolerance (and at least a quarter of the
 * margin it started with, so simplification cannot walk it to the tolerance edge), and it still
 * meets every tag in force. Steps, in order of value to a reader:
 *   1. remove an index of an axis (a dimension of R^d, a spanning vector, an objective …);
 *   2. remove an optional field (μ, Σ, f … back to their defaults);
 *   3. replace a number by a simpler one (0, ±1, ±2, ±3, ±1/2, then roundings).
 */
import type { Instance } from '../instance/reader.ts';
import { evaluatePart, type Verdict } from '../theorems/evaluate.ts';
import { unmetTags } from '../theorems/tags.ts';
import type { Tag, TheoremPart } from '../theorems/types.ts';
import { AXES, axisLength, leaves, numberComplexity, removeIndex, withLeaf } from './layout.ts';

type Obj = Record<string, unknown>;

export interface MinimizeOptions {
  readonly maxEvaluations?: number;
  readonly timeLimitMs?: number;
}

export interface Witness {
  readonly instance: Instance;
  readonly verdict: Verdict;
}

/** A verdict that counts as a robust violation relative to the starting margin. */
export function robustViolation(v: Verdict, startMargin: number): boolean {
  return !v.holds && v.margin < -(2 * v.tol + 1e-9) && v.margin <= 0.25 * startMargin;
}

export function minimize(part: TheoremPart, start: Instance, inForce: ReadonlySet<Tag>, opts: MinimizeOptions = {}): Witness {
  const maxEvaluations = opts.maxEvaluations ?? 4000;
  // No wall-clock limit unless asked: a time limit would make the result depend on machine load.
  const deadline = opts.timeLimitMs === undefined ? Infinity : Date.now() + opts.timeLimitMs;
  const first = evaluatePart(part, start, inForce);
  const m0 = first.margin;
  let evaluations = 0;
  const budgetLeft = () => evaluations < maxEvaluations && Date.now() < deadline;

  const tryWitness = (x: Obj): Verdict | undefined => {
    evaluations++;
    try {
      if (unmetTags(x as Instance, inForce).length) return undefined;
      const v = evaluatePart(part, x, inForce);
      return robustViolation(v, m0) ? v : undefined;
    } catch {
      return undefined; // invalid shape, non-SPD Σ, harness error: not a witness
    }
  };

  let best: Witness = { instance: start, verdict: first };
  const accept = (x: Obj): boolean => {
    const v = tryWitness(x);
    if (v) best = { instance: x as Instance, verdict: v };
    return v !== undefined;
  };

  let changed = true;
  while (changed && budgetLeft()) {
    changed = false;
    // 1. Dimensions and other axes.
    for (const axis of AXES)
      for (let i = axisLength(best.instance as Obj, axis) - 1; i >= 0 && budgetLeft(); i--)
        if (axisLength(best.instance as Obj, axis) > 1 && accept(removeIndex(best.instance as Obj, axis, i))) changed = true;
    // 2. Optional fields.
    for (const field of Object.keys(best.instance)) {
      if (!budgetLeft()) break;
      const { [field]: _, ...rest } = best.instance as Obj;
      if (accept(rest)) changed = true;
    }
    // 3. Simpler numbers.
    for (const leaf of leaves(best.instance)) {
      if (!budgetLeft()) break;
      const current = numberComplexity(leaf.value);
      for (const c of candidates(leaf.value)) {
        if (numberComplexity(c) >= current) continue;
        if (accept(withLeaf(best.instance as Obj, leaf.path, c))) {
          changed = true;
          break;
        }
      }
    }
  }
  return best;
}

function candidates(x: number): number[] {
  const out = [0, 1, -1, 2, -2, 3, -3, 1 / 2, -1 / 2, 4, -4, Math.round(x), Math.round(2 * x) / 2, Math.round(4 * x) / 4, Math.round(8 * x) / 8];
  return [...new Set(out)].sort((a, b) => numberComplexity(a) - numberComplexity(b));
}

/** Fields that are counts or seeds, not real numbers: never perturbed. */
const DISCRETE = new Set(['n', 'seed']);

export interface Confirmation {
  /** The JSON round-trip re-evaluates to the same robust violation. */
  readonly reproduces: boolean;
  /** Share of randomly perturbed copies (relative 1e-6) that still violate the claim. */
  readonly perturbationSurvival: number;
}

/**
 * Independent re-confirmation before a witness is stored: re-read from its JSON text (no shared
 * objects with the search), and perturbed: each number moved by a relative 1e-6 in a seeded
 * random direction. A witness whose violation lives only at an exact boundary survives few
 * perturbations; that is recorded, not hidden (some claims, such as premises of the form
 * w = λv*, are exact by nature).
 */
export function confirm(part: TheoremPart, inst: Instance, inForce: ReadonlySet<Tag>, trials = 16): Confirmation {
  const copy = JSON.parse(JSON.stringify(inst)) as Instance;
  let reproduces = false;
  try {
    const v = evaluatePart(part, copy, inForce);
    reproduces = !v.holds && unmetTags(copy, inForce).length === 0;
  } catch {
    reproduces = false;
  }
  let survived = 0;
  let state = 0x9e3779b9;
  const rand = () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  for (let t = 0; t < trials; t++) {
    let x = copy as Obj;
    for (const leaf of leaves(copy).filter((l) => !DISCRETE.has(String(l.path[0])))) x = withLeaf(x, leaf.path, leaf.value + 2e-6 * rand() * Math.max(1, Math.abs(leaf.value)));
    try {
      if (!evaluatePart(part, x, inForce).holds) survived++;
    } catch {
      /* a perturbation that leaves the valid domain counts as not surviving */
    }
  }
  return { reproduces, perturbationSurvival: survived / trials };
}
