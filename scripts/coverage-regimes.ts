/**
 * The per-regime reach coverage table (issue 10 §6): for every part and every tag it can drop,
 * the share of seeded draws of the widened generator in each extreme regime, and the draws the
 * part could not evaluate (harness errors). Usage:
 *   npx tsx scripts/coverage-regimes.ts [--draws N] [--seed S] [--no-evaluate] [--markdown]
 */
import { loadRegistry } from '../src/theorems/registry.ts';
import { REGIMES, reachCoverage } from '../src/runner/reach-coverage.ts';

const args = process.argv.slice(2);
const flag = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const draws = flag('--draws', 400);
const seed = flag('--seed', 20260303);
const evaluate = !args.includes('--no-evaluate');
const registry = await loadRegistry();
const header = ['part', 'dropped', ...REGIMES, 'harness errors'];
console.log(`# reach coverage: ${draws} draws per row, seed ${seed}; cells: % of draws in the regime (– : the part's instances do not carry that quantity)`);
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
const errors: string[] = [];
for (const part of registry.parts)
  for (const tag of part.tags) {
    const c = reachCoverage(part, tag, { draws, seed, evaluate });
    const cells = REGIMES.map((g) => (c.counts[g] === undefined ? '–' : ((100 * c.counts[g]!) / c.draws).toFixed(1)));
    console.log(`| ${part.id} | ${tag} | ${cells.join(' | ')} | ${evaluate ? c.harnessErrors : 'n/a'} |`);
    if (c.firstError) errors.push(`${part.id} −${tag}: ${c.firstError}`);
  }
for (const e of errors) console.log(`\nharness error: ${e}`);
