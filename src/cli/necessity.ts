import { availableParallelism } from 'node:os';
import { InputError } from '../numeric/errors.ts';
import { DEFAULT_GUIDED_BUDGET, DEFAULT_HUNT_SEEDS, DEFAULT_SEED } from '../runner/defaults.ts';
import type { NecessityRow } from '../runner/necessity.ts';
import type { TheoremPart } from '../theorems/types.ts';
import { intFlag, parse, shardFlag } from './args.ts';
import { EXIT, type Command } from './command.ts';

/**
 * Rows whose full-tags verdict differs from what their part declares: an undeclared failure,
 * or a declared failure that no longer happens (parts of other registries are not judged).
 */
function unexpectedOutcomes(rows: readonly NecessityRow[], getPart: (id: string) => TheoremPart): string[] {
  const out: string[] = [];
  for (const r of rows.filter((x) => x.dropped.length === 0)) {
    let part: TheoremPart;
    try {
      part = getPart(r.id);
    } catch {
      continue;
    }
    if (r.verdict === 'fails' && !part.expected) out.push(`${r.id} fails under its full tags and declares no such outcome`);
    if (r.verdict === 'holds' && part.expected) out.push(`${r.id} is declared to fail (${part.expected.reason}) but held`);
  }
  return out;
}

