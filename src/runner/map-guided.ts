/**
 * The guided search (guided.ts) as a map's `Search`, after random draws as the necessity
 * analysis does: half the budget on random draws of the λ-generator (randomSearch); if they find
 * no robust witness, the other half on the guided search, started from their closest approach
 * and from draws of the λ-generator, and kept on the path by rejecting every moved instance whose path fields (`frozen`: Σ for
 * isotropic, the link for linear-value, …) differ from those of every starting draw, so that
 * the search moves the rest of the instance (directions, readouts, noise) at a fixed degree of
 * relaxation, never the degree itself.
 */
import fc from 'fast-check';
import type { Instance } from '../instance/reader.ts';
import { inForceAlong, pathOf, relaxedArbitrary, type Relaxed } from '../relaxation/index.ts';
import { guidedSearch } from './guided.ts';
import { normalisedMargin, randomSearch, relativeError, type Scored, type Search } from './map.ts';
import { trialsFor } from './trial.ts';

/** The same number of random starts guided.ts takes for a budget (so the signatures match its draws). */
const startsFor = (budget: number): number => Math.min(budget, Math.max(1, Math.min(40, Math.floor(budget / 5))));

export const guidedMapSearch: Search = (part, relaxed: readonly Relaxed[], { seed, budget: total }) => {
  const first = randomSearch(part, relaxed, { seed, budget: Math.ceil(total / 2) });
  const budget = total - Math.ceil(total / 2);
  if (first.found || budget === 0) return first;
  const generator = relaxedArbitrary(part, relaxed);
  const frozen = [...new Set(relaxed.flatMap((r) => pathOf(r.tag).frozen))];
  const signature = (inst: Instance) => JSON.stringify(frozen.map((f) => (inst as Record<string, unknown>)[f] ?? null));
  const starts = startsFor(budget);
  const allowed = new Set(fc.sample(generator, { seed, numRuns: starts }).map(signature));
  const start = first.best?.instance;
  if (start) allowed.add(signature(start));
  const dropped = relaxed.filter((r) => r.lambda > 0).map((r) => r.tag);
  const r = guidedSearch(part, dropped, { seed, budget, starts, start, generator, reject: (inst) => !allowed.has(signature(inst)) });
  const trials = trialsFor(part, inForceAlong(part, relaxed));
  const score = (instance: Instance): Scored | undefined => {
    const t = trials.get(instance);
    return t.kind === 'verdict' ? { instance, verdict: t.verdict, normalised: normalisedMargin(t.verdict) } : undefined;
  };
  const candidates = [first.best, r.best && score(r.best.instance), r.found && score(r.found.instance)].filter((x): x is Scored => !!x);
  const best = candidates.reduce<Scored | undefined>((a, b) => (!a || b.normalised < a.normalised ? b : a), undefined);
  const found = r.found && score(r.found.instance);
  const rels = [first.worstRelativeError, best && relativeError(part, best.verdict)].filter((x): x is number => x !== undefined);
  return {
    best,
    found,
    ...(rels.length ? { worstRelativeError: Math.max(...rels) } : {}),
    evaluations: first.evaluations + r.evaluations,
    outside: first.outside,
    harnessErrors: [...first.harnessErrors, ...r.harnessErrors],
  };
};
