import { InputError } from '../numeric/errors.ts';
import { partEntries } from '../theorems/catalogue.ts';
import { listText } from '../theorems/catalogue-stamp.cts';
import { parse } from './args.ts';
import { EXIT, type Command } from './command.ts';
import { out } from './io.ts';

export const list: Command = {
  summary: 'every registered theorem part with its tags and paper claim',
  help: [
    'usage: rlaif-props list [--json | --markdown] [--store DIR]',
    '  --json      the parts as JSON',
    '  --markdown  the theorem catalogue (docs/THEOREMS.md is this output): each part with its assumptions and',
    '              their status in the necessity table (DIR/necessity.json, default counterexamples/)',
  ].join('\n'),
  async run(argv) {
    const { values, positionals } = parse(argv, { json: { type: 'boolean' }, markdown: { type: 'boolean' }, store: { type: 'string' } });
    if (positionals.length) throw new InputError(`list takes no arguments (got "${positionals[0]}")`);
    if (values.json && values.markdown) throw new InputError('list takes one of --json or --markdown');
    if (values.store !== undefined && !values.markdown) throw new InputError('--store is read by --markdown only');
    if (values.markdown) {
      const registry = await (await import('../theorems/registry.ts')).loadRegistry();
      // Loaded here: only the catalogue reads the table.
      const { tableRows } = await import('../runner/necessity-file.ts');
      const { theoremsMarkdown } = await import('../report/theorems-doc.ts');
      out(theoremsMarkdown(registry.parts, tableRows(values.store)));
      return EXIT.ok;
    }
    // From the build's catalogue while it is fresh, else from the registry (src/theorems/catalogue.ts).
    const rows = await partEntries();
    if (values.json) {
      out(`${JSON.stringify(rows, null, 2)}\n`);
      return EXIT.ok;
    }
    out(listText(rows));
    return EXIT.ok;
  },
};
