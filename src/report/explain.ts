/**
 * A stored counterexample in words and numbers, on one screen (`rlaif-props explain` prints it,
 * the HTML report gives it a page): what the claim says and which assumption was dropped, the
 * instance in plain terms, the quantities, and why they contradict the claim. The "why" is the
 * part's own `explain` hook; a part without one gets a sentence built from its margin.
 */
import type { StoredCounterexample } from '../runner/store.ts';
import { vocabularyOf } from '../theorems/family.ts';
import { tagRule } from '../theorems/tags.ts';
import type { Verdict } from '../theorems/evaluate.ts';
import type { Evaluation, TheoremPart } from '../theorems/types.ts';
import type { Instance } from '../instance/reader.ts';
import { num } from '../numeric/format.ts';
import { describeInstance, wrap, wrapItems } from './instance-words.ts';

/** The screen: at most this many columns (and, for every stored witness, about 30 lines). */
export const WIDTH = 100;

export interface Explanation {
  /** The lines to print, none wider than WIDTH. */
  readonly lines: readonly string[];
  /** The sentence saying why the numbers contradict the claim (the part's hook, or generic). */
  readonly why: string;
  /** Whether the witness still violates the claim as the code evaluates it today. */
  readonly reproduces: boolean;
}

/** The fallback "why": how far the margin falls below the tolerance, in its own units. */
export function genericWhy(v: Evaluation): string {
  const times = v.tol > 0 ? ` (${num(-v.margin / v.tol, 2)} times the tolerance)` : '';
  return `the claim's signed margin is ${num(v.margin)}, below −tol = −${num(v.tol, 2)}${times}: ` +
    'the quantities above do not stand in the relation the statement asserts';
}

/** The part's hook, guarded: an explanation must never make `explain` or the report fail. */
function why(part: TheoremPart, inst: Instance, v: Evaluation): string {
  if (!part.explain) return genericWhy(v);
  try {
    return part.explain(inst, v) || genericWhy(v);
  } catch (e) {
    return `${genericWhy(v)} (the part's own explanation failed: ${(e as Error).message})`;
  }
}

const tagWords = (part: TheoremPart, t: string) => {
  try {
    return `${t} (${tagRule(part, t).meaning})`;
  } catch {
    return t;
  }
};

/**
 * Explain `record` (a stored counterexample of `part`), given `verdict`, the part re-evaluated
 * on its instance with the record's tags dropped. `file` is the path to print for it.
 */
export function explainWitness(record: StoredCounterexample, part: TheoremPart, verdict: Verdict, file = record.file): Explanation {
  const kept = part.tags.filter((t) => !record.dropped.includes(t));
  const because = why(part, record.instance, verdict);
  const lines: string[] = [
    ...wrap(`${part.id}: ${part.title}  [${part.paperClaims.join(', ')}]`, WIDTH, '', '  '),
    ...wrap(part.statement, WIDTH, '  claim    ', '           '),
    ...(record.dropped.length
      ? record.dropped.flatMap((t) => wrap(`${t}: ${tagRule(part, t).meaning}`, WIDTH, '  dropped  ', '           '))
      : wrap(`nothing: the part fails under its own tags${part.expected ? ` (declared: ${part.expected.reason})` : ''}`, WIDTH, '  dropped  ', '           ')),
    ...wrap(kept.length ? kept.map((t) => tagWords(part, t)).join(', ') : 'none', WIDTH, '  kept     ', '           '),
    ...wrap(`${file} (seed ${record.seed}, found ${record.foundAt.slice(0, 10)})`, WIDTH, '  witness  ', '           '),
    '',
    `Instance (d = ${record.dimension})`,
    ...describeInstance(record.instance, vocabularyOf(part), WIDTH),
    '',
    'Contradiction',
    ...wrapItems(Object.entries(verdict.quantities).map(([k, x]) => `${k} = ${num(x)}`), ' · ', WIDTH, '  ', '  '),
    ...wrap(
      verdict.holds
        ? `margin ${num(verdict.margin)} >= −tol (tol ${num(verdict.tol, 2)}): THE CLAIM NOW HOLDS on this instance; the witness no longer reproduces`
        : `margin ${num(verdict.margin)} < −tol (tol ${num(verdict.tol, 2)}): the claim is violated`,
      WIDTH, '  ', '  ',
    ),
    ...wrap(because, WIDTH, '  why      ', '           '),
  ];
  return { lines, why: because, reproduces: !verdict.holds };
}
