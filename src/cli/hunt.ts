import { InputError } from '../numeric/errors.ts';
import { DEFAULT_GUIDED_BUDGET, DEFAULT_HUNT_SEEDS, DEFAULT_SEED } from '../runner/defaults.ts';
import { loadPart } from '../theorems/catalogue.ts';
import { intFlag, listFlag, numberFlag, parse, shardFlag } from './args.ts';
import { EXIT, type Command } from './command.ts';
import { progress } from './progress.ts';

export const huntCommand: Command = {
  summary: 'search for a minimal counterexample with tags dropped, and store it',
  help: [
    'usage: rlaif-props hunt <id> --drop <tag>[,<tag>…] [--runs N] [--seeds K] [--seed S] [--path P] [--time-limit SEC] [--shard i/n] [--no-store] [--store DIR]',
    '       rlaif-props hunt <id> --drop <tag>[,<tag>…] --guided [--budget N] [--seed S] [--no-store] [--store DIR]',
    `  --guided     a guided search (random starts, then moves that lower the margin; seeded, at most --budget evaluations, default ${DEFAULT_GUIDED_BUDGET})`,
    '  --path P     replay the hunt of seed S along the path printed with its witness (one seed, same --runs)',
    '  --shard i/n  take every n-th of the K seeds (a CI matrix splits one hunt; stores merge: files are content-addressed)',
    '  Exit status: 0 found (and stored), 1 not found within the budget, 2 bad input, 3 a harness error on the way (found or not).',
  ].join('\n'),
  async run(argv) {
    const { values, positionals } = parse(argv, {
      drop: { type: 'string' },
      runs: { type: 'string' },
      seeds: { type: 'string' },
      seed: { type: 'string' },
      'time-limit': { type: 'string' },
      'no-store': { type: 'boolean' },
      store: { type: 'string' },
      shard: { type: 'string' },
      path: { type: 'string' },
      json: { type: 'boolean' },
      guided: { type: 'boolean' },
      budget: { type: 'string' },
    });
    if (positionals.length !== 1) throw new InputError('hunt needs exactly one theorem id');
    // Only this part's family is imported (src/theorems/catalogue.ts), and the model with it.
    const part = await loadPart(positionals[0]);
    const { hunt, toCounterexample } = await import('../runner/hunt.ts');
    const dropped = listFlag(values.drop);
    if (dropped.length === 0) throw new InputError('hunt needs --drop <tag>[,<tag>…]: which assumption to drop');
    const runs = values.runs === undefined ? undefined : intFlag(values.runs, 'runs', 0, 1, 10_000_000);
    if (values.path !== undefined && !/^\d{1,9}(:\d{1,9})*$/.test(values.path))
      throw new InputError(`--path: expected a replay path like 12:0:3 (printed with a witness), got "${values.path}"`);
    if (values.path !== undefined && values.seeds !== undefined) throw new InputError('--path replays one seed: give --seed, not --seeds');
    const seeds = values.path !== undefined ? 1 : intFlag(values.seeds, 'seeds', DEFAULT_HUNT_SEEDS, 1, 10_000);
    const seed = intFlag(values.seed, 'seed', DEFAULT_SEED, -(2 ** 31), 2 ** 31 - 1);
    const timeLimitSec = values['time-limit'] === undefined ? undefined : numberFlag(values['time-limit'], 'time-limit', 0);
    // The store (and zod, which validates it) is loaded only when a witness may be stored: it
    // is a third of the CLI's start-up time.
    const store = values['no-store'] ? undefined : await import('../runner/store.ts');
    if (store) {
      store.assertStore(values.store, [part.id]); // before the budget is spent
      store.cleanTemporaries(values.store); // left by a hunt that was killed mid-write
    }
    if (values.budget !== undefined && !values.guided) throw new InputError('--budget is the guided search\'s: give --guided too (the random hunt takes --runs and --seeds)');
    if (values.guided && (values.path !== undefined || values.shard !== undefined || values.runs !== undefined || values.seeds !== undefined))
      throw new InputError('--guided takes --budget and --seed (not --runs, --seeds, --path or --shard)');
    const guidedBudget = intFlag(values.budget, 'budget', DEFAULT_GUIDED_BUDGET, 1, 10_000_000);
    let r: import('../runner/hunt.ts').HuntResult;
    let closest: import('../runner/guided.ts').Approach | undefined;
    let budget: string;
    if (values.guided) {
      const { guidedSearch } = await import('../runner/guided.ts');
      const g = guidedSearch(part, dropped, { seed, budget: guidedBudget });
      r = { id: part.id, dropped, found: g.found, runsSpent: g.evaluations, seedsTried: 1, runsPerSeed: guidedBudget, elapsedMs: g.elapsedMs, shrinkMs: 0, harnessErrors: g.harnessErrors };
      closest = g.best;
      budget = `${g.evaluations} guided evaluations (seed ${seed}) in ${(g.elapsedMs / 1000).toFixed(1)} s`;
    } else {
      const seedShard = shardFlag(values.shard);
      // Shard i/n takes the seeds s ≡ i − 1 (mod n) of the K: its bar counts those it takes.
      const mine = seedShard ? Math.max(0, Math.ceil((seeds - seedShard.index + 1) / seedShard.count)) : seeds;
      const bar = progress(`${part.id} −${dropped.join(',')}`, mine);
      let tried = 0;
      r = hunt(part, dropped, { runs, seeds, seed, path: values.path, timeLimitSec, seedShard, onProgress: (_done, _all, found) => bar.update(++tried, found) });
      bar.stop();
      budget = `${r.runsSpent} draws over ${r.seedsTried} seed(s) in ${(r.elapsedMs / 1000).toFixed(1)} s`;
    }
    for (const h of r.harnessErrors) process.stderr.write(`harness error: ${h}\n`);
    if (!r.found) {
      const near = closest ? `; closest approach: margin ${closest.margin.toPrecision(4)} (tol ${closest.tol.toPrecision(2)}) at ${JSON.stringify(closest.instance)}` : '';
      process.stdout.write(
        values.json
          ? `${JSON.stringify({ id: part.id, dropped, found: false, runsSpent: r.runsSpent, harnessErrors: r.harnessErrors.length, ...(closest ? { closest } : {}) })}\n`
          : `${part.id} with ${dropped.join(', ')} dropped: no counterexample within ${budget}${near}\n`,
      );
      return r.harnessErrors.length ? EXIT.harness : EXIT.failed;
    }
    const cx = toCounterexample(r, r.runsPerSeed);
    const saved = store?.save(cx, values.store);
    if (values.json) process.stdout.write(`${JSON.stringify({ ...cx, file: saved?.file, harnessErrors: r.harnessErrors.length })}\n`);
    else
      process.stdout.write(
        [
          `${part.id} with ${dropped.join(', ')} dropped: COUNTEREXAMPLE (d = ${cx.dimension}, margin ${cx.margin.toPrecision(4)}, tol ${cx.tol.toPrecision(2)}) within ${budget}`,
          `  instance: ${JSON.stringify(cx.instance)}`,
          `  quantities: ${JSON.stringify(cx.quantities)}`,
          values.guided ? `  seed ${cx.seed} (guided search; shrunk by the hunt's shrinker)` : `  seed ${cx.seed}, path ${cx.path}`,
          // What the survival figure means is said where it is printed (src/runner/confirm.ts).
          `  robustness: survives ${(100 * cx.confirmation.perturbationSurvival).toFixed(0)}% of 1e-6 perturbations (each number nudged by a relative 1e-6 in a random direction; low means the violation sits on an exact boundary)`,
          values.guided
            ? `  replay: npx rlaif-props hunt ${part.id} --drop ${dropped.join(',')} --guided --budget ${guidedBudget} --seed ${cx.seed} --no-store`
            : `  replay: npx rlaif-props hunt ${part.id} --drop ${dropped.join(',')} --runs ${r.runsPerSeed} --seed ${cx.seed} --path ${cx.path} --no-store`,
          saved ? `  ${saved.status === 'stored' ? 'stored as' : 'already stored as'} ${store!.displayPath(saved.file)}` : '  (not stored)',
          '',
        ].join('\n'),
      );
    // A witness was found, but the suite also failed somewhere on the way: both are said, and
    // the exit status is the harness error's, so that CI never reads it as a clean run.
    if (r.harnessErrors.length) {
      process.stderr.write(`${r.harnessErrors.length} harness error(s) during the hunt (above); the witness stands, the run is not clean\n`);
      return EXIT.harness;
    }
    return EXIT.ok;
  },
};
