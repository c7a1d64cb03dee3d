import { InputError } from '../numeric/errors.ts';
import type { CheckReport } from '../runner/check.ts';
import { DEFAULT_SEED } from '../runner/defaults.ts';
import { intFlag, listFlag, parse } from './args.ts';
import { EXIT, type Command } from './command.ts';

export const check: Command = {
  summary: 'run the properties outside vitest: runs, precondition hits, result, seed and path of any failure',
  help: [
    'usage: rlaif-props check [ids…] [--runs N] [--seed S] [--drop tag,…] [--path P] [--json]',
    '  ids       theorem parts (T2.a) or families (T2); none: every part',
    '  --runs    draws per part (default: the part\'s CI budget)',
    '  --seed    fast-check seed (default ' + DEFAULT_SEED + ')',
    '  --drop    tags to drop (widens the generator); the part must have them',
    '  --path    replay a failure path printed by an earlier run (needs exactly one id)',
    '  Exit status: 0 every claim holds (or fails as its part declares), 1 a claim failed unexpectedly or a declared failure did not happen, 2 bad input, 3 harness error.',
  ].join('\n'),
  async run(argv) {
    const { values, positionals } = parse(argv, {
      runs: { type: 'string' },
      seed: { type: 'string' },
      drop: { type: 'string' },
      path: { type: 'string' },
      json: { type: 'boolean' },
    });
    // Loaded here, not at start-up, so that `list` and `--help` need not import the models.
    const { checkPart, describeReport } = await import('../runner/check.ts');
    const { loadRegistry } = await import('../theorems/registry.ts');
    const parts = (await loadRegistry()).selectParts(positionals);
    if (values.path !== undefined && parts.length !== 1) throw new InputError('--path replays one part: give exactly one id');
    // fast-check's replay path: colon-separated whole numbers, as printed by a failing run.
    if (values.path !== undefined && !/^\d{1,9}(:\d{1,9})*$/.test(values.path))
      throw new InputError(`--path: expected a replay path like 12:0:3 (printed by a failing run), got "${values.path}"`);
    const numRuns = values.runs === undefined ? undefined : intFlag(values.runs, 'runs', 0, 1, 10_000_000);
    const seed = intFlag(values.seed, 'seed', DEFAULT_SEED, -(2 ** 31), 2 ** 31 - 1);
    const dropped = listFlag(values.drop);
    const reports: (CheckReport & { expected?: string; surprise?: boolean })[] = [];
    for (const part of parts) {
      const r = checkPart(part, { numRuns, seed, dropped, path: values.path });
      // A part's declared failure is about its full tags; with tags dropped nothing is expected.
      const expected = dropped.length === 0 ? part.expected : undefined;
      const surprise = expected !== undefined && r.outcome === 'holds';
      reports.push(expected ? { ...r, expected: expected.reason, surprise } : r);
      if (!values.json) {
        process.stdout.write(`${describeReport(r)}\n`);
        if (expected && r.outcome === 'violated') process.stdout.write(`  as declared (expected outcome): ${expected.reason}; witness ${expected.witness}\n`);
        if (surprise) process.stdout.write(`  DECLARED TO FAIL, but held: ${expected.reason} — remove the part's expected outcome if the failure is gone\n`);
      }
    }
    if (values.json) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
    if (reports.some((r) => r.outcome === 'harness-error')) return EXIT.harness;
    const unexpected = reports.some((r) => (r.outcome === 'violated' && r.expected === undefined) || r.surprise);
    return unexpected ? EXIT.failed : EXIT.ok;
  },
};
