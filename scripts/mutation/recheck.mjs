#!/usr/bin/env node
// `npm run mutate:recheck -- <module>`: re-test a module's survivors (Survived and NoCoverage in
// reports/mutation/raw/<module>/mutation.json) against the current tests, one mutant at a time:
// the mutant's replacement is written into the source file, the module's property files run
// in plain vitest (no instrumentation, mutation profile), and the file is restored. Much cheaper
// than a Stryker rerun when only a few survivors are left, and it measures the same thing: a
// mutant is killed when some test of the module fails. The summary in
// reports/mutation/modules/<module>.json is updated (the mutants killed move to `killed`, and
// `recheck` records how many and when) and the table in docs/MUTATION.md rebuilt.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODULES } from './modules.mjs';

const name = process.argv[2];
const m = MODULES[name];
if (!m) {
  console.error('usage: npm run mutate:recheck -- <module> (names: npm run mutate:module -- --list)');
  process.exit(2);
}
const report = JSON.parse(readFileSync(join('reports/mutation/raw', name, 'mutation.json'), 'utf8'));
const summaryFile = join('reports/mutation/modules', `${name}.json`);
const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));

/** Offset of a 1-based line and column in the text (Stryker's locations). */
const offset = (text, { line, column }) => {
  let o = 0;
  for (let l = 1; l < line; l++) o = text.indexOf('\n', o) + 1;
  return o + column - 1;
};

// After a first recheck, only the mutants still listed as survivors are run again.
const key = (file, line, column, mutator, replacement) => `${file}:${line}:${column}:${mutator}:${replacement ?? ''}`;
const pending = summary.recheck ? new Set(summary.survivors.map((s) => key(s.file, s.line, s.column, s.mutator, s.replacement))) : null;

let killed = 0;
const still = [];
for (const [file, { mutants }] of Object.entries(report.files)) {
  const original = readFileSync(file, 'utf8');
  try {
    for (const x of mutants) {
      if (x.status !== 'Survived' && x.status !== 'NoCoverage') continue;
      if (pending && !pending.has(key(file, x.location.start.line, x.location.start.column, x.mutatorName, x.replacement))) continue;
      const mutated = original.slice(0, offset(original, x.location.start)) + x.replacement + original.slice(offset(original, x.location.end));
      writeFileSync(file, mutated);
      const tests = m.tests.flatMap((t) => expandBraces(t));
      const run = spawnSync('npx', ['vitest', 'run', '--bail=1', '--passWithNoTests', ...tests], {
        env: { ...process.env, RLAIF_PROFILE: 'mutation' },
        encoding: 'utf8',
        timeout: 600_000,
      });
      const dead = run.status !== 0;
      const where = `${file}:${x.location.start.line}:${x.location.start.column} ${x.mutatorName} → ${JSON.stringify(x.replacement)}`;
      console.log(`${dead ? 'killed  ' : 'survived'} ${where}`);
      if (dead) killed++;
      else still.push({ file, line: x.location.start.line, column: x.location.start.column, mutator: x.mutatorName, replacement: x.replacement ?? '', status: x.status });
    }
  } finally {
    writeFileSync(file, original);
  }
}

const c = summary.counts;
c.killed += killed;
c.survived = still.filter((s) => s.status === 'Survived').length;
c.noCoverage = still.filter((s) => s.status === 'NoCoverage').length;
summary.score = c.valid ? Math.round((1000 * (c.killed + c.timeout)) / c.valid) / 10 : 100;
summary.survivors = still;
summary.recheck = { killed: killed + (summary.recheck?.killed ?? 0), at: new Date().toISOString().slice(0, 10), tests: m.tests, how: 'survivors re-run one by one in plain vitest (scripts/mutation/recheck.mjs)' };
writeFileSync(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
console.log(`${name}: ${killed} more killed; score ${summary.score}%`);
spawnSync('node', ['scripts/mutation/run-module.mjs', '--table'], { stdio: 'inherit' });

/** vitest takes file paths, not brace globs: `a/{b,c}.ts` → a/b.ts a/c.ts; a `*` glob is left to vitest as a filter. */
function expandBraces(t) {
  const b = t.match(/^(.*)\{([^}]*)\}(.*)$/);
  const parts = b ? b[2].split(',').map((p) => `${b[1]}${p}${b[3]}`) : [t];
  return parts.map((p) => p.replace(/\*\.test\.ts$/, '.test.ts').replace(/\*$/, ''));
}
