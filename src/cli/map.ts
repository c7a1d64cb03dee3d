import { InputError } from '../numeric/errors.ts';
import { intFlag, parse } from './args.ts';
import { EXIT, type Command } from './command.ts';

export const mapCommand: Command = {
  summary: 'where a claim breaks: the worst margin along a tag\'s relaxation path and the break point λ* (two tags: a phase diagram)',
  help: [
    'usage: rlaif-props map <id> --tag T [--tag T2] [--grid N] [--budget B] [--seed S] [--bisections K] [--search random|guided] [--out DIR]',
    '       rlaif-props map --paths-markdown        (docs/RELAXATION.md: every tag\'s path)',
    '  Walks the relaxation path of tag T (docs/RELAXATION.md) over a grid of N values of λ in [0, 1] (default 11),',
    '  searching B draws at each (default 60, seed S, default 42). The break point λ* is the smallest λ with a robust',
    '  witness, bracketed below by a λ where the same search found none and refined by K bisections (default 5).',
    '  Writes DIR/<id>/<tag>.json (default DIR: counterexamples/maps) with its chart as Vega-Lite and as SVG next to',
    '  it; the witness at λ* goes to DIR/<id>/<tag>.witnesses/. With two --tag: an N×N phase diagram over (λ1, λ2).',
    '  --search guided: the guided search (moves the numbers of the draws, keeping the path\'s own fields as drawn)',
    '  instead of random draws (default); both spend B evaluations per λ.',
    '  Exit status: 0 mapped, 2 bad arguments (unknown part or tag, a tag the part does not have, grid < 2, ...).',
  ].join('\n'),
  async run(argv) {
    const { values, positionals } = parse(argv, {
      tag: { type: 'string', multiple: true },
      grid: { type: 'string' },
      budget: { type: 'string' },
      seed: { type: 'string' },
      bisections: { type: 'string' },
      out: { type: 'string' },
      search: { type: 'string' },
      'paths-markdown': { type: 'boolean' },
    });
    if (values['paths-markdown']) {
      const { relaxationMarkdown } = await import('../report/relaxation-doc.ts');
      process.stdout.write(relaxationMarkdown());
      return EXIT.ok;
    }
    if (positionals.length !== 1) throw new InputError('give exactly one part id (rlaif-props list shows them)');
    const tags = values.tag ?? [];
    if (tags.length < 1 || tags.length > 2) throw new InputError('give one --tag (a boundary map) or two (a phase diagram)');
    const grid = intFlag(values.grid, 'grid', tags.length === 1 ? 11 : 6, 2, 101);
    const budget = intFlag(values.budget, 'budget', tags.length === 1 ? 60 : 30, 1, 1_000_000);
    const seed = intFlag(values.seed, 'seed', 42, -(2 ** 31), 2 ** 31 - 1);
    const bisections = intFlag(values.bisections, 'bisections', 5, 0, 40);
    const searchName = values.search ?? 'random';
    if (searchName !== 'random' && searchName !== 'guided') throw new InputError(`--search: expected random or guided, got "${searchName}"`);
    const { loadRegistry } = await import('../theorems/registry.ts');
    const part = (await loadRegistry()).getPart(positionals[0]);
    const { boundaryMap, phaseDiagram } = await import('../runner/map.ts');
    const { DirectoryStore, displayPath } = await import('../runner/store.ts');
    const { boundaryMapSpec, phaseDiagramSpec } = await import('../report/map-charts.ts');
    const { renderSvg } = await import('../report/site/svg.ts');
    const { join, resolve, relative } = await import('node:path');
    const { mkdirSync, renameSync, writeFileSync } = await import('node:fs');
    const out = resolve(values.out ?? new URL('../../counterexamples/maps', import.meta.url).pathname);
    const name = tags.join('+');
    const dir = join(out, part.id);
    const store = new DirectoryStore(join(dir, `${name}.witnesses`));
    // Arguments are checked (inside boundaryMap/phaseDiagram) before anything is written.
    const search = searchName === 'guided' ? (await import('../runner/map-guided.ts')).guidedMapSearch : undefined;
    const opts = { grid, budget, seed, bisections, store, search, searchName };
    const result = tags.length === 1 ? boundaryMap(part, tags[0], opts) : phaseDiagram(part, [tags[0], tags[1]], opts);
    const spec = 'points' in result ? boundaryMapSpec(result) : phaseDiagramSpec(result);
    const rel = (f: string | null) => (f === null ? null : relative(dir, f));
    const record = { ...result, witness: rel(result.witness), vegaLite: spec };
    mkdirSync(dir, { recursive: true });
    const write = (file: string, text: string) => {
      // Whole or not at all: a reader never sees half a map.
      const tmp = join(dir, `.${name}.${process.pid}.tmp`);
      writeFileSync(tmp, text);
      renameSync(tmp, file);
    };
    write(join(dir, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
    write(join(dir, `${name}.svg`), await renderSvg(spec));
    if ('points' in result) {
      const at1 = result.worstMarginAt1;
      process.stdout.write(
        `${part.id} ${name}: ` +
          (result.breakPoint === null ? 'no robust witness on the path' : `λ* = ${fmtN(result.breakPoint)}, bracket [${fmtN(result.bracket![0])}, ${fmtN(result.bracket![1])}]`) +
          `; worst normalised margin at λ = 1: ${at1 === null ? 'n/a' : fmtN(at1)}\n`,
      );
    } else {
      const robust = result.grid.filter((c) => c.robust).length;
      process.stdout.write(`${part.id} ${name}: ${robust} of ${result.grid.length} cells with a robust witness` + (result.witnessAt ? `; nearest the origin at (${result.witnessAt.x}, ${result.witnessAt.y})` : '') + '\n');
    }
    process.stdout.write(`wrote ${displayPath(join(dir, `${name}.json`))} and .svg${result.witness ? `, witness ${displayPath(result.witness)}` : ''}\n`);
    return EXIT.ok;
  },
};

const fmtN = (x: number): string => String(Math.round(x * 1e4) / 1e4);
