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

// `--timeouts`: re-run the mutants Stryker reported as timed out instead. On a loaded machine a
// covering test that is merely slow can overrun Stryker's budget (1.5 × the dry run's time +
// MUTATE_TIMEOUT_MS) and be counted as detected; here each runs in plain vitest with a wall limit
// of TIMEOUT_LIMIT_MS (default 120 s): a run that fails is killed, one that passes is a survivor,
// and only one that still overruns stays a timeout (a mutant that loops).
const name = process.argv[2];
const timeouts = process.argv.includes('--timeouts');
const LIMIT_MS = Number(process.env.TIMEOUT_LIMIT_MS ?? 120_000);
// `--timeouts --sample N`: only every k-th timeout (N of them, spread over the file), as evidence
// of how many of Stryker's timeouts are real; the summary's counts are then left as they are and
// the sample's outcome is recorded beside them.
const sampleAt = process.argv.indexOf('--sample');
const sample = sampleAt > 0 ? Number(process.argv[sampleAt + 1]) : 0;
const m = MODULES[name];
// `--only <filter>...` (after the module name, before any other flag): run only these property
// files, when the rest of the module's list is known to pass every listed survivor already —
// the Stryker run that produced the report ran them against the same source, and neither has
// changed since. Each mutant then costs a few seconds instead of the whole list's run. The
// summary records which files were run.
const onlyAt = process.argv.indexOf('--only');
const argsAfter = (at) => {
  const rest = process.argv.slice(at + 1);
  const next = rest.findIndex((a) => a.startsWith('--'));
  return next < 0 ? rest : rest.slice(0, next);
};
const only = onlyAt > 0 ? argsAfter(onlyAt) : null;
// `--file <path>`: re-run only that source file's survivors (two worktrees can then share a
// module's survivors); the other files' survivors are kept as the summary lists them.
const fileAt = process.argv.indexOf('--file');
const onlyFile = fileAt > 0 ? process.argv[fileAt + 1] : null;
if (!m) {
  console.error('usage: npm run mutate:recheck -- <module> [--timeouts] (names: npm run mutate:module -- --list)');
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
const listed = new Set(summary.survivors.map((s) => key(s.file, s.line, s.column, s.mutator, s.replacement)));
const pending = !timeouts && summary.recheck ? listed : null;
const keyOf = (file, x) => key(file, x.location.start.line, x.location.start.column, x.mutatorName, x.replacement);
// --timeouts: Stryker's timeouts. Else the survivors: Stryker's, and the timeouts an earlier
// --timeouts re-run found passing (the raw report still calls them Timeout).
const isWanted = (file, x) => (onlyFile && file !== onlyFile ? false : timeouts ? x.status === 'Timeout' : x.status === 'Survived' || x.status === 'NoCoverage' || (x.status === 'Timeout' && listed.has(keyOf(file, x))));

let killed = 0;
let confirmed = 0;
const still = [];
const totalWanted = Object.entries(report.files).reduce((a, [file, { mutants }]) => a + mutants.filter((x) => isWanted(file, x)).length, 0);
const stride = sample > 0 ? Math.max(1, Math.floor(totalWanted / sample)) : 1;
let seen = 0;
let moved = 0;
const unplaced = [];
for (const [file, { mutants, source }] of Object.entries(report.files)) {
  const original = readFileSync(file, 'utf8');
  // The source may have changed since the Stryker run (a bug fixed by the facts written for
  // it). A mutant on a line that is still there, unchanged, is moved with it; one on a changed
  // line cannot be re-tested faithfully and stays a survivor (a lower bound on the score).
  const lineOf = source === undefined || source === original ? null : lineMap(source, original);
  try {
    for (const x of mutants) {
      if (!isWanted(file, x)) continue;
      if (seen++ % stride !== 0) continue;
      if (pending && !pending.has(keyOf(file, x))) continue;
      let loc = x.location;
      if (lineOf) {
        const start = lineOf.get(loc.start.line);
        const end = lineOf.get(loc.end.line);
        if (start === undefined || end === undefined || end - start !== loc.end.line - loc.start.line) {
          unplaced.push(`${file}:${loc.start.line}:${loc.start.column} ${x.mutatorName}`);
          if (!timeouts) still.push({ file, line: loc.start.line, column: loc.start.column, mutator: x.mutatorName, replacement: x.replacement ?? '', status: x.status === 'Timeout' ? 'Survived' : x.status, unplaced: true });
          continue;
        }
        if (start !== loc.start.line) moved++;
        loc = { start: { ...loc.start, line: start }, end: { ...loc.end, line: end } };
      }
      const mutated = original.slice(0, offset(original, loc.start)) + x.replacement + original.slice(offset(original, loc.end));
      writeFileSync(file, mutated);
      const tests = (only ?? m.tests).flatMap((t) => expandBraces(t));
      // coreutils `timeout` runs vitest in a process group of its own and kills the whole group:
      // spawnSync's own timeout kills only npx, and a looping mutant's vitest workers would live on.
      // A survivor that now loops (an edited test reaching a loop the mutant never leaves) runs into
      // the same wall: TIMEOUT_LIMIT_MS when set, else ten minutes.
      const limit = Math.ceil((timeouts || process.env.TIMEOUT_LIMIT_MS ? LIMIT_MS : 600_000) / 1000);
      const run = spawnSync('timeout', ['-s', 'KILL', String(limit), 'npx', 'vitest', 'run', '--bail=1', '--passWithNoTests', ...tests], {
        env: { ...process.env, RLAIF_PROFILE: 'mutation' },
        encoding: 'utf8',
      });
      const where = `${file}:${x.location.start.line}:${x.location.start.column} ${x.mutatorName} → ${JSON.stringify(x.replacement)}`;
      // 137 = 128 + SIGKILL: the wall limit was reached.
      if (run.status === 137) {
        // A loop is detected, as Stryker counts a timeout: never a kill, never a survivor.
        confirmed++;
        console.log(`timeout  ${where}`);
        continue;
      }
      const dead = run.status !== 0;
      console.log(`${dead ? 'killed  ' : 'survived'} ${where}`);
      if (dead) killed++;
      // A Stryker timeout that passes here is a survivor (and says what Stryker called it).
      // `line` stays the report's (it keys the mutant on later rechecks); `lineNow` is where it sits in today's source.
      else still.push({ file, line: x.location.start.line, column: x.location.start.column, mutator: x.mutatorName, replacement: x.replacement ?? '', status: x.status === 'Timeout' ? 'Survived' : x.status, ...(x.status === 'Timeout' && { stryker: 'Timeout' }), ...(loc.start.line !== x.location.start.line && { lineNow: loc.start.line }) });
    }
  } finally {
    writeFileSync(file, original);
  }
}

const c = summary.counts;
if (timeouts && sample > 0) {
  summary.timeoutSample = { sampled: confirmed + killed + still.length, of: totalWanted, confirmed, killed, survived: still, limitMs: LIMIT_MS, at: new Date().toISOString().slice(0, 10), how: 'every k-th Stryker timeout re-run in plain vitest with a wall limit (scripts/mutation/recheck.mjs --timeouts --sample N); counts left as Stryker gave them' };
} else if (timeouts) {
  // Every Stryker timeout was re-run: the confirmed ones stay timeouts, the rest move.
  c.killed += killed;
  // Only the timeouts re-run move (a report that lists fewer than the summary counts changes no others).
  c.timeout -= killed + still.length;
  c.survived += still.length;
  summary.survivors = [...summary.survivors, ...still];
  summary.timeoutRecheck = { confirmed, killed, survived: still.length, limitMs: LIMIT_MS, at: new Date().toISOString().slice(0, 10), how: 'Stryker timeouts re-run one by one in plain vitest with a wall limit (scripts/mutation/recheck.mjs --timeouts)' };
} else {
  c.killed += killed;
  c.timeout += confirmed;
  if (onlyFile) still.push(...summary.survivors.filter((x) => x.file !== onlyFile));
  c.survived = still.filter((s) => s.status === 'Survived').length;
  c.noCoverage = still.filter((s) => s.status === 'NoCoverage').length;
  summary.survivors = still;
  summary.recheck = {
    killed: killed + (summary.recheck?.killed ?? 0),
    ...((confirmed || summary.recheck?.loops) && { loops: confirmed + (summary.recheck?.loops ?? 0) }),
    at: new Date().toISOString().slice(0, 10),
    tests: only ?? m.tests,
    how: only
      ? 'survivors re-run one by one in plain vitest against the files added since the Stryker run (scripts/mutation/recheck.mjs --only); the rest of the list passed them in that run, on the same source'
      : 'survivors re-run one by one in plain vitest (scripts/mutation/recheck.mjs)',
  };
}
summary.score = c.valid ? Math.round((1000 * (c.killed + c.timeout)) / c.valid) / 10 : 100;
writeFileSync(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
if (moved || unplaced.length) {
  console.log(`${moved} mutants moved with their lines (the source changed since the run); ${unplaced.length} on changed lines kept as survivors:`);
  for (const u of unplaced) console.log(`  ${u}`);
  if (!timeouts) summary.recheck.unplaced = unplaced.length;
}
console.log(`${name}: ${killed} more killed; score ${summary.score}%`);
spawnSync('node', ['scripts/mutation/run-module.mjs', '--table'], { stdio: 'inherit' });

/**
 * vitest takes file filters, not globs: `a/{b,c}.ts` → a/b.ts a/c.ts, and `kills/name*.test.ts` →
 * `kills/name`, a filter every file whose path contains it matches (name.test.ts and
 * name-more.test.ts alike, as the glob does).
 */
function expandBraces(t) {
  const b = t.match(/^(.*)\{([^}]*)\}(.*)$/);
  const parts = b ? b[2].split(',').map((p) => `${b[1]}${p}${b[3]}`) : [t];
  return parts.map((p) => p.replace(/\*\.test\.ts$/, '').replace(/\*$/, ''));
}

/**
 * Line numbers of `before` (1-based) → where the same line sits in `after`, for the lines a
 * longest common subsequence of the two keeps (the lines a diff leaves unchanged).
 */
function lineMap(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  const n = a.length;
  const m = b.length;
  const L = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i][j] = a[i] === b[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
  const map = new Map();
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (a[i] === b[j]) map.set(++i, ++j);
    else if (L[i + 1][j] >= L[i][j + 1]) i++;
    else j++;
  }
  return map;
}
