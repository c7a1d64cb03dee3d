/**
 * The assumption-necessity analysis (THEORY §3): for every part and every tag (optionally every
 * pair of tags), drop it and hunt. A tag whose removal yields a robust, re-confirmed
 * counterexample is *load-bearing*, with that witness as proof; otherwise it is *not shown
 * load-bearing within the budget*, with the budget stated. A stored witness that still replays
 * counts as proof too, so a small default budget reproduces the committed table.
 */
import { relative, resolve } from 'node:path';
import { evaluatePart } from '../theorems/evaluate.ts';
import { tagsInForce, unmetTags } from '../theorems/tags.ts';
import type { TheoremPart } from '../theorems/types.ts';
import { checkPart } from './check.ts';
import { hunt, toCounterexample, type HuntOptions } from './hunt.ts';
import { DEFAULT_STORE, DirectoryStore, type CounterexampleStore, type StoredCounterexample } from './store.ts';

/**
 * What a row says, as a key: the table's wording is the report's (src/report/necessity-table.ts),
 * so code that acts on a verdict never compares display text.
 * - `holds` / `fails`: the part under its full tags (no tag dropped);
 * - `load-bearing`: a robust counterexample with these tags dropped (the witness);
 * - `not-shown`: none within the stated budget (not a proof that the tag is unnecessary);
 * - `implied`: a pair containing a tag already load-bearing on its own (not hunted).
 */
export type NecessityVerdict = 'holds' | 'fails' | 'load-bearing' | 'not-shown' | 'implied';

export const NECESSITY_VERDICTS: readonly NecessityVerdict[] = ['holds', 'fails', 'load-bearing', 'not-shown', 'implied'];

export interface NecessityRow {
  readonly id: string;
  readonly dropped: readonly string[];
  readonly verdict: NecessityVerdict;
  /** For `implied`: the single tag whose witness already shows the pair matters. */
  readonly impliedBy?: string;
  readonly witness?: { readonly file: string; readonly dimension: number; readonly margin: number; readonly tol: number; readonly source: 'hunt' | 'stored' };
  readonly budget: { readonly runsPerSeed: number; readonly seeds: number; readonly runsSpent: number };
  /** Timings are reported, not stored in necessity.json (they differ run to run). */
  readonly elapsedMs?: number;
  readonly firstHitMs?: number;
  readonly shrinkMs?: number;
}

export interface NecessityOptions extends HuntOptions {
  readonly pairs?: boolean;
  /** A store folder (default: the suite's), or any store. */
  readonly store?: string | CounterexampleStore;
  /** Shard "i/n": this run takes every n-th part, starting at the i-th (1-based). */
  readonly shard?: { index: number; count: number };
  readonly onRow?: (row: NecessityRow) => void;
  /**
   * Hunt even where a stored witness already replays (to re-derive the table from scratch at
   * these seeds). Default: a replaying witness is the proof, and no budget is spent on it.
   */
  readonly rehunt?: boolean;
}

/** Parts of this shard: deterministic, by registry position. */
export function shardParts(parts: readonly TheoremPart[], shard?: { index: number; count: number }): TheoremPart[] {
  return shard ? parts.filter((_, i) => i % shard.count === shard.index - 1) : [...parts];
}

const pairsOf = <T>(xs: readonly T[]): T[][] => xs.flatMap((a, i) => xs.slice(i + 1).map((b) => [a, b]));

/** A stored witness for (id, dropped) that still replays, if any. */
function storedWitness(stored: readonly StoredCounterexample[], part: TheoremPart, dropped: readonly string[]): StoredCounterexample | undefined {
  const key = [...dropped].sort().join('+');
  const inForce = tagsInForce(part, dropped);
  return stored
    .filter((c) => c.theorem === part.id && [...c.dropped].sort().join('+') === key)
    .filter((c) => {
      try {
        return unmetTags(part, c.instance, inForce).length === 0 && !evaluatePart(part, c.instance, inForce).holds;
      } catch {
        return false;
      }
    })
    .sort((a, b) => a.dimension - b.dimension || JSON.stringify(a.instance).length - JSON.stringify(b.instance).length)[0];
}

