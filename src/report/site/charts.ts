/**
 * The report's charts as Vega-Lite specs: plain data in, a spec out (rendered by svg.ts). The
 * specs carry their data inline (`data.values`), so the SVG needs nothing at view time.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { NecessityRow, NecessityVerdict } from '../../runner/necessity.ts';

/** A chart for the page: an id (the figure's anchor), a caption, a note under it and the spec. */
export interface Chart {
  readonly id: string;
  readonly caption: string;
  readonly note?: string;
  readonly spec: TopLevelSpec;
}

const VERDICT_COLORS: Readonly<Record<NecessityVerdict, string>> = {
  holds: '#3b9a57',
  fails: '#c8372f',
  'load-bearing': '#e07b24',
  'not-shown': '#a8b0bd',
  implied: '#9b87c9',
  'part-fails': '#8a5a55',
};

// The legend names verdicts by their keys (short); the table beside the chart spells them out.
const verdictScale = (present: readonly NecessityVerdict[]) => ({
  domain: [...present],
  range: present.map((v) => VERDICT_COLORS[v]),
});

/** Rows of the necessity table per part, stacked by verdict: where the load-bearing tags are. */
export function verdictsChart(rows: readonly NecessityRow[], partOrder: readonly string[]): Chart {
  const present = (Object.keys(VERDICT_COLORS) as NecessityVerdict[]).filter((v) => rows.some((r) => r.verdict === v));
  const order = partOrder.filter((id) => rows.some((r) => r.id === id));
  return {
    id: 'chart-verdicts',
    caption: 'Verdicts per part',
    note: 'Each row of the necessity table counted once: the part under its full tags, each dropped tag and pair.',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 640,
      height: { step: 16 },
      data: { values: rows.map((r) => ({ part: r.id, verdict: r.verdict, dropped: r.dropped.join(' + ') || '(none)' })) },
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'part', type: 'nominal', sort: order, title: null },
        x: { aggregate: 'count', type: 'quantitative', title: 'rows of the necessity table', axis: { format: 'd', tickMinStep: 1 } },
        color: { field: 'verdict', type: 'nominal', scale: verdictScale(present), title: 'verdict' },
      },
    },
  };
}

/** Every witness of the table: how far it breaks its claim (|margin|, log scale) and its dimension. */
export function witnessChart(rows: readonly NecessityRow[]): Chart | undefined {
  const points = rows
    .filter((r) => r.witness)
    .map((r) => ({ row: `${r.id} −${r.dropped.join(',') || '(none)'}`, margin: Math.abs(r.witness!.margin), d: r.witness!.dimension, verdict: r.verdict }))
    .filter((p) => p.margin > 0);
  if (!points.length) return undefined;
  return {
    id: 'chart-witnesses',
    caption: 'Witness margins',
    note: 'How far each minimal witness falls below its claim (|margin|, in the claim’s own units; log scale), and its dimension d.',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 560,
      height: { step: 16 },
      data: { values: points },
      mark: { type: 'point', filled: true },
      encoding: {
        y: { field: 'row', type: 'nominal', sort: null, title: null, axis: { labelLimit: 320 } },
        x: { field: 'margin', type: 'quantitative', scale: { type: 'log' }, title: '|margin| of the witness' },
        size: { field: 'd', type: 'quantitative', title: 'dimension d', scale: { range: [40, 220] }, legend: { values: [...new Set(points.map((p) => p.d))].sort((a, b) => a - b), format: 'd' } },
        color: { field: 'verdict', type: 'nominal', scale: verdictScale([...new Set(points.map((p) => p.verdict))]), title: 'verdict' },
      },
    },
  };
}

/**
 * Property runs per second against d (log–log), one panel per family: forty lines in one panel
 * cannot be told apart, three or four in a panel can (colour: the part, dash: the rank k).
 */
export function throughputChart(points: readonly { id: string; d: number; k: number | null; runsPerSecond: number }[]): Chart {
  const values = points.map((p) => {
    const [family, ...rest] = p.id.split('.');
    return { ...p, family, part: rest.length ? `.${rest.join('.')}` : '(whole)', k: p.k === null ? 'n/a' : String(p.k) };
  });
  return {
    id: 'chart-throughput',
    caption: 'Benchmark: property runs per second',
    note: 'From bench/results.json (npm run bench): runs per second at each dimension d, one panel per family; colour: the part, dash: the constitution rank k.',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      data: { values },
      facet: { field: 'family', type: 'nominal', title: null, header: { labelFontSize: 12, labelFontWeight: 'bold' } },
      columns: 5,
      spec: {
        width: 150,
        height: 110,
        mark: { type: 'line', point: { size: 18 }, strokeWidth: 1.5 },
        encoding: {
          x: { field: 'd', type: 'quantitative', scale: { type: 'log' }, title: 'd', axis: { values: [2, 16, 128, 1024, 4096], format: '~s' } },
          y: { field: 'runsPerSecond', type: 'quantitative', scale: { type: 'log' }, title: 'runs/s', axis: { format: '~s' } },
          color: { field: 'part', type: 'nominal', title: 'part' },
          strokeDash: { field: 'k', type: 'nominal', title: 'rank k' },
          detail: { field: 'id', type: 'nominal' },
        },
      },
    } as TopLevelSpec,
  };
}

/** Time to the first hit and to the shrunk witness, per benchmarked hunt. */
export function huntsChart(points: readonly { hunt: string; phase: string; ms: number }[]): Chart {
  return {
    id: 'chart-hunts',
    caption: 'Benchmark: hunt times',
    note: 'From bench/results.json: milliseconds to the first counterexample and to shrink it, per (part, dropped tags).',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 560,
      height: { step: 14 },
      data: { values: [...points] },
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'hunt', type: 'nominal', sort: null, title: null, axis: { labelLimit: 320 } },
        x: { field: 'ms', type: 'quantitative', title: 'milliseconds', stack: 'zero' },
        color: { field: 'phase', type: 'nominal', title: 'phase', scale: { range: ['#1f5fa8', '#8fb3dc'] } },
      },
    },
  };
}
