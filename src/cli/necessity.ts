import { DEFAULT_SEED } from '../runner/check.ts';
import { DEFAULT_HUNT_SEEDS } from '../runner/hunt.ts';
import { necessity, parseShard, renderTable, writeTable } from '../runner/necessity.ts';
import { selectParts } from '../theorems/registry.ts';
import { intFlag, parse } from './args.ts';
import type { Command } from './commands.ts';

export const necessityCommand: Command = {
  summary: 'for every part and tag (and pair, with --pairs): is the tag load-bearing? prints and writes the table',
  help: [
    'usage: rlaif-props necessity [ids…] [--pairs] [--runs N] [--seeds K] [--seed S] [--shard i/n] [--store DIR] [--no-write]',
    '  Writes counterexamples/NECESSITY.md and necessity.json (merged with existing rows) and stores new witnesses.',
  ].join('\n'),
  run(argv) {
    const { values, positionals } = parse(argv, {
      pairs: { type: 'boolean' },
      runs: { type: 'string' },
      seeds: { type: 'string' },
      seed: { type: 'string' },
      shard: { type: 'string' },
      store: { type: 'string' },
      'no-write': { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const parts = selectParts(positionals);
    const runs = values.runs === undefined ? undefined : intFlag(values.runs, 'runs', 0, 1, 10_000_000);
    const seeds = intFlag(values.seeds, 'seeds', DEFAULT_HUNT_SEEDS, 1, 10_000);
    const seed = intFlag(values.seed, 'seed', DEFAULT_SEED, -(2 ** 31), 2 ** 31 - 1);
    const shard = parseShard(values.shard);
    const t0 = Date.now();
    const rows = necessity(parts, {
      pairs: values.pairs,
      runs,
      seeds,
      seed,
      shard,
      store: values.store,
      onRow: (r) => {
        if (!values.json)
          process.stderr.write(`${r.id} ${r.dropped.length ? `−${r.dropped.join(',')}` : '(full tags)'}: ${r.verdict}${r.elapsedMs !== undefined ? ` (${(r.elapsedMs / 1000).toFixed(2)} s)` : ''}\n`);
      },
    });
    if (!values['no-write']) writeTable(rows, values.store);
    if (values.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    else process.stdout.write(`\n${renderTable(rows, true)}\n\nTotal: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    return rows.some((r) => r.verdict === 'FAILS under full tags') ? 1 : 0;
  },
};
