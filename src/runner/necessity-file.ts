/**
 * The necessity table on disk: `<store>/necessity.json` (the rows, the data) and
 * `<store>/NECESSITY.md` (their rendering, supplied by the caller: rendering is the report
 * layer's, and the runner does not import it). Fresh rows are merged into the stored ones
 * under a lock, because the shards of a CI matrix on one machine may finish together, and both
 * files are replaced atomically.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../numeric/errors.ts';
import { replaceAtomically, withLock } from './fs/atomic.ts';
import { NECESSITY_VERDICTS, type NecessityRow, type NecessityVerdict } from './necessity.ts';
import { DEFAULT_STORE } from './store.ts';

/**
 * The verdicts as necessity.json stored them before they were keys (the table's wording), so
 * that tables and shard outputs written by earlier versions still read and merge.
 */
const LEGACY_VERDICTS: Readonly<Record<string, NecessityVerdict>> = {
  'holds under full tags': 'holds',
  'FAILS under full tags': 'fails',
  'not shown load-bearing': 'not-shown',
};

const verdictOf = (v: unknown): NecessityVerdict | undefined =>
  typeof v !== 'string' ? undefined : NECESSITY_VERDICTS.includes(v as NecessityVerdict) ? (v as NecessityVerdict) : LEGACY_VERDICTS[v];

/** Rows from files written by `necessity --json` (or a necessity.json), for `--merge`. */
export function readRows(file: string): NecessityRow[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`${file}: not readable as JSON (${(e as Error).message.split('\n')[0]})`);
  }
  const rows: unknown = Array.isArray(data) ? data : (data as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows) || rows.some((r) => typeof r?.id !== 'string' || !Array.isArray(r.dropped) || verdictOf(r.verdict) === undefined))
    throw new InputError(`${file}: not a list of necessity rows`);
  return rows.map((r: NecessityRow) => ({ ...r, verdict: verdictOf(r.verdict)! }));
}

const key = (r: Pick<NecessityRow, 'id' | 'dropped'>) => `${r.id}|${r.dropped.join('+')}`;

/**
 * Fresh rows over stored ones (rows this run did not compute are kept: a single-tag run does
 * not erase the pairs), without timings (they differ run to run, and the files are meant to be
 * reproducible), rows of parts no longer registered dropped, in registry order (`partIds`).
 */
export function mergeRows(stored: readonly NecessityRow[], fresh: readonly NecessityRow[], partIds: readonly string[]): NecessityRow[] {
  const merged = new Map<string, NecessityRow>();
  for (const r of stored) merged.set(key(r), r);
  for (const { elapsedMs: _e, firstHitMs: _f, shrinkMs: _s, ...r } of fresh) merged.set(key(r), r);
  const order = (r: NecessityRow) => [partIds.indexOf(r.id), r.dropped.length, r.dropped.join('+')] as const;
  return [...merged.values()]
    .filter((r) => partIds.includes(r.id))
    .sort((a, b) => {
      const [x, y] = [order(a), order(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2].localeCompare(y[2]);
    });
}

/** The rows of the committed table (`<store>/necessity.json`), none when there is no table yet. */
export function tableRows(store = DEFAULT_STORE): NecessityRow[] {
  const json = join(store, 'necessity.json');
  return existsSync(json) ? readRows(json) : [];
}

/** necessity.json's text: the rows, pretty-printed. */
export const tableJson = (rows: readonly NecessityRow[]): string => `${JSON.stringify({ rows }, null, 2)}\n`;

/**
 * Merge fresh rows into the stored table and write necessity.json and, rendered by
 * `renderMarkdown`, NECESSITY.md, keeping the rows of `partIds` (the registry's, in order). The read-merge-write is serialised by `<store>/.necessity.lock`.
 */
export function writeTable(
  rows: readonly NecessityRow[],
  renderMarkdown: (all: readonly NecessityRow[]) => string,
  partIds: readonly string[],
  store = DEFAULT_STORE,
): { json: string; md: string; all: NecessityRow[] } {
  const json = join(store, 'necessity.json');
  const md = join(store, 'NECESSITY.md');
  return withLock(join(store, '.necessity.lock'), () => {
    const all = mergeRows(existsSync(json) ? readRows(json) : [], rows, partIds);
    replaceAtomically(json, tableJson(all));
    replaceAtomically(md, renderMarkdown(all));
    return { json, md, all };
  });
}
