/**
 * The assumption-necessity analysis (THEORY §3): for every part and every tag (optionally every
 * pair of tags), drop it and hunt. A tag whose removal yields a robust, re-confirmed
 * counterexample is *load-bearing*, with that witness as proof; otherwise it is *not shown
 * load-bearing within the budget*, with the budget stated. A stored witness that still replays
 * counts as proof too, so a small default budget reproduces the committed table.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { InputError } from '../numeric/errors.ts';
import { evaluatePart } from '../theorems/evaluate.ts';
import { tagsInForce, unmetTags } from '../theorems/tags.ts';
import type { TheoremPart } from '../theorems/types.ts';
import { checkPart } from './check.ts';
import { hunt, toCounterexample, type HuntOptions } from './hunt.ts';
import { alive, DEFAULT_STORE, loadAll, save, type StoredCounterexample } from './store.ts';

export type Verdict = 'holds under full tags' | 'FAILS under full tags' | 'load-bearing' | 'not shown load-bearing' | 'implied';

export interface NecessityRow {
  readonly id: string;
  readonly dropped: readonly string[];
  readonly verdict: Verdict;
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
  readonly store?: string;
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
  const store = opts.store ?? DEFAULT_STORE;
  const stored = loadAll(store);
  const rows: NecessityRow[] = [];
  const emit = (r: NecessityRow) => {
    rows.push(r);
    opts.onRow?.(r);
  };
  const repoRel = (f: string) => relative(resolve(store, '..'), f);
  for (const part of shardParts(parts, opts.shard)) {
    // Under its full tags a part must hold; if it does not, that is the first thing to say.
    const t0 = Date.now();
    const full = checkPart(part, { numRuns: opts.runs, seed: opts.seed });
    let fullWitness: NecessityRow['witness'];
    if (full.outcome !== 'holds') {
      // A failure under full tags is a bug in the code or in THEORY.md: minimise and store it too.
      const r = hunt(part, [], opts);
      const s = r.found ? save(toCounterexample(r, r.runsPerSeed), store) : undefined;
      if (r.found && s) fullWitness = { file: repoRel(s.file), dimension: r.found ? toCounterexample(r, 0).dimension : 0, margin: r.found.verdict.margin, tol: r.found.verdict.tol, source: 'hunt' };
    }
    emit({
      id: part.id,
      dropped: [],
      verdict: full.outcome === 'holds' ? 'holds under full tags' : 'FAILS under full tags',
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
        const saved = save(cx, store);
        witness = { file: repoRel(saved.file), dimension: cx.dimension, margin: cx.margin, tol: cx.tol, source: 'hunt' };
      } else {
        const s = storedWitness(stored, part, dropped);
        if (s) witness = { file: repoRel(s.file), dimension: s.dimension, margin: s.margin, tol: s.tol, source: 'stored' };
      }
      if (witness && dropped.length === 1) loadBearing.add(dropped[0]);
      emit({ id: part.id, dropped, verdict: witness ? 'load-bearing' : 'not shown load-bearing', witness, budget, ...timing });
    }
  }
  return rows;
}

const key = (r: Pick<NecessityRow, 'id' | 'dropped'>) => `${r.id}|${r.dropped.join('+')}`;

/**
 * Merge fresh rows into the stored table (rows this run did not compute are kept: a
 * single-tag run does not erase the pairs), order them by registry, and write the JSON and
 * markdown atomically. Timings are left out so the files are reproducible.
 */
/** Merge `rows` into the table; `partIds` (the registry's, in order) orders it and drops rows of parts that no longer exist. */
export function writeTable(rows: readonly NecessityRow[], partIds: readonly string[], store = DEFAULT_STORE): { json: string; md: string; all: NecessityRow[] } {
  const json = join(store, 'necessity.json');
  const md = join(store, 'NECESSITY.md');
  return withLock(join(store, '.necessity.lock'), () => mergeAndWrite(rows, partIds, json, md));
}

/**
 * Shards on one machine may finish together: the read-merge-write of the table is serialised
 * by an exclusive lock file (created with O_EXCL, holding its owner's pid, removed after),
 * waited on for up to 60 s. A lock whose owner is no longer running (a run killed while writing
 * the table) is stale and is broken, so a kill never wedges later runs.
 */
