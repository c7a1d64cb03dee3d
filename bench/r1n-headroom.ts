/**
 * How much room R1n's `large-sample` condition leaves. A violation needs the learned judge to lose
 * the whole premise gap: ratio = (A(u_c) − A(policy)) / (A(u_c) − A(g)) >= 1. This samples the
 * property's own generator with every tag in force and reports the distribution of that ratio.
 *
 * usage: npx tsx bench/r1n-headroom.ts [draws=2000] [seed=1]
 */
import fc from 'fast-check';
import { evaluatePart } from '../src/theorems/evaluate.ts';
import { loadRegistry } from '../src/theorems/registry.ts';
import { tagsInForce } from '../src/theorems/tags.ts';

const draws = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? 1);
const part = (await loadRegistry()).getPart('R1n');
const inForce = tagsInForce(part);
const ratios: number[] = [];
const byDim = new Map<number, number>();
for (const inst of fc.sample(part.arbitrary(inForce, {}), { numRuns: draws, seed })) {
  const e = evaluatePart(part, inst, inForce);
  if (!e.pre) continue;
  const q = e.quantities as Record<string, number>;
  const ratio = (q.alignmentJudge - q.alignmentPolicy) / (q.alignmentJudge - q.alignmentGeneration);
  ratios.push(ratio);
  const d = (inst.w as number[]).length;
  byDim.set(d, Math.max(byDim.get(d) ?? -Infinity, ratio));
}
ratios.sort((a, b) => a - b);
const at = (p: number) => ratios[Math.min(ratios.length - 1, Math.floor(p * ratios.length))].toFixed(4);
console.log(`R1n headroom: ${ratios.length}/${draws} draws met the premise (seed ${seed})`);
console.log(`ratio lost/gap (violation at >= 1): median ${at(0.5)}, p99 ${at(0.99)}, max ${ratios.at(-1)!.toFixed(4)}`);
console.log(`largest ratio by dimension: ${[...byDim].sort((a, b) => a[0] - b[0]).map(([d, r]) => `d=${d}: ${r.toFixed(3)}`).join(', ')}`);
