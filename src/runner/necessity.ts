/**
 * The assumption-necessity analysis (THEORY §3): for every part and every tag (optionally every
 * pair of tags), drop it and hunt. A tag whose removal yields a robust, re-confirmed
 * counterexample is *load-bearing*, with that witness as proof; otherwise it is *not shown
 * load-bearing within the budget*, with the budget stated. A stored witness that still replays
 * counts as proof too, so a small default budget reproduces the committed table.
 */
import { relative, resolve } from 'node:path';
import { evaluatePart } from '../theorems/evaluate.ts';
import { HarnessError } from '../numeric/errors.ts';
import { tagsInForce, unmetTags } from '../theorems/tags.ts';
import type { TheoremPart } from '../theorems/types.ts';
import { checkPart } from './check.ts';
import { degeneracy, hasConventionSite } from './degenerate.ts';
import { DEFAULT_GUIDED_BUDGET, guidedSearch, approachOf, type Approach } from './guided.ts';
import { hunt, toCounterexample, type HuntOptions } from './hunt.ts';
import { DEFAULT_STORE, DirectoryStore, type Counterexample, type CounterexampleStore, type StoredCounterexample } from './store.ts';

/**
 * What a row says, as a key: the table's wording is the report's (src/report/necessity-table.ts),
 * so code that acts on a verdict never compares display text.
 * - `holds` / `fails`: the part under its full tags (no tag dropped);
 * - `load-bearing`: a robust counterexample with these tags dropped (the witness);
 * - `not-shown`: none within the stated budget (not a proof that the tag is unnecessary);
 * - `implied`: a pair containing a tag already load-bearing on its own (not hunted);
 * - `part-fails`: a dropped-tag row of a part that fails under its full tags: a violation with
 *   tags dropped shows nothing about them (the row keeps what the hunt found, as data).
 */
export type NecessityVerdict = 'holds' | 'fails' | 'load-bearing' | 'not-shown' | 'implied' | 'part-fails';

export const NECESSITY_VERDICTS: readonly NecessityVerdict[] = ['holds', 'fails', 'load-bearing', 'not-shown', 'implied', 'part-fails'];

/** A witness as a row names it. */
export interface RowWitness {
  readonly file: string;
  readonly dimension: number;
  readonly margin: number;
  readonly tol: number;
  readonly source: 'hunt' | 'stored';
  /** Why the witness is degenerate (the conventions its violation rests on); absent when it is not. */
  readonly degenerate?: readonly string[];
}

export interface NecessityRow {
  readonly id: string;
  readonly dropped: readonly string[];
  readonly verdict: NecessityVerdict;
  /** For `implied`: the single tag whose witness already shows the pair matters. */
  readonly impliedBy?: string;
  readonly witness?: RowWitness;
  /**
   * When `witness` is degenerate (degenerate.ts: its violation rests on a convention of THEORY,
   * such as the alignment of a zero vector), a witness that is not, if one was found or stored.
   */
  readonly nonDegenerate?: RowWitness;
  readonly budget: {
    readonly runsPerSeed: number;
    readonly seeds: number;
    readonly runsSpent: number;
    /** Evaluations of the guided search that followed a fruitless random phase (guided.ts). */
    readonly guided?: number;
  };
  /**
   * For `not-shown`: the smallest margin reached, by the random draws or the guided search, and
   * the instance that reached it (how close the budget came to a counterexample).
   */
  readonly closest?: Approach & { readonly source: 'random' | 'guided' };
  /** Harness errors met by the hunt and the guided search (each one reported, never swallowed). */
  readonly harnessErrors?: number;
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
  /**
   * Evaluations of the guided search run where the random phase finds nothing (default
   * DEFAULT_GUIDED_BUDGET; 0: no guided search). Seeded by `seed`, per job, so that the rows
   * do not depend on how jobs are spread over threads.
   */
  readonly guidedBudget?: number;
}

/** Parts of this shard: deterministic, by registry position. */
export function shardParts(parts: readonly TheoremPart[], shard?: { index: number; count: number }): TheoremPart[] {
  return shard ? parts.filter((_, i) => i % shard.count === shard.index - 1) : [...parts];
}

const pairsOf = <T>(xs: readonly T[]): T[][] => xs.flatMap((a, i) => xs.slice(i + 1).map((b) => [a, b]));

