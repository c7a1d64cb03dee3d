/**
 * `npm run bench`: property throughput for every part at d ∈ {2, 16, 128, 1024, 4096} and
 * constitution rank k ∈ {1, 16}; the structured path against the naive dense baseline; time to
 * the first counterexample and to shrink it for every load-bearing entry of the necessity
 * table; and the `npm test` wall time. Writes bench/results.json and prints markdown tables.
 *
 * Flags: --quick (fewer cells, no npm test timing), --skip-test-time, --out FILE.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { hunt } from '../src/runner/hunt.ts';
import type { NecessityRow } from '../src/runner/necessity.ts';
import { readRows } from '../src/runner/necessity-file.ts';
import { evaluatePart } from '../src/theorems/evaluate.ts';
import { loadRegistry } from '../src/theorems/registry.ts';
import { tagsInForce } from '../src/theorems/tags.ts';

const { getPart, parts: PARTS } = await loadRegistry();
import { NAIVE } from './naive.ts';
import { throughput, type Throughput } from './throughput.ts';

const { values: flags } = parseArgs({
  options: { quick: { type: 'boolean' }, 'skip-test-time': { type: 'boolean' }, out: { type: 'string' } },
});
const DIMS = flags.quick ? [2, 128, 1024] : [2, 16, 128, 1024, 4096];
const RANKS = [1, 16];
const CELL_MS = flags.quick ? 300 : 700;
/** A cell whose single run exceeds this is not measured at larger d (reported as skipped). */
const SLOW_RUN_MS = 3000;
const log = (s: string) => process.stderr.write(`${s}\n`);

// 1. Throughput.
const cells: (Throughput | { id: string; d: number; k: number; skipped: string })[] = [];
for (const part of PARTS) {
  // Per-run time at the previous d; a cell predicted (at least quadratic growth in d) to take
  // more than SLOW_RUN_MS per run is skipped and reported as such.
  let previous: { d: number; ms: number } | undefined;
  for (const d of DIMS) {
    const predictedMs = previous ? previous.ms * (d / previous.d) ** 2 : 0;
    for (const k of RANKS) {
      if (k > d) continue;
      if (predictedMs > SLOW_RUN_MS) {
        cells.push({ id: part.id, d, k, skipped: `predicted > ${SLOW_RUN_MS / 1000} s per run (O(d²) or worse from ${previous!.ms.toFixed(0)} ms at d=${previous!.d})` });
        break;
      }
      const t = throughput(part, d, k, CELL_MS);
      cells.push(t);
      log(`${part.id} d=${d} k=${k}: ${t.runsPerSecond.toFixed(1)} runs/s${t.harnessErrors ? ` (${t.harnessErrors} harness errors)` : ''}`);
      if (k === 1) previous = { d, ms: 1000 / t.runsPerSecond };
      if (!t.usesRank) break; // k does not apply to this part: one row per d
    }
  }
}

// 2. Structured versus naive dense, on the same draws.
const baseline: { id: string; d: number; k: number; structuredMs: number; naiveMs: number; ratio: number }[] = [];
for (const [id, naive] of Object.entries(NAIVE)) {
  const part = getPart(id);
  const inForce = tagsInForce(part);
  for (const d of DIMS.filter((x) => x <= 1024))
    for (const k of RANKS.filter((x) => x <= d)) {
      const n = d >= 1024 ? 3 : d >= 128 ? 20 : 200;
      const draws = fc.sample(part.arbitrary(inForce, { minDim: d, maxDim: d, rank: k }), { numRuns: n, seed: 7 });
      evaluatePart(part, draws[0], inForce);
      naive(draws[0]);
      let t = performance.now();
      for (const x of draws) evaluatePart(part, x, inForce);
      const structuredMs = (performance.now() - t) / n;
      t = performance.now();
      for (const x of draws) naive(x);
      const naiveMs = (performance.now() - t) / n;
      baseline.push({ id, d, k, structuredMs, naiveMs, ratio: naiveMs / structuredMs });
      log(`naive ${id} d=${d} k=${k}: ${naiveMs.toFixed(2)} ms vs ${structuredMs.toFixed(3)} ms`);
    }
}

// 3. Hunts of the load-bearing entries.
const tablePath = new URL('../counterexamples/necessity.json', import.meta.url);
const rows: NecessityRow[] = existsSync(tablePath) ? readRows(fileURLToPath(tablePath)) : [];
const hunts = rows
  .filter((r) => r.verdict === 'load-bearing' || (r.verdict === 'fails' && r.witness))
  .filter((r) => !flags.quick || r.dropped.length === 1)
  .map((r) => {
    const res = hunt(getPart(r.id), r.dropped, { seeds: 1 });
    log(`hunt ${r.id} −${r.dropped.join(',') || '(none)'}: ${res.found ? 'found' : 'not found'} in ${res.elapsedMs} ms`);
    return { id: r.id, dropped: r.dropped, found: !!res.found, firstHitMs: res.firstHitMs ?? null, shrinkMs: res.shrinkMs, totalMs: res.elapsedMs, draws: res.runsSpent };
  });

// 4. npm test wall time.
let testWallSeconds: number | null = null;
if (!flags.quick && !flags['skip-test-time']) {
  const t = performance.now();
  const r = spawnSync('npx', ['vitest', 'run'], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'ignore'] });
  testWallSeconds = r.status === 0 ? (performance.now() - t) / 1000 : null;
  log(`npm test: ${testWallSeconds?.toFixed(1) ?? 'FAILED'} s`);
}

const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  throughput: cells,
  baseline,
  hunts,
  testWallSeconds,
};
writeFileSync(flags.out ?? new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);

// Markdown.
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const out: string[] = ['## Property runs per second', '', `| part | k | ${DIMS.map((d) => `d=${d}`).join(' | ')} |`, `|---|---|${DIMS.map(() => '---:').join('|')}|`];
for (const part of PARTS)
  for (const k of RANKS) {
    const mine = cells.filter((c) => c.id === part.id && c.k === k);
    if (mine.length === 0) continue;
    const cellFor = (d: number) => {
      const c = mine.find((x) => x.d === d);
      return !c ? '' : 'skipped' in c ? 'skipped' : `${fmt(c.runsPerSecond)}${c.harnessErrors ? ` (${c.harnessErrors}/${c.runs} harness errors)` : ''}`;
    };
    const label = k === 1 && !cells.some((c) => c.id === part.id && c.k === 16) ? '—' : String(k);
    out.push(`| ${part.id} | ${label} | ${DIMS.map(cellFor).join(' | ')} |`);
  }
out.push('', '## Structured path versus naive dense baseline (ms per evaluation)', '', '| part | d | k | structured | naive | ratio |', '|---|---:|---:|---:|---:|---:|');
for (const b of baseline) out.push(`| ${b.id} | ${b.d} | ${b.k} | ${b.structuredMs.toFixed(3)} | ${b.naiveMs.toFixed(3)} | ${b.ratio.toFixed(1)}× |`);
out.push('', '## Hunts of load-bearing entries (one seed, default budget)', '', '| part | dropped | found | first hit (ms) | shrink (ms) | draws |', '|---|---|---|---:|---:|---:|');
for (const h of hunts) out.push(`| ${h.id} | ${h.dropped.join(' + ') || '(none)'} | ${h.found ? 'yes' : 'no'} | ${h.firstHitMs ?? ''} | ${h.shrinkMs} | ${h.draws} |`);
out.push('', `npm test wall time: ${testWallSeconds === null ? 'not measured' : `${testWallSeconds.toFixed(1)} s`}`);
process.stdout.write(`${out.join('\n')}\n`);