export function necessity(parts: readonly TheoremPart[], opts: NecessityOptions = {}): NecessityRow[] {
  const store = typeof opts.store === 'object' ? opts.store : new DirectoryStore(opts.store ?? DEFAULT_STORE);
  const stored = store.loadAll();
  const rows: NecessityRow[] = [];
  const emit = (r: NecessityRow) => {
    rows.push(r);
    opts.onRow?.(r);
  };
  const repoRel = (f: string) => relative(resolve(store.location, '..'), f);
  for (const part of shardParts(parts, opts.shard)) {
    // Under its full tags a part must hold; if it does not, that is the first thing to say.
    const t0 = Date.now();
    const full = checkPart(part, { numRuns: opts.runs, seed: opts.seed });
    let fullWitness: NecessityRow['witness'];
    if (full.outcome !== 'holds') {
      // A failure under full tags is a bug in the code or in THEORY.md: minimise and store it too.
      const r = hunt(part, [], opts);
      const s = r.found ? store.save(toCounterexample(r, r.runsPerSeed)) : undefined;
      if (r.found && s) fullWitness = { file: repoRel(s.file), dimension: r.found ? toCounterexample(r, 0).dimension : 0, margin: r.found.verdict.margin, tol: r.found.verdict.tol, source: 'hunt' };
    }
    emit({
      id: part.id,
      dropped: [],
      verdict: full.outcome === 'holds' ? 'holds' : 'fails',
      witness: fullWitness,
      budget: { runsPerSeed: full.runs, seeds: 1, runsSpent: full.runs },
      elapsedMs: Date.now() - t0,
    });
    const loadBearing = new Set<string>();
    const drops = [...part.tags.map((t) => [t]), ...(opts.pairs ? pairsOf(part.tags) : [])];
    for (const dropped of drops) {
      const implied = dropped.length > 1 ? dropped.find((t) => loadBearing.has(t)) : undefined;
      if (implied) {
        emit({ id: part.id, dropped, verdict: 'implied', impliedBy: implied, budget: { runsPerSeed: 0, seeds: 0, runsSpent: 0 } });
        continue;
      }
      const stored0 = opts.rehunt ? undefined : storedWitness(stored, part, dropped);
      if (stored0) {
        const witness = { file: repoRel(stored0.file), dimension: stored0.dimension, margin: stored0.margin, tol: stored0.tol, source: 'stored' as const };
        if (dropped.length === 1) loadBearing.add(dropped[0]);
        emit({ id: part.id, dropped, verdict: 'load-bearing', witness, budget: { runsPerSeed: 0, seeds: 0, runsSpent: 0 } });
        continue;
      }
      const r = hunt(part, dropped, opts);
      const budget = { runsPerSeed: r.runsPerSeed, seeds: r.seedsTried, runsSpent: r.runsSpent };
      const timing = { elapsedMs: r.elapsedMs, firstHitMs: r.firstHitMs, shrinkMs: r.shrinkMs };
      let witness: NecessityRow['witness'];
      if (r.found) {
        const cx = toCounterexample(r, r.runsPerSeed);
        const saved = store.save(cx);
        witness = { file: repoRel(saved.file), dimension: cx.dimension, margin: cx.margin, tol: cx.tol, source: 'hunt' };
      } else {
        const s = storedWitness(stored, part, dropped);
        if (s) witness = { file: repoRel(s.file), dimension: s.dimension, margin: s.margin, tol: s.tol, source: 'stored' };
      }
      if (witness && dropped.length === 1) loadBearing.add(dropped[0]);
      emit({ id: part.id, dropped, verdict: witness ? 'load-bearing' : 'not-shown', witness, budget, ...timing });
    }
  }
  return rows;
}