export const necessityCommand: Command = {
  summary: 'for every part and tag (and pair, with --pairs): is the tag load-bearing? prints and writes the table',
  help: [
    'usage: rlaif-props necessity [ids…] [--pairs] [--runs N] [--seeds K] [--seed S] [--shard i/n] [--jobs N] [--store DIR] [--no-write] [--json]',
    '       rlaif-props necessity --merge <rows.json>… [--store DIR]',
    '  --shard i/n  this run takes every n-th part (a CI matrix); rows merge into the table, witnesses are content-addressed',
    '  --jobs N     hunt on N worker threads (default: the number of cores); the rows and witnesses are those of --jobs 1',
    '  --merge      merge rows printed by shard runs (--json) into the table without hunting',
    '  --rehunt     hunt even where a stored witness replays (default: the stored witness is the proof)',
    `  --guided-budget N  evaluations of the guided search run where random draws find nothing (default ${DEFAULT_GUIDED_BUDGET}; 0: none)`,
    '  Exit status: 0 the table was made and every part fails under its full tags only where it declares so; 1 otherwise;',
    '  3 a harness error on the way (each one is printed; the table is still written).',
    '  Writes counterexamples/NECESSITY.md and necessity.json (merged with existing rows) and stores new witnesses.',
  ].join('\n'),
  async run(argv) {
    const { values, positionals } = parse(argv, {
      pairs: { type: 'boolean' },
      runs: { type: 'string' },
      seeds: { type: 'string' },
      seed: { type: 'string' },
      shard: { type: 'string' },
      store: { type: 'string' },
      'no-write': { type: 'boolean' },
      json: { type: 'boolean' },
      merge: { type: 'boolean' },
      rehunt: { type: 'boolean' },
      jobs: { type: 'string' },
      'guided-budget': { type: 'string' },
    });
    const { loadRegistry } = await import('../theorems/registry.ts'); // not at start-up: it imports every model
    const registry = await loadRegistry();
    const partIds = registry.parts.map((p) => p.id);
    // Loaded here, not at start-up: the store's schema library is slow to import (see hunt.ts).
    const { necessityParallel } = await import('../runner/necessity-parallel.ts');
    const { readRows, writeTable } = await import('../runner/necessity-file.ts');
    const { renderMarkdown, renderTable, verdictText } = await import('../report/necessity-table.ts');
    const { assertStore, cleanTemporaries, DEFAULT_STORE: STORE } = await import('../runner/store.ts');
    const { readMapIndex } = await import('../runner/map-index.ts');
    const { join } = await import('node:path');
    // Break points from the maps next to the table (`rlaif-props map`), where there are any.
    const maps = readMapIndex(join(values.store ?? STORE, 'maps'));
    if (values.merge) {
      // Shards of a CI matrix print their rows with --json; merging needs no hunting.
      if (positionals.length === 0) throw new InputError('--merge needs the row files to merge');
      assertStore(values.store);
      const { all } = writeTable(positionals.flatMap(readRows), renderMarkdown, partIds, values.store);
      process.stdout.write(`${renderTable(all, false, maps)}\n`);
      return unexpectedOutcomes(all, registry.getPart).length ? EXIT.failed : EXIT.ok;
    }
    const parts = registry.selectParts(positionals);
    const runs = values.runs === undefined ? undefined : intFlag(values.runs, 'runs', 0, 1, 10_000_000);
    const seeds = intFlag(values.seeds, 'seeds', DEFAULT_HUNT_SEEDS, 1, 10_000);
    const seed = intFlag(values.seed, 'seed', DEFAULT_SEED, -(2 ** 31), 2 ** 31 - 1);
    const shard = shardFlag(values.shard);
    const jobs = intFlag(values.jobs, 'jobs', availableParallelism(), 1, 256);
    const guidedBudget = intFlag(values['guided-budget'], 'guided-budget', DEFAULT_GUIDED_BUDGET, 0, 10_000_000);
    assertStore(values.store, parts.map((p) => p.id)); // before the budget is spent
    cleanTemporaries(values.store); // left by a run that was killed mid-write
    const t0 = Date.now();
    const rows = await necessityParallel(parts, {
      jobs,
      pairs: values.pairs,
      rehunt: values.rehunt,
      guidedBudget,
      runs,
      seeds,
      seed,
      shard,
      store: values.store,
      onRow: (r) => {
        if (!values.json)
          process.stderr.write(`${r.id} ${r.dropped.length ? `−${r.dropped.join(',')}` : '(full tags)'}: ${verdictText(r.verdict)}${r.elapsedMs !== undefined ? ` (${(r.elapsedMs / 1000).toFixed(2)} s)` : ''}\n`);
      },
    });
    const { DEFAULT_STORE, displayPath } = await import('../runner/store.ts');
    const where = displayPath(values.store ?? DEFAULT_STORE);
    if (!values['no-write']) {
      const { md, json } = writeTable(rows, renderMarkdown, partIds, values.store);
      process.stderr.write(`wrote ${displayPath(md)} and ${displayPath(json)}\n`);
    }
    // Where new witnesses went (or would go): the store is tracked by default, so it is said.
    // Non-degenerate witnesses found beside degenerate ones count too: they are new files.
    const found = rows.reduce((n, r) => n + +(r.witness?.source === 'hunt') + +(r.nonDegenerate?.source === 'hunt'), 0);
    process.stderr.write(`witnesses: ${found} newly found, stored under ${where}/<id>/ (--store DIR to keep them elsewhere)\n`);
    if (values.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    else process.stdout.write(`\n${renderTable(rows, true, maps)}\n\nTotal: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    // A part failing under its full tags is a finding about THEORY.md (or a bug): reported
    // loudly, and the exit status says so, unless the part declares that failure.
    for (const r of rows.filter((x) => x.verdict === 'fails')) {
      const expected = registry.getPart(r.id).expected;
      process.stderr.write(
        expected
          ? `${r.id} fails under its full tags, as declared: ${expected.reason}\n`
          : `FINDING: ${r.id} fails under its full tags${r.witness ? ` (witness ${r.witness.file})` : ''}\n`,
      );
    }
    const surprises = unexpectedOutcomes(rows, registry.getPart);
    for (const s of surprises) process.stderr.write(`${s}\n`);
    // Harness errors met while hunting are part of the result: counted per row in the table,
    // and the run is not clean (the exit status says so, as hunt's does).
    const harness = rows.reduce((n, r) => n + (r.harnessErrors ?? 0), 0);
    if (harness) {
      for (const r of rows.filter((x) => x.harnessErrors)) process.stderr.write(`harness errors: ${r.id} −${r.dropped.join(',')}: ${r.harnessErrors}\n`);
      process.stderr.write(`${harness} harness error(s) during the analysis; the table stands, the run is not clean\n`);
      return EXIT.harness;
    }
    return surprises.length ? EXIT.failed : EXIT.ok;
  },
};
