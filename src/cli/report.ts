import { parse } from './args.ts';
import { EXIT, type Command } from './command.ts';

/** Where the report goes unless --out says otherwise (reports/ is not committed). */
export const DEFAULT_REPORT_DIR = 'reports/site';

export const reportCommand: Command = {
  summary: 'write the static HTML report (catalogue, necessity table, witnesses explained, charts, benchmarks); prints its path',
  help: [
    `usage: rlaif-props report [--out DIR] [--store DIR] [--bench FILE]`,
    `  --out DIR     the report's directory (default ${DEFAULT_REPORT_DIR}); index.html, witnesses/ and maps/ are rewritten`,
    '  --store DIR   the counterexample store (default: the suite\'s counterexamples/)',
    '  --bench FILE  the benchmark figures (default: bench/results.json)',
    '  Static: open DIR/index.html from file://, no server. Charts are SVG rendered here, from Vega-Lite specs.',
    '  Exit status: 0 written, 2 bad arguments or store.',
  ].join('\n'),
  async run(argv) {
    const { values, positionals } = parse(argv, { out: { type: 'string' }, store: { type: 'string' }, bench: { type: 'string' } });
    const { InputError } = await import('../numeric/errors.ts');
    if (positionals.length) throw new InputError(`unexpected argument "${positionals[0]}" (the report takes --out DIR)`);
    // Loaded here: the report pulls in vega and vega-lite, which no other command needs.
    const { assertStore } = await import('../runner/store.ts');
    assertStore(values.store);
    const { buildReport } = await import('../report/site/build.ts');
    const r = await buildReport({ out: values.out ?? DEFAULT_REPORT_DIR, store: values.store, bench: values.bench });
    process.stderr.write(`report: ${r.pages} pages, ${r.charts} charts in ${(r.ms / 1000).toFixed(1)} s\n`);
    process.stdout.write(`${r.index}\n`);
    return EXIT.ok;
  },
};
