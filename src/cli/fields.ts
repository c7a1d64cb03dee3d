import { InputError } from '../numeric/errors.ts';
import { parse } from './args.ts';
import { EXIT, type Command } from './command.ts';

export const fieldsCommand: Command = {
  summary: 'the instance fields (THEORY §4 and extensions): a markdown reference or a JSON Schema',
  help: [
    'usage: rlaif-props fields [id] (--markdown | --json-schema)',
    '  --markdown     the field reference (docs/FIELDS.md is this output)',
    '  --json-schema  a JSON Schema of instances; with a part id, of that part\'s instances (its family\'s own fields included)',
  ].join('\n'),
  async run(argv) {
    const { values, positionals } = parse(argv, { markdown: { type: 'boolean' }, 'json-schema': { type: 'boolean' } });
    if (positionals.length > 1) throw new InputError('fields takes at most one part id');
    if (!values.markdown === !values['json-schema']) throw new InputError('fields needs exactly one of --markdown or --json-schema');
    const { loadRegistry } = await import('../theorems/registry.ts'); // not at start-up: it imports every model
    const { vocabularyOf } = await import('../theorems/family.ts');
    const registry = await loadRegistry();
    const { THEORY_VOCABULARY } = await import('../instance/fields.ts');
    if (values['json-schema']) {
      const { instanceJsonSchema } = await import('../instance/schema.ts');
      const part = positionals.length ? registry.getPart(positionals[0]) : undefined;
      const schema = instanceJsonSchema(part ? vocabularyOf(part) : THEORY_VOCABULARY, part ? `rlaif-props instance of ${part.id}` : undefined);
      process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
      return EXIT.ok;
    }
    if (positionals.length) throw new InputError('--markdown documents every field; it takes no part id');
    const { fieldsMarkdown } = await import('../report/fields-doc.ts');
    const variants = registry.families.filter((f) => f.defines.fields.length).map((f) => ({ id: f.id, origin: f.origin, fields: f.defines.fields }));
    process.stdout.write(fieldsMarkdown(THEORY_VOCABULARY, variants));
    return EXIT.ok;
  },
};