/** A stored witness for (id, dropped) that still replays, if any (the simplest; `keep` filters). */
function storedWitness(
  stored: readonly StoredCounterexample[],
  part: TheoremPart,
  dropped: readonly string[],
  keep: (c: StoredCounterexample) => boolean = () => true,
): StoredCounterexample | undefined {
  const key = [...dropped].sort().join('+');
  const inForce = tagsInForce(part, dropped);
  return stored
    .filter((c) => c.theorem === part.id && [...c.dropped].sort().join('+') === key)
    .filter((c) => {
      try {
        return unmetTags(part, c.instance, inForce).length === 0 && !evaluatePart(part, c.instance, inForce).holds;
      } catch (e) {
        // A witness that no longer reads as an instance of its part is stale (replay and prune
        // say so, naming it); a harness error is the suite failing, and is never passed over.
        if (e instanceof HarnessError) throw e;
        return false;
      }
    })
    .filter(keep)
    .sort((a, b) => a.dimension - b.dimension || JSON.stringify(a.instance).length - JSON.stringify(b.instance).length)[0];
}

/**
 * One unit of the analysis: a part under its full tags (`dropped` empty) or with `dropped`
 * removed. Jobs are independent of one another (a pair's `implied` verdict is decided by the
 * caller from the single-tag rows), so they may run in any order, in any thread, and give the
 * same rows; what they found is returned as data, and saving it is the caller's.
 */
export interface NecessityJob {
  readonly id: string;
  readonly dropped: readonly string[];
}

/**
 * A job's row; `record` is the hunt's witness, whose row still needs its stored file name, and
 * `nonDegenerateRecord` the non-degenerate one found beside a degenerate witness.
 */
export interface JobResult {
  readonly row: NecessityRow;
  readonly record?: Counterexample;
  readonly nonDegenerateRecord?: Counterexample;
}

/** The options a job reads: plain data, so that they can be sent to a worker. */
export type JobOptions = Pick<NecessityOptions, 'runs' | 'seeds' | 'seed' | 'timeLimitSec' | 'rehunt' | 'guidedBudget'>;

/** Run one job against `stored`, the store as it was when the analysis began. */
export function runJob(part: TheoremPart, dropped: readonly string[], stored: readonly StoredCounterexample[], opts: JobOptions, repoRel: (f: string) => string): JobResult {
  if (dropped.length === 0) {
    // Under its full tags a part must hold; if it does not, that is the first thing to say.
    const t0 = Date.now();
    const full = checkPart(part, { numRuns: opts.runs, seed: opts.seed });
    let record: Counterexample | undefined;
    if (full.outcome !== 'holds') {
      // A failure under full tags is a bug in the code or in THEORY.md: minimise and store it too.
      const r = hunt(part, [], opts);
      if (r.found) record = toCounterexample(r, r.runsPerSeed);
    }
    const row: NecessityRow = {
      id: part.id,
      dropped: [],
      verdict: full.outcome === 'holds' ? 'holds' : 'fails',
      witness: record && { file: '', dimension: record.dimension, margin: record.margin, tol: record.tol, source: 'hunt' },
      budget: { runsPerSeed: full.runs, seeds: 1, runsSpent: full.runs },
      elapsedMs: Date.now() - t0,
    };
    return { row, record };
  }
  const stored0 = opts.rehunt ? undefined : storedWitness(stored, part, dropped);
  if (stored0) {
    const witness = labelled(part, dropped, stored0.instance, { file: repoRel(stored0.file), dimension: stored0.dimension, margin: stored0.margin, tol: stored0.tol, source: 'stored' });
    const row: NecessityRow = { id: part.id, dropped, verdict: 'load-bearing', witness, budget: { runsPerSeed: 0, seeds: 0, runsSpent: 0 } };
    return witness.degenerate ? withNonDegenerate(part, dropped, stored, opts, repoRel, { row }) : { row };
  }
  const s = search(part, dropped, opts);
  const { r, guided } = s;
  const budget = { runsPerSeed: r.runsPerSeed, seeds: r.seedsTried, runsSpent: r.runsSpent, ...(guided ? { guided: guided.evaluations } : {}) };
  const timing = { elapsedMs: s.elapsedMs, firstHitMs: r.firstHitMs, shrinkMs: r.shrinkMs };
  let witness: RowWitness | undefined;
  if (s.record) witness = labelled(part, dropped, s.record.instance, { file: '', dimension: s.record.dimension, margin: s.record.margin, tol: s.record.tol, source: 'hunt' });
  else {
    const st = storedWitness(stored, part, dropped);
    if (st) witness = labelled(part, dropped, st.instance, { file: repoRel(st.file), dimension: st.dimension, margin: st.margin, tol: st.tol, source: 'stored' });
  }
  const closest = witness ? undefined : closestOf(r.closest && approachOf(r.closest.instance, r.closest.verdict), guided?.best);
  const result: JobResult = {
    row: { id: part.id, dropped, verdict: witness ? 'load-bearing' : 'not-shown', witness, budget, ...(closest ? { closest } : {}), harnessErrors: s.harnessErrors, ...timing },
    record: s.record,
  };
  return witness?.degenerate ? withNonDegenerate(part, dropped, stored, opts, repoRel, result) : result;
}

