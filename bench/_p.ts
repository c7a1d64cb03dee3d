import { getPart } from '../src/theorems/registry.ts';
import { throughput } from './throughput.ts';
const ids = process.argv.slice(2);
for (const id of ids) for (const d of [4096]) for (const k of [16]) { const r = throughput(getPart(id), d, k, 2000); console.log(id, d, k, r.runs, r.runsPerSecond.toFixed(1), 'gen/run', (r.generateMs/r.runs).toFixed(2), 'eval/run', (r.evaluateMs/r.runs).toFixed(2)); }
