/**
 * `npm run bench`: property throughput for every part at d ∈ {2, 16, 128, 1024, 4096} and
 * constitution rank k ∈ {1, 16}, and the ceiling at LLM sizes (T3, T3s at d = 4096 and 16384,
 * m = 16); the rank-16 cells at d = 4096 as a fraction of the machine's multiply-add rate
 * (measured in this process by a plain dot-product loop); the structured path against the naive
 * dense baseline; time to the first counterexample and to shrink it for every load-bearing entry
 * of the necessity table; the CLI's start and its T2.c hunt beside the Hypothesis peer; and the
 * `npm test` wall time. Writes bench/results.json and prints markdown tables.
 *
 * Flags: --quick (fewer cells, no npm test timing), --skip-test-time, --out FILE, --json (print
 * the JSON instead of markdown), --only NAME[,NAME…] (only these cells or sections, see
 * bench/cells.ts; results.json is then written only with --out), --in-process (measure every
 * cell in this process, see below).
 *
 * Isolation: every cell at d >= 4096 (the rank-16 and LLM-sized cells the goals are read on)
 * runs in a fresh child process (bench/cell.ts), as hyperfine runs a fresh process per command;
 * smaller cells run in this process. In one process a cell's figure depended on the cells run
 * before it (JIT feedback and heap state left by other parts' code), so `--only` and the full
 * bench disagreed by up to 3× on the T3 cells. Each cell also warms up for ~1 s before it is
 * timed (bench/throughput.ts). A child's start-up is not counted in its figure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { hunt } from '../src/runner/hunt.ts';
import type { NecessityRow } from '../src/runner/necessity.ts';
import { readRows } from '../src/runner/necessity-file.ts';
import { evaluatePart } from '../src/theorems/evaluate.ts';
import { loadRegistry } from '../src/theorems/registry.ts';
import { tagsInForce } from '../src/theorems/tags.ts';
import { cellName, LATENT_CELLS, parseCell, RANK_CELLS, SECTIONS, type CellSize, type Section } from './cells.ts';
import { maddsPerRun, measureMaddRate } from './madd.ts';
import { NAIVE } from './naive.ts';
import { cliStart, huntVersusPeer } from './processes.ts';
import { markdown } from './markdown.ts';
import { throughput, type Throughput } from './throughput.ts';

const { getPart, parts: PARTS } = await loadRegistry();

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    'skip-test-time': { type: 'boolean' },
    out: { type: 'string' },
    json: { type: 'boolean' },
    only: { type: 'string', multiple: true },
    'in-process': { type: 'boolean' },
  },
});
const only = flags.only?.flatMap((x) => x.split(',')).filter((x) => x !== '');
const onlySections = new Set(only?.filter((x): x is Section => (SECTIONS as readonly string[]).includes(x)));
const onlyCells = only?.filter((x) => !(SECTIONS as readonly string[]).includes(x)).map(parseCell);
onlyCells?.forEach((c) => getPart(c.id)); // an unknown part fails before anything is measured
const wants = (section: Section) => (only ? onlySections.has(section) : true);

const DIMS = flags.quick ? [2, 128, 1024] : [2, 16, 128, 1024, 4096];
const RANKS = [1, 16];
const CELL_MS = flags.quick ? 300 : 700;
/** A cell whose single run exceeds this is not measured at larger d (reported as skipped). */
const SLOW_RUN_MS = 3000;
const log = (s: string) => process.stderr.write(`${s}\n`);
const loadBefore = loadavg()[0];

// The CLI's start, and its T2.c hunt beside the Hypothesis peer (whole processes, medians),
// taken first, while this process is small: spawning a child forks the parent, and after the
// throughput cells this process holds a heap of hundreds of MB whose page tables the fork
// copies, which added some 20 ms to every figure here, the floor `node -e 0` included.
const cli = wants('cli') ? cliStart() : null;
for (const t of cli ?? []) log(`${t.what}: median ${t.medianMs.toFixed(0)} ms`);
const peer = wants('peer') ? huntVersusPeer() : null;
if (peer) log(`hunt T2.c: ours ${peer.ours.medianMs.toFixed(0)} ms as a command (${peer.oursViaNode.medianMs.toFixed(0)} ms via node), peer ${peer.peer ? `${peer.peer.medianMs.toFixed(0)} ms (peer/ours ${peer.speedup!.toFixed(2)}×)` : 'not available (apt-get install -y python3-hypothesis python3-numpy)'}`);


// 0. The machine's multiply-add rate, against which the rank-16 cells are read.
const madd = measureMaddRate();
log(`multiply-add rate: ${(madd.perSecond / 1e9).toFixed(2)} G/s (dot product, length ${madd.length}); load average ${loadBefore.toFixed(2)}`);

type Cell = (Throughput & { cell: string; maddsPerRun?: number; maddFraction?: number }) | { cell: string; id: string; d: number; k: number; skipped: string };
const cells: Cell[] = [];
/** Cells measured in a child process of their own (see the header). */
const ISOLATE_FROM_DIM = 4096;
const CELL_SCRIPT = fileURLToPath(new URL('./cell.ts', import.meta.url));
const RUN_TS = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));

