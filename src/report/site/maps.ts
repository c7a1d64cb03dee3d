/**
 * Boundary maps and phase diagrams (issue 11, points 1–4): JSON files under
 * `counterexamples/maps/`, written by a `map` command that does not exist yet. The report shows
 * whatever is there, by shape, and says plainly when there is nothing:
 * - a file carrying a Vega-Lite spec (`vegaLite`, or the file itself with a vega-lite `$schema`)
 *   is rendered as it is;
 * - `{ part, tag, points: [{ lambda, worstMargin }], breakPoint? }`: a map along a relaxation
 *   path, worst margin against λ, with the break point λ* as a rule;
 * - `{ part, tags: [a, b], grid: [{ x, y, margin }] }`: a phase diagram, margin as colour;
 * - anything else is listed, linked, and said to have no chart.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import type { Chart } from './charts.ts';

export interface MapEntry {
  /** Relative to the maps folder (`T2.c/converged.json`). */
  readonly name: string;
  readonly path: string;
  readonly chart?: Chart;
  readonly problem?: string;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    // By code point, not locale: the same order (and chart ids) on every machine.
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    // A map's witnesses (`<tag>.witnesses/`) are counterexample records, not maps.
    .filter((e) => !(e.isDirectory() && e.name.endsWith('.witnesses')))
    .flatMap((e) => (e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : []));
}

function chartOf(data: unknown, id: string, name: string): Chart | undefined {
  if (!isRecord(data)) return undefined;
  const caption = typeof data.title === 'string' ? data.title : name;
  if (isRecord(data.vegaLite)) return { id, caption, spec: data.vegaLite as unknown as TopLevelSpec };
  if (typeof data.$schema === 'string' && data.$schema.includes('vega-lite')) return { id, caption, spec: data as unknown as TopLevelSpec };
  const title = `${String(data.part ?? '?')}`;
  if (Array.isArray(data.points) && data.points.every((p) => isRecord(p) && typeof p.lambda === 'number' && typeof p.worstMargin === 'number')) {
    const line = { mark: { type: 'line', point: true }, encoding: { x: { field: 'lambda', type: 'quantitative', title: 'λ (0: tag holds, 1: dropped)' }, y: { field: 'worstMargin', type: 'quantitative', title: 'worst normalised margin' } } };
    const bp = typeof data.breakPoint === 'number' ? [{ mark: { type: 'rule', color: '#c8372f' }, data: { values: [{ lambda: data.breakPoint }] }, encoding: { x: { field: 'lambda', type: 'quantitative' } } }] : [];
    return {
      id,
      caption: `${caption}: ${title} along ${String(data.tag ?? 'its path')}`,
      spec: { $schema: SCHEMA, width: 480, height: 240, data: { values: data.points }, layer: [line, ...bp] } as unknown as TopLevelSpec,
    };
  }
  if (Array.isArray(data.grid) && data.grid.every((p) => isRecord(p) && typeof p.x === 'number' && typeof p.y === 'number' && typeof p.margin === 'number')) {
    const tags = Array.isArray(data.tags) ? data.tags.map(String) : ['x', 'y'];
    return {
      id,
      caption: `${caption}: ${title}, ${tags.join(' × ')}`,
      spec: {
        $schema: SCHEMA, width: 360, height: 300, data: { values: data.grid }, mark: 'rect',
        encoding: {
          x: { field: 'x', type: 'ordinal', title: tags[0] }, y: { field: 'y', type: 'ordinal', title: tags[1], sort: 'descending' },
          color: { field: 'margin', type: 'quantitative', scale: { scheme: 'redblue', domainMid: 0 }, title: 'margin' },
        },
      } as unknown as TopLevelSpec,
    };
  }
  return undefined;
}

/** Every map under `dir` (none when the folder does not exist). */
export function readMaps(dir: string): MapEntry[] {
  if (!existsSync(dir)) return [];
  return jsonFiles(dir).map((path, i) => {
    const name = relative(dir, path);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      return { name, path, problem: `not readable as JSON (${(e as Error).message.split('\n')[0]})` };
    }
    const chart = chartOf(data, `chart-map-${i + 1}`, name);
    return chart ? { name, path, chart } : { name, path, problem: 'no chart: not a shape the report knows (see src/report/site/maps.ts)' };
  });
}
