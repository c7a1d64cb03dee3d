import { parse, intFlag } from './args.ts';
import { EXIT, type Command } from './command.ts';

/**
 * Where studies go unless --out says otherwise: a folder of its own at the repository root, not
 * under counterexamples/ (every sub-folder there is read as a theorem's witness folder).
 */
export const DEFAULT_STUDY_DIR = 'studies';

export const studyCommand: Command = {
  summary: 'run a named, seeded study (ceiling, t2c-phase) and write its JSON and SVG charts',
  help: [
    'usage: rlaif-props study <name> [--out DIR] [--seed S] [--budget B]',
    '  names:  ceiling    T3.b/T3.c beyond their tags, per latent law (kurtosis) and (d, m)',
    '          t2c-phase  T2.c without `converged`, over (A(u_c) − A(g), KL budget)',
    `  --out DIR   the folder written (default ${DEFAULT_STUDY_DIR}/): <name>.json and <name>-<chart>.svg`,
    '  --seed S    a whole number (default 1); same seed and budget, same files',
    '  --budget B  objective evaluations per searched cell (default: the study\'s own, ceiling 600, t2c-phase 300)',
    '  Exit status: 0 written, 2 bad arguments.',
  ].join('\n'),
  async run(argv) {
    const { values, positionals } = parse(argv, { out: { type: 'string' }, seed: { type: 'string' }, budget: { type: 'string' } });
    const { InputError } = await import('../numeric/errors.ts');
    const { STUDIES } = await import('../runner/studies/index.ts');
    const names = Object.keys(STUDIES);
    if (positionals.length !== 1) throw new InputError(`expected one study name (${names.join(', ')}), got ${positionals.length}`);
    const name = positionals[0];
    if (!Object.hasOwn(STUDIES, name)) throw new InputError(`unknown study "${name}" (known: ${names.join(', ')})`);
    const study = STUDIES[name];
    // Every flag is checked before anything runs or is written.
    const seed = intFlag(values.seed, 'seed', 1, -(2 ** 31), 2 ** 31 - 1);
    const budget = intFlag(values.budget, 'budget', study.defaultBudget, 8, 1_000_000);
    const out = values.out ?? DEFAULT_STUDY_DIR;
    // The folder is made (or found unusable) before the study runs, not after a minute of work.
    const { ensureDirectory } = await import('../runner/fs/atomic.ts');
    ensureDirectory(out, '--out');
    const { writeStudy } = await import('../report/studies-files.ts');
    const t0 = Date.now();
    const result = study.run({ seed: String(seed), budget, onProgress: (line) => process.stderr.write(`${line}\n`) });
    const files = await writeStudy(out, name, { seed, budget }, result);
    process.stderr.write(`study ${name}: ${files.length} files in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    for (const f of files) process.stdout.write(`${f}\n`);
    return EXIT.ok;
  },
};
