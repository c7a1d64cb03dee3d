/**
 * The Vega-Lite specs of a boundary map and a phase diagram (src/runner/map.ts). `rlaif-props
 * map` stores each spec in the map's JSON (`vegaLite`) and renders it to SVG next to it; the
 * report (site/maps.ts) renders whatever spec a map file carries.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { BoundaryMap, PhaseDiagram } from '../runner/map.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const LAMBDA = { field: 'lambda', type: 'quantitative', title: 'λ (0: tag holds, 1: dropped)', scale: { domain: [0, 1] } } as const;

/** Worst normalised margin against λ, zero as a rule, the bracket [λ_lo, λ*] as a band, λ* as a red rule. */
export function boundaryMapSpec(m: BoundaryMap): TopLevelSpec {
  const points = m.points.filter((p) => p.worstMargin !== null).map((p) => ({ lambda: p.lambda, worstMargin: p.worstMargin, robust: p.robust ? 'robust witness' : 'none found' }));
  const layers: unknown[] = [
    { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#8a94a6', strokeDash: [4, 3] }, encoding: { y: { field: 'zero', type: 'quantitative' } } },
    { data: { values: points }, mark: { type: 'line', color: '#8a94a6' }, encoding: { x: LAMBDA, y: { field: 'worstMargin', type: 'quantitative', title: 'worst normalised margin (beyond tolerance)' } } },
    {
      data: { values: points },
      mark: { type: 'point', filled: true, size: 60 },
      encoding: {
        x: LAMBDA,
        y: { field: 'worstMargin', type: 'quantitative' },
        color: { field: 'robust', type: 'nominal', title: 'at this λ', scale: { domain: ['none found', 'robust witness'], range: ['#2a6fb0', '#c8372f'] } },
      },
    },
  ];
  if (m.bracket && m.bracket[1] > m.bracket[0])
    layers.unshift({ data: { values: [{ lo: m.bracket[0], hi: m.bracket[1] }] }, mark: { type: 'rect', color: '#f4c7c3', opacity: 0.6 }, encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } } });
  if (m.breakPoint !== null)
    layers.push({ data: { values: [{ lambda: m.breakPoint }] }, mark: { type: 'rule', color: '#c8372f', strokeWidth: 2 }, encoding: { x: { field: 'lambda', type: 'quantitative' } } });
  const rel = m.points.filter((p) => p.worstRelativeError !== undefined).map((p) => ({ lambda: p.lambda, worstRelativeError: p.worstRelativeError }));
  const margin = { width: 440, height: 220, layer: layers };
  const subtitle =
    m.breakPoint === null ? 'no robust witness on the path within the budget' : `λ* = ${fmt(m.breakPoint)}, bracket [${fmt(m.bracket![0])}, ${fmt(m.bracket![1])}]`;
  const title = { text: `${m.part}: ${m.tag} relaxed`, subtitle: `${subtitle}; ${m.parameter}` };
  if (!rel.length) return { $schema: SCHEMA, title, ...margin } as unknown as TopLevelSpec;
  // An equality claim: its relative error against λ as well (the margin of an equality is never positive).
  const relative = {
    width: 440,
    height: 160,
    data: { values: rel },
    mark: { type: 'line', point: true, color: '#7a4fb0' },
    encoding: { x: LAMBDA, y: { field: 'worstRelativeError', type: 'quantitative', title: 'worst relative error' } },
  };
  return { $schema: SCHEMA, title, vconcat: [margin, relative] } as unknown as TopLevelSpec;
}

/** Worst normalised margin over the (λ1, λ2) grid: red where the claim fails, blue where it holds. */
export function phaseDiagramSpec(p: PhaseDiagram): TopLevelSpec {
  const cells = p.grid.filter((c) => c.margin !== null).map((c) => ({ x: fmt(c.x), y: fmt(c.y), margin: c.margin, robust: c.robust ? '×' : '' }));
  return {
    $schema: SCHEMA,
    title: { text: `${p.part}: ${p.tags[0]} × ${p.tags[1]}`, subtitle: '× marks a robust witness' },
    width: 360,
    height: 300,
    data: { values: cells },
    encoding: {
      x: { field: 'x', type: 'ordinal', title: `λ of ${p.tags[0]}`, sort: null },
      y: { field: 'y', type: 'ordinal', title: `λ of ${p.tags[1]}`, sort: 'descending' },
    },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'margin', type: 'quantitative', title: 'worst normalised margin', scale: { scheme: 'redblue', domainMid: 0 } } } },
      { mark: { type: 'text', fontSize: 13, color: '#1d2430' }, encoding: { text: { field: 'robust', type: 'nominal' } } },
    ],
  } as unknown as TopLevelSpec;
}

const fmt = (x: number): string => String(Math.round(x * 1e4) / 1e4);
