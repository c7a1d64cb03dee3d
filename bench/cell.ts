/**
 * One throughput cell in a process of its own: `node bin/run-ts.js bench/cell.ts CELL BUDGET_MS`
 * prints the cell's Throughput as JSON on stdout: the median of three measured windows. bench/run.ts runs the LLM-sized cells this
 * way (see `isolated` there): a fresh process per cell, as hyperfine runs a fresh process per
 * command, so a cell's figure does not depend on which cells ran before it in the same heap.
 */
import { loadRegistry } from '../src/theorems/registry.ts';
import { parseCell } from './cells.ts';
import { throughput } from './throughput.ts';

const [name, budget] = process.argv.slice(2);
if (name === undefined || !(Number(budget) > 0)) {
  process.stderr.write('usage: cell.ts CELL BUDGET_MS\n');
  process.exit(2);
}
const c = parseCell(name);
const { getPart } = await loadRegistry();
// Three measured windows after the one warm-up, and the median one reported: on this shared VM
// a single 0.7 s window of a cell moved by ±20% from run to run of the whole benchmark.
const extra = c.m !== undefined ? { latentDim: c.m } : {};
const windows = [0, 1, 2].map((i) => throughput(getPart(c.id), c.d, c.k, Number(budget), 3, 2000, extra, i === 0 ? undefined : 0));
const t = [...windows].sort((a, b) => a.runsPerSecond - b.runsPerSecond)[1];
process.stdout.write(`${JSON.stringify(t)}\n`);