function isolated(c: CellSize): Throughput {
  const r = spawnSync(process.execPath, [...process.execArgv, RUN_TS, CELL_SCRIPT, cellName(c), String(CELL_MS)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`bench: cell ${cellName(c)} failed in its child process (exit ${r.status ?? r.signal})`);
  return JSON.parse(r.stdout) as Throughput;
}

function measure(c: CellSize): Throughput {
  const t =
    c.d >= ISOLATE_FROM_DIM && !flags['in-process']
      ? isolated(c)
      : throughput(getPart(c.id), c.d, c.k, CELL_MS, 3, 2000, c.m !== undefined ? { latentDim: c.m } : {});
  // A part without a constitution (T1, T4.e) does the rank-1 work whatever k was asked for.
  const work = c.m === undefined ? maddsPerRun(c.d, t.usesRank ? c.k : 1) : undefined;
  cells.push({ ...t, cell: cellName(c), ...(work !== undefined && { maddsPerRun: work, maddFraction: (t.runsPerSecond * work) / madd.perSecond }) });
  log(`${cellName(c)}: ${t.runsPerSecond.toFixed(1)} runs/s${t.harnessErrors ? ` (${t.harnessErrors} harness errors)` : ''}`);
  return t;
}

// 1. Throughput: the named cells, or the grid plus the LLM-sized cells.
if (onlyCells) onlyCells.forEach(measure);
else {
  for (const part of PARTS) {
    // Per-run time at the previous d; a cell predicted (at least quadratic growth in d) to take
    // more than SLOW_RUN_MS per run is skipped and reported as such.
    let previous: { d: number; ms: number } | undefined;
    for (const d of DIMS) {
      const predictedMs = previous ? previous.ms * (d / previous.d) ** 2 : 0;
      for (const k of RANKS) {
        if (k > d) continue;
        if (predictedMs > SLOW_RUN_MS) {
          cells.push({ cell: cellName({ id: part.id, d, k }), id: part.id, d, k, skipped: `predicted > ${SLOW_RUN_MS / 1000} s per run (O(d²) or worse from ${previous!.ms.toFixed(0)} ms at d=${previous!.d})` });
          break;
        }
        const t = measure({ id: part.id, d, k });
        if (k === 1) previous = { d, ms: 1000 / t.runsPerSecond };
        if (!t.usesRank) break; // k does not apply to this part: one row per d
      }
    }
  }
  if (!flags.quick) LATENT_CELLS.forEach(measure);
  // T1 and T4.e draw no constitution: their d = 4096 row is the rank cell's figure.
  for (const c of RANK_CELLS) if (!cells.some((x) => x.cell === cellName(c)) && (flags.quick || !cells.some((x) => x.id === c.id && x.d === c.d))) measure(c);
}

// 2. Structured versus naive dense, on the same draws.
const baseline: { id: string; d: number; k: number; structuredMs: number; naiveMs: number; ratio: number }[] = [];
for (const [id, naive] of wants('baseline') ? Object.entries(NAIVE) : []) {
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
  .filter(() => wants('hunts'))
  .filter((r) => r.verdict === 'load-bearing' || (r.verdict === 'fails' && r.witness))
  .filter((r) => !flags.quick || r.dropped.length === 1)
  .map((r) => {
    const res = hunt(getPart(r.id), r.dropped, { seeds: 1 });
    log(`hunt ${r.id} −${r.dropped.join(',') || '(none)'}: ${res.found ? 'found' : 'not found'} in ${res.elapsedMs} ms`);
    return { id: r.id, dropped: r.dropped, found: !!res.found, firstHitMs: res.firstHitMs ?? null, shrinkMs: res.shrinkMs, totalMs: res.elapsedMs, draws: res.runsSpent };
  });

// 4. npm test wall time.
let testWallSeconds: number | null = null;
if (!flags.quick && !flags['skip-test-time'] && wants('test-time')) {
  const t = performance.now();
  const r = spawnSync('npx', ['vitest', 'run'], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'ignore'] });
  testWallSeconds = r.status === 0 ? (performance.now() - t) / 1000 : null;
  log(`npm test: ${testWallSeconds?.toFixed(1) ?? 'FAILED'} s`);
}

const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadAverage: { before: loadBefore, after: loadavg()[0] } },
  multiplyAdd: madd,
  only: only ?? null,
  throughput: cells,
  baseline,
  hunts,
  cli,
  peer,
  testWallSeconds,
};
if (!only || flags.out) writeFileSync(flags.out ?? new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(flags.json ? `${JSON.stringify(results, null, 2)}\n` : markdown(results, PARTS.map((p) => p.id), DIMS, RANKS, [...LATENT_CELLS, ...RANK_CELLS, ...(onlyCells ?? [])].map(cellName)));
