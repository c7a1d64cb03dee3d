/**
 * A study's files: `<name>.json` (the data, the seed and budget, and each chart's Vega-Lite spec)
 * and one `<name>-<chart>.svg` per chart, rendered in Node. JSON has no ±∞ or NaN: they are
 * written as the strings "Infinity" and "-Infinity", and null (a quantity that does not exist,
 * e.g. the ceiling of an instance the Student-t row never draws). Each file is replaced atomically.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../numeric/errors.ts';
import { fsReason, replaceAtomically } from '../runner/fs/atomic.ts';
import type { StudyResult } from '../runner/studies/index.ts';
import { VERSION } from '../version.ts';
import { renderSvg } from './site/svg.ts';

const finite = (_key: string, v: unknown): unknown =>
  typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? null : v > 0 ? 'Infinity' : '-Infinity') : v;

export async function writeStudy(dir: string, name: string, run: { seed: number; budget: number }, result: StudyResult): Promise<string[]> {
  const out = resolve(dir);
  mkdirSync(out, { recursive: true });
  // Rendered first: a chart vega rejects fails the command before any file is replaced.
  const svgs = await Promise.all(result.charts.map(async (c) => ({ file: join(out, `${name}-${c.id}.svg`), svg: await renderSvg(c.vegaLite as never) })));
  const json = {
    name,
    command: `rlaif-props study ${name} --seed ${run.seed} --budget ${run.budget}`,
    version: VERSION,
    ...result.data,
    tables: result.tables,
    charts: result.charts.map((c) => ({ ...c, svg: `${name}-${c.id}.svg` })),
  };
  const jsonFile = join(out, `${name}.json`);
  const write = (file: string, text: string) => {
    try {
      replaceAtomically(file, text);
    } catch (e) {
      throw new InputError(`${file}: cannot write (${fsReason(e)})`);
    }
  };
  for (const s of svgs) write(s.file, s.svg);
  write(jsonFile, `${JSON.stringify(json, finite, 1)}\n`);
  return [jsonFile, ...svgs.map((s) => s.file)];
}