/**
 * The search of one row: random draws (hunt.ts), then, where they find nothing, the guided
 * search (guided.ts) from the closest draw. `reject` keeps both away from some witnesses.
 */
function search(part: TheoremPart, dropped: readonly string[], opts: JobOptions, reject?: HuntOptions['reject']) {
  const r = hunt(part, dropped, { ...opts, reject });
  let harnessErrors = r.harnessErrors.length;
  let guided: ReturnType<typeof guidedSearch> | undefined;
  const guidedBudget = opts.guidedBudget ?? DEFAULT_GUIDED_BUDGET;
  if (!r.found && guidedBudget > 0) {
    // Random search found nothing: push the closest draw (and fresh ones) towards a violation.
    guided = guidedSearch(part, dropped, { seed: opts.seed, budget: guidedBudget, start: r.closest?.instance, reject });
    harnessErrors += guided.harnessErrors.length;
  }
  const record = r.found ? toCounterexample(r, r.runsPerSeed) : guided?.found ? toCounterexample({ ...r, found: guided.found }, guidedBudget) : undefined;
  return { r, guided, record, harnessErrors, elapsedMs: r.elapsedMs + (guided?.elapsedMs ?? 0) };
}

/** A row's witness, with the conventions it rests on when it is degenerate. */
function labelled(part: TheoremPart, dropped: readonly string[], instance: StoredCounterexample['instance'], w: RowWitness): RowWitness {
  const d = degeneracy(part, dropped, instance);
  return d.degenerate ? { ...w, degenerate: d.reasons } : w;
}

/**
 * A degenerate witness is kept (it is a violation), and the search goes on for one that is not:
 * a stored one first, else a hunt (and guided search) that rejects degenerate instances, the
 * shrinker included, so that shrinking cannot make the new witness degenerate.
 */
function withNonDegenerate(
  part: TheoremPart,
  dropped: readonly string[],
  stored: readonly StoredCounterexample[],
  opts: JobOptions,
  repoRel: (f: string) => string,
  result: JobResult,
): JobResult {
  const inForce = tagsInForce(part, dropped);
  const degenerate = (inst: StoredCounterexample['instance']) => degeneracy(part, dropped, inst, inForce).degenerate;
  const st = storedWitness(stored, part, dropped, (c) => !degenerate(c.instance));
  if (st) return { ...result, row: { ...result.row, nonDegenerate: { file: repoRel(st.file), dimension: st.dimension, margin: st.margin, tol: st.tol, source: 'stored' } } };
  // The search rejects every instance with a convention site (a zero direction, representation
  // or judge), relied on or not: a witness it finds reads as non-degenerate at a glance.
  const s = search(part, dropped, opts, (inst) => hasConventionSite(inst));
  const row = result.row;
  const budget = {
    runsPerSeed: row.budget.runsPerSeed || s.r.runsPerSeed,
    seeds: row.budget.seeds + s.r.seedsTried,
    runsSpent: row.budget.runsSpent + s.r.runsSpent,
    ...(row.budget.guided !== undefined || s.guided ? { guided: (row.budget.guided ?? 0) + (s.guided?.evaluations ?? 0) } : {}),
  };
  const harnessErrors = (row.harnessErrors ?? 0) + s.harnessErrors;
  const elapsedMs = row.elapsedMs === undefined ? undefined : row.elapsedMs + s.elapsedMs;
  const nonDegenerate: RowWitness | undefined = s.record && { file: '', dimension: s.record.dimension, margin: s.record.margin, tol: s.record.tol, source: 'hunt' };
  return { ...result, row: { ...row, budget, harnessErrors, ...(elapsedMs === undefined ? {} : { elapsedMs }), ...(nonDegenerate ? { nonDegenerate } : {}) }, nonDegenerateRecord: s.record };
}

