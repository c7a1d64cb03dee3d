#!/usr/bin/env node
// Boundary maps and phase diagrams for every load-bearing row of counterexamples/necessity.json
// (issue 11, points 3 and 4): one `rlaif-props map` per (part, tag) row with one dropped tag,
// and per row with two (a phase diagram), under the defaults of the map command (seed 42).
// Runs the built CLI (npm run build first); extra arguments go to every map (e.g. --budget 30).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const rows = JSON.parse(readFileSync(`${root}counterexamples/necessity.json`, 'utf8')).rows;
const extra = process.argv.slice(2);
// Variant tags (R1n's large-sample) have no relaxation path: THEORY's tags only.
const THEORY = new Set(['isotropic', 'linear-value', 'monotone-value', 'converged', 'gaussian-latents', 'linear-judge', 'nested', 'orthogonal-latents', 'non-conflicting']);
for (const r of rows) {
  if (r.verdict !== 'load-bearing' || r.dropped.length < 1 || r.dropped.length > 2) continue;
  if (!r.dropped.every((t) => THEORY.has(t))) {
    process.stdout.write(`${r.id} ${r.dropped.join('+')}: skipped (no relaxation path for a variant's own tag)\n`);
    continue;
  }
  const args = ['bin/rlaif-props.cjs', 'map', r.id, ...r.dropped.flatMap((t) => ['--tag', t]), ...extra];
  const t0 = Date.now();
  const out = execFileSync('node', args, { cwd: root, encoding: 'utf8' });
  process.stdout.write(`${out.split('\n')[0]}  (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
}
