import { InputError } from '../numeric/errors.ts';
import { loadPart } from '../theorems/catalogue.ts';
import { listFlag, parse } from './args.ts';
import { EXIT, type Command } from './command.ts';
import { readJsonArg } from './io.ts';

export const evaluate: Command = {
  summary: 'evaluate one theorem part on one instance (THEORY §4 JSON); prints {id, holds, margin, quantities}',
  help: [
    'usage: rlaif-props evaluate <id> <instance.json | -> [--drop tag,…]   (- reads the instance from stdin)',
    '  Prints one JSON object {"id", "holds", "margin", "quantities"}; exit 0 when the claim holds, 1 when violated.',
    '  --drop  read the claim with these tags dropped (e.g. T2.c --drop converged uses the instance\'s beta)',
  ].join('\n'),
  async run(argv) {
    const { values, positionals } = parse(argv, { drop: { type: 'string' } });
    if (positionals.length !== 2) throw new InputError('evaluate needs exactly two arguments: <id> <instance.json>');
    const [id, file] = positionals;
    // Only this part's family is imported (src/theorems/catalogue.ts), and the model with it.
    const part = await loadPart(id);
    const { evaluatePart } = await import('../theorems/evaluate.ts');
    const { vocabularyOf } = await import('../theorems/family.ts');
    const { tagsInForce, unmetTags } = await import('../theorems/tags.ts');
    const { validateInstance } = await import('../instance/reader.ts');
    const inForce = tagsInForce(part, listFlag(values.drop));
    const inst = validateInstance(readJsonArg(file), vocabularyOf(part));
    const unmet = unmetTags(part, inst, inForce);
    const v = evaluatePart(part, inst, inForce);
    // The note comes after the evaluation, so that a failing evaluation prints one line only.
    if (unmet.length)
      process.stderr.write(`note: the instance does not meet tag(s) ${unmet.join(', ')} in force, so ${id} claims nothing about it (use --drop ${unmet.join(',')})\n`);
    process.stdout.write(`${JSON.stringify({ id, holds: v.holds, margin: v.margin, quantities: v.quantities })}\n`);
    return v.holds ? EXIT.ok : EXIT.failed;
  },
};