/** The smaller of the random phase's and the guided search's closest approaches (random on a tie). */
function closestOf(random: Approach | undefined, guided: Approach | undefined): NecessityRow['closest'] {
  if (guided && (!random || guided.margin < random.margin)) return { ...guided, source: 'guided' };
  return random && { ...random, source: 'random' };
}

/** Save a job's witness (atomic, content-addressed, never replacing) and name its file in the row. */
export function settle(result: JobResult, store: CounterexampleStore, repoRel: (f: string) => string): NecessityRow {
  const { record, nonDegenerateRecord } = result;
  let row = result.row;
  if (record && row.witness) row = { ...row, witness: { ...row.witness, file: repoRel(store.save(record).file) } };
  if (nonDegenerateRecord && row.nonDegenerate) row = { ...row, nonDegenerate: { ...row.nonDegenerate, file: repoRel(store.save(nonDegenerateRecord).file) } };
  return row;
}

/** Where the analysis keeps witnesses, and file names relative to the store's parent (as the table shows them). */
export function storeOf(opts: Pick<NecessityOptions, 'store'>): { store: CounterexampleStore; repoRel: (f: string) => string } {
  const store = typeof opts.store === 'object' ? opts.store : new DirectoryStore(opts.store ?? DEFAULT_STORE);
  return { store, repoRel: (f: string) => relative(resolve(store.location, '..'), f) };
}

/** A part's jobs in table order: full tags, each tag, then (with `pairs`) each pair. */
export function jobsOf(part: TheoremPart, pairs?: boolean): NecessityJob[] {
  return [[], ...part.tags.map((t) => [t]), ...(pairs ? pairsOf(part.tags) : [])].map((dropped) => ({ id: part.id, dropped }));
}

/** A pair is not hunted when one of its tags is load-bearing on its own: that tag's row says so. */
export function impliedRow(part: TheoremPart, dropped: readonly string[], loadBearing: ReadonlySet<string>): NecessityRow | undefined {
  const implied = dropped.length > 1 ? dropped.find((t) => loadBearing.has(t)) : undefined;
  return implied === undefined ? undefined : { id: part.id, dropped, verdict: 'implied', impliedBy: implied, budget: { runsPerSeed: 0, seeds: 0, runsSpent: 0 } };
}

/**
 * A dropped-tag row of a part whose full-tags row fails says so instead of its verdict: a part
 * that fails with nothing dropped fails with tags dropped too, and that shows no tag matters.
 * Applied where rows are reported in table order, after their part's full-tags row.
 */
export function underFullFailure(row: NecessityRow, full: NecessityRow | undefined): NecessityRow {
  return full?.verdict === 'fails' && row.dropped.length > 0 ? { ...row, verdict: 'part-fails' } : row;
}

/** The analysis in this thread (src/runner/necessity-parallel.ts spreads the same jobs over workers). */
export function necessity(parts: readonly TheoremPart[], opts: NecessityOptions = {}): NecessityRow[] {
  const { store, repoRel } = storeOf(opts);
  const stored = store.loadAll();
  const rows: NecessityRow[] = [];
  for (const part of shardParts(parts, opts.shard)) {
    const loadBearing = new Set<string>();
    let full: NecessityRow | undefined;
    for (const { dropped } of jobsOf(part, opts.pairs)) {
      const row = underFullFailure(impliedRow(part, dropped, loadBearing) ?? settle(runJob(part, dropped, stored, opts, repoRel), store, repoRel), full);
      if (dropped.length === 0) full = row;
      if (row.witness && row.dropped.length === 1) loadBearing.add(row.dropped[0]);
      rows.push(row);
      opts.onRow?.(row);
    }
  }
  return rows;
}
