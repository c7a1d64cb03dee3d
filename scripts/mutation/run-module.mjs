#!/usr/bin/env node
// `npm run mutate:module -- <name>` (names in modules.mjs; `--list` lists them): Stryker on one
// module, in the mutation profile (fewer runs and Monte Carlo samples, src/numeric/profile.ts),
// with only that module's property files, then a small summary committed to
// reports/mutation/modules/<name>.json and the table in docs/MUTATION.md.
// `npm run mutate:module -- --table` only rebuilds the table from the committed summaries.
// MUTATE_CONCURRENCY (default 1: the machine is shared) sets Stryker's concurrency.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODULES } from './modules.mjs';

const SUMMARIES = 'reports/mutation/modules';
const DOC = 'docs/MUTATION.md';
const BEGIN = '<!-- mutation-table:begin (npm run mutate:module -- --table) -->';
const END = '<!-- mutation-table:end -->';

const args = process.argv.slice(2);
if (args.includes('--list')) {
  for (const [name, m] of Object.entries(MODULES)) console.log(`${name}\t${m.files.join(' ')}`);
  process.exit(0);
}
if (!args.includes('--table')) {
  if (args.length === 0) {
    console.error('usage: npm run mutate:module -- <module>... | --list | --table');
    process.exit(2);
  }
  for (const name of args) {
    const m = MODULES[name];
    if (!m) {
      console.error(`unknown module "${name}" (npm run mutate:module -- --list)`);
      process.exit(2);
    }
    const raw = `reports/mutation/raw/${name}`;
    const env = { ...process.env, RLAIF_PROFILE: 'mutation', MUTATE_MODULE: name, MUTATE_FILES: m.files.join(','), MUTATE_TESTS: JSON.stringify(m.tests) };
    const run = spawnSync('npx', ['stryker', 'run'], { stdio: 'inherit', env });
    if (run.status !== 0) {
      console.error(`stryker failed on ${name} (exit ${run.status})`);
      process.exit(run.status ?? 1);
    }
    mkdirSync(SUMMARIES, { recursive: true });
    const summary = summarise(name, m, JSON.parse(readFileSync(join(raw, 'mutation.json'), 'utf8')));
    writeFileSync(join(SUMMARIES, `${name}.json`), `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`${name}: ${summary.score}% (${summary.counts.killed + summary.counts.timeout}/${summary.counts.valid}), ${summary.survivors.length} survivor(s)`);
  }
}
writeTable();

/** Score as Stryker computes it: detected (killed, timed out) over valid (detected, survived, not covered). */
function summarise(name, m, report) {
  const counts = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0, valid: 0 };
  const survivors = [];
  for (const [file, { mutants }] of Object.entries(report.files)) {
    for (const x of mutants) {
      const key = { Killed: 'killed', Timeout: 'timeout', Survived: 'survived', NoCoverage: 'noCoverage', Ignored: 'ignored' }[x.status] ?? 'errors';
      counts[key]++;
      if (x.status === 'Survived' || x.status === 'NoCoverage')
        survivors.push({ file, line: x.location.start.line, column: x.location.start.column, mutator: x.mutatorName, replacement: x.replacement ?? '', status: x.status });
    }
  }
  counts.valid = counts.killed + counts.timeout + counts.survived + counts.noCoverage;
  const score = counts.valid ? Math.round((1000 * (counts.killed + counts.timeout)) / counts.valid) / 10 : 100;
  survivors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return { module: name, files: m.files, tests: m.tests, profile: 'mutation', score, counts, survivors };
}

/** Whether Stryker's timeouts were re-run in plain vitest (recheck.mjs --timeouts), and what came of it. */
function timeoutText(s) {
  const r = s.timeoutRecheck;
  if (r) return `yes: ${r.confirmed} loops, ${r.killed} failed, ${r.survived} passed`;
  const t = s.timeoutSample;
  if (t) return `sample of ${t.sampled}: ${t.confirmed} loops, ${t.killed} failed, ${Array.isArray(t.survived) ? t.survived.length : t.survived} passed`;
  return s.counts.timeout ? 'no' : '(none)';
}

function writeTable() {
  const rows = existsSync(SUMMARIES)
    ? readdirSync(SUMMARIES)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => JSON.parse(readFileSync(join(SUMMARIES, f), 'utf8')))
    : [];
  const table = [
    '| module | files | mutants | killed | timeout | survived | no coverage | score | timeouts re-run |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map((s) => `| ${s.module} | ${s.files.map((f) => `\`${f}\``).join(' ')} | ${s.counts.valid} | ${s.counts.killed} | ${s.counts.timeout} | ${s.counts.survived} | ${s.counts.noCoverage} | ${s.score}% | ${timeoutText(s)} |`),
  ].join('\n');
  const doc = readFileSync(DOC, 'utf8');
  const i = doc.indexOf(BEGIN);
  const j = doc.indexOf(END);
  if (i < 0 || j < i) throw new Error(`${DOC}: table markers missing`);
  writeFileSync(DOC, `${doc.slice(0, i + BEGIN.length)}\n${table}\n${doc.slice(j)}`);
}
