/**
 * bench/results.json, read defensively: the benchmark's format is its own and changes, so the
 * report shows what is there (every list of records as a table, every scalar as a figure) and
 * charts only the series it recognises by their fields, saying so when it finds none.
 */
import { existsSync, readFileSync } from 'node:fs';

type Row = Readonly<Record<string, unknown>>;

export interface BenchSection {
  /** Where the list sits in the file: `throughput`, `runs.hunts`, … */
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
}

export interface BenchData {
  readonly file: string;
  /** Set when there is nothing to show, and why. */
  readonly problem?: string;
  /** Scalars of the file, flattened: `date`, `machine.cpus`, `testWallSeconds`, … */
  readonly figures: readonly (readonly [string, string | number | boolean])[];
  readonly sections: readonly BenchSection[];
  /** Series recognised for the charts (empty when the fields are not there). */
  readonly throughput: readonly { id: string; d: number; k: number | null; runsPerSecond: number }[];
  readonly hunts: readonly { hunt: string; phase: string; ms: number }[];
}

const isRecord = (x: unknown): x is Row => typeof x === 'object' && x !== null && !Array.isArray(x);
const isScalar = (x: unknown): x is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof x);
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Lists of records and scalars, walked to a small depth (a format that nests a level still shows). */
function walk(x: unknown, path: string, depth: number, figures: [string, string | number | boolean][], sections: BenchSection[]) {
  if (isScalar(x)) {
    figures.push([path || '(value)', x]);
  } else if (Array.isArray(x)) {
    const rows = x.filter(isRecord);
    if (rows.length) {
      const columns = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => isScalar(r[k]) || (Array.isArray(r[k]) && (r[k] as unknown[]).every(isScalar)))))];
      sections.push({ name: path || '(list)', columns, rows });
    } else if (x.every(isScalar)) figures.push([path, x.join(', ')]);
  } else if (isRecord(x) && depth < 3) {
    for (const [k, v] of Object.entries(x)) walk(v, path ? `${path}.${k}` : k, depth + 1, figures, sections);
  }
}

export function readBench(file: string): BenchData {
  const empty = { file, figures: [], sections: [], throughput: [], hunts: [] };
  if (!existsSync(file)) return { ...empty, problem: `${file} does not exist yet (npm run bench writes it)` };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { ...empty, problem: `${file} is not readable as JSON (${(e as Error).message.split('\n')[0]})` };
  }
  const figures: [string, string | number | boolean][] = [];
  const sections: BenchSection[] = [];
  walk(data, '', 0, figures, sections);
  const all = sections.flatMap((s) => s.rows);
  const throughput = all
    .filter((r) => typeof r.id === 'string' && isNum(r.d) && isNum(r.runsPerSecond) && r.runsPerSecond > 0 && r.d > 0)
    .map((r) => ({ id: r.id as string, d: r.d as number, k: isNum(r.k) ? r.k : null, runsPerSecond: r.runsPerSecond as number }));
  const hunts = all
    .filter((r) => typeof r.id === 'string' && Array.isArray(r.dropped) && (isNum(r.firstHitMs) || isNum(r.totalMs)))
    .flatMap((r) => {
      const hunt = `${r.id as string} −${(r.dropped as unknown[]).join(',') || '(none)'}`;
      if (isNum(r.firstHitMs) && isNum(r.shrinkMs))
        return [{ hunt, phase: 'first hit', ms: r.firstHitMs }, { hunt, phase: 'shrink', ms: r.shrinkMs }];
      return isNum(r.totalMs) ? [{ hunt, phase: 'total', ms: r.totalMs }] : [];
    });
  const problem = figures.length || sections.length ? undefined : `${file} holds no figures the report can read`;
  return { file, problem, figures, sections, throughput, hunts };
}

/** A cell of a benchmark table: figures rounded for reading, lists joined. */
export function benchCell(x: unknown): string {
  if (typeof x === 'number') return !Number.isFinite(x) ? String(x) : Math.abs(x) >= 100 || Number.isInteger(x) ? Math.round(x).toLocaleString('en-US') : x.toPrecision(3);
  if (Array.isArray(x)) return x.join(', ');
  return x === undefined || x === null ? '' : String(x);
}