function withLock<T>(lock: string, f: () => T): T {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new InputError(`cannot lock ${lock}: ${(e as Error).message}`);
      if (staleLock(lock)) {
        rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new InputError(`cannot lock ${lock}: held by a running process for over 60 s`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    return f();
  } finally {
    unlinkSync(lock);
  }
}

/** A lock is stale when its owner is dead, or when it names none and is over 5 s old (killed mid-creation). */
function staleLock(lock: string): boolean {
  try {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (Number.isInteger(pid) && pid > 0) return !alive(pid);
    return Date.now() - statSync(lock).mtimeMs > 5_000;
  } catch {
    return false; // removed meanwhile: just retry
  }
}

/** Rows from files written by `necessity --json` (or a necessity.json), for `--merge`. */
export function readRows(file: string): NecessityRow[] {
  let data: NecessityRow[] | { rows: NecessityRow[] };
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`${file}: not readable as JSON (${(e as Error).message.split('\n')[0]})`);
  }
  const rows = Array.isArray(data) ? data : data?.rows;
  if (!Array.isArray(rows) || rows.some((r) => typeof r?.id !== 'string' || !Array.isArray(r.dropped) || typeof r.verdict !== 'string'))
    throw new InputError(`${file}: not a list of necessity rows`);
  return rows;
}

function mergeAndWrite(rows: readonly NecessityRow[], partIds: readonly string[], json: string, md: string): { json: string; md: string; all: NecessityRow[] } {
  const merged = new Map<string, NecessityRow>();
  if (existsSync(json)) for (const r of readRows(json)) merged.set(key(r), r);
  for (const { elapsedMs: _e, firstHitMs: _f, shrinkMs: _s, ...r } of rows) merged.set(key(r), r);
  const order = (r: NecessityRow) => [partIds.indexOf(r.id), r.dropped.length, r.dropped.join('+')] as const;
  const all = [...merged.values()]
    .filter((r) => partIds.includes(r.id))
    .sort((a, b) => {
      const [x, y] = [order(a), order(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2].localeCompare(y[2]);
    });
  atomicWrite(json, `${JSON.stringify({ rows: all }, null, 2)}\n`);
  atomicWrite(md, renderMarkdown(all));
  return { json, md, all };
}

/** Through a dot-prefixed temporary (`cleanTemporaries` removes one left by a kill) and a rename. */
function atomicWrite(file: string, text: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

export function renderTable(rows: readonly NecessityRow[], timings = false): string {
  const head = ['part', 'dropped', 'verdict', 'witness', 'd', 'margin', 'budget (draws)', ...(timings ? ['time (s)'] : [])];
  const lines = rows.map((r) => [
    r.id,
    r.dropped.length ? r.dropped.join(' + ') : '(none)',
    r.verdict === 'implied' ? `implied by ${r.impliedBy}` : r.verdict,
    r.witness ? r.witness.file : '',
    r.witness ? String(r.witness.dimension) : '',
    r.witness ? r.witness.margin.toPrecision(3) : '',
    r.verdict === 'implied' ? '' : r.witness?.source === 'stored' && r.budget.runsSpent === 0 ? 'stored witness replays' : `${r.budget.runsSpent} (${r.budget.seeds}×${r.budget.runsPerSeed})`,
    ...(timings ? [r.elapsedMs === undefined ? '' : (r.elapsedMs / 1000).toFixed(2)] : []),
  ]);
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...lines.map((l) => `| ${l.join(' | ')} |`)].join('\n');
}

function renderMarkdown(rows: readonly NecessityRow[]): string {
  return [
    '# Assumption necessity',
    '',
    'Generated by `rlaif-props necessity` (see README). For every theorem part: does it hold under',
    'its full tags, and for each dropped tag (and pair), is there a robust minimal counterexample?',
    '"not shown load-bearing" means no counterexample within the stated budget; it is not a proof',
    'that the tag is unnecessary. "implied" pairs contain a tag that is load-bearing on its own.',
    '',
    renderTable(rows),
    '',
  ].join('\n');
}
