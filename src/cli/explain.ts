import { InputError } from '../numeric/errors.ts';
import { parse } from './args.ts';
import { EXIT, type Command } from './command.ts';

export const explainCommand: Command = {
  summary: 'a stored counterexample in words and numbers, on one screen: the claim, the dropped tag, the instance, why it fails',
  help: [
    'usage: rlaif-props explain <witness.json>',
    '  The witness is re-evaluated with its tags dropped; the explanation says what the claim states, which',
    '  assumption was dropped, the instance in plain terms and the quantities that contradict the claim.',
    '  Exit status: 0 explained, 1 the witness no longer violates its claim, 2 not a witness file or unknown part.',
  ].join('\n'),
  async run(argv) {
    // Loaded when the command runs, not when the CLI starts (`list` and `--version` stay light).
    const { loadRegistry } = await import('../theorems/registry.ts');
    const { positionals } = parse(argv, {});
    if (positionals.length !== 1) throw new InputError('give exactly one witness file (a counterexamples/<id>/*.json)');
    // Loaded here, not at start-up: the store's schema library is slow to import (see hunt.ts).
    const { displayPath, load } = await import('../runner/store.ts');
    const { explainWitness } = await import('../report/explain.ts');
    const { evaluatePart } = await import('../theorems/evaluate.ts');
    const { tagsInForce } = await import('../theorems/tags.ts');
    const file = positionals[0];
    let record;
    try {
      record = load(file);
    } catch (e) {
      throw new InputError(`not a witness file: ${(e as Error).message}`);
    }
    const part = (await loadRegistry()).getPart(record.theorem);
    const verdict = evaluatePart(part, record.instance, tagsInForce(part, record.dropped));
    const { lines, reproduces } = explainWitness(record, part, verdict, displayPath(file));
    process.stdout.write(`${lines.join('\n')}\n`);
    return reproduces ? EXIT.ok : EXIT.failed;
  },
};
