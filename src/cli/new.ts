import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../numeric/errors.ts';
import { parse } from './args.ts';
import { EXIT, type Command } from './command.ts';

/** The sources' variants folder, which the registry discovers (built to dist/variants/). */
const VARIANTS_SRC = fileURLToPath(new URL('../../src/variants/', import.meta.url));

/** The file of a variant id: lower case, dots as dashes (R1.x → r1-x.ts). */
export const variantFileName = (id: string): string => `${id.toLowerCase().replace(/\./g, '-')}.ts`;

export const newCommand: Command = {
  summary: 'scaffold a theorem variant in src/variants/ that passes check as it is',
  help: [
    'usage: rlaif-props new <id> [--from <part>]',
    '  Writes src/variants/<id>.ts declaring a family with defineFamily: by default a small true claim with',
    '  a tag and a field of its own; with --from, a variant of that part (its generator, tags, and its',
    '  family\'s own tags and fields, the claim delegated to the part until rewritten). Never overwrites.',
    '  Then: npm run build && npx rlaif-props check <id>',
  ].join('\n'),
  async run(argv) {
    // Loaded when the command runs, not when the CLI starts (`list` and `--version` stay light).
    const { loadRegistry } = await import('../theorems/registry.ts');
    const { ID } = await import('../theorems/family.ts');
    const { fromPartTemplate, ownClaimTemplate } = await import('./scaffold.ts');
    const { values, positionals } = parse(argv, { from: { type: 'string' } });
    if (positionals.length !== 1) throw new InputError('new needs exactly one id: rlaif-props new <id> [--from <part>]');
    const [id] = positionals;
    if (!ID.test(id) || id.includes('..')) throw new InputError(`"${id}" cannot be an id: letters, digits, dots and dashes, starting with a letter or digit`);
    const registry = await loadRegistry();
    const taken = registry.parts.find((p) => p.id.toLowerCase() === id.toLowerCase()) ?? registry.families.find((f) => f.id.toLowerCase() === id.toLowerCase());
    if (taken) throw new InputError(`id "${id}" is taken (${'origin' in taken ? taken.origin : ''}): choose another`);
    const base = values.from === undefined ? undefined : registry.getPart(values.from);
    const file = join(VARIANTS_SRC, variantFileName(id));
    const text = base ? fromPartTemplate(id, base, 'src/variants') : ownClaimTemplate(id);
    try {
      // 'wx': created only if absent, so an existing file is never overwritten.
      writeFileSync(file, text, { flag: 'wx' });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(`src/variants/${variantFileName(id)}: ${code === 'EEXIST' ? 'exists already (nothing was written)' : `cannot write (${code ?? (e as Error).message})`}`);
    }
    process.stdout.write(
      [
        `created src/variants/${variantFileName(id)} (${base ? `a variant of ${base.id}` : 'a claim of its own, with the tag positive-stretch and the field stretch'})`,
        `next: npm run build && npx rlaif-props check ${id}`,
        base ? '' : `      npx rlaif-props hunt ${id} --drop positive-stretch   # its tag is load-bearing`,
      ]
        .filter(Boolean)
        .join('\n') + '\n',
    );
    return EXIT.ok;
  },
};
