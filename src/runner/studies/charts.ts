/**
 * The studies' charts as Vega-Lite specs (plain data: no vega import here; the CLI and the report
 * render them to SVG through src/report/site/svg.ts). Data is inline, so a spec stands alone.
 */
import type { CeilingStudy } from './ceiling.ts';
import type { PhaseStudy } from './t2c-phase.ts';

export interface StudyChart {
  /** File-name and anchor friendly. */
  readonly id: string;
  readonly caption: string;
  readonly note?: string;
  readonly vegaLite: Record<string, unknown>;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const cellLabel = (d: number, m: number) => `d=${d}, m=${m}`;

export function ceilingCharts(s: CeilingStudy): StudyChart[] {
  const lawOrder = s.laws.map((l) => `${l.name} (κ=${l.kurtosis})`);
  const lawLabel = (name: string) => lawOrder.find((l) => l.startsWith(`${name} `))!;
  // The largest excess per (law, cell), over the three nonlinear judges, with ±2 standard errors.
  const bestExcess = new Map<string, (typeof s.excess)[number]>();
  for (const r of s.excess) {
    const k = `${r.law}|${r.d}|${r.m}`;
    const b = bestExcess.get(k);
    if (!b || r.excess > b.excess) bestExcess.set(k, r);
  }
  const excessValues = [...bestExcess.values()].map((r) => ({
    law: lawLabel(r.law), cell: cellLabel(r.d, r.m), excess: r.excess, lo: r.excess - 2 * r.se, hi: r.excess + 2 * r.se, judge: r.judge,
  }));
  const ratioValues = s.ratio
    .filter((r) => r.objective === 'ratio' && Number.isFinite(r.ratio))
    .map((r) => ({ law: lawLabel(r.law), cell: cellLabel(r.d, r.m), ratio: r.ratio }));
  const qRatioValues = s.ratio
    .filter((r) => r.objective === 'qRatio' && Number.isFinite(r.qRatio))
    .map((r) => ({ law: lawLabel(r.law), cell: cellLabel(r.d, r.m), qRatio: r.qRatio }));
  const lawAxis = { field: 'law', type: 'nominal', sort: lawOrder, title: 'latent law (kurtosis κ)' };
  return [
    {
      id: 'excess',
      caption: 'T3.b: largest excess correlation over the ceiling q, per latent law and (d, m)',
      note: 'Best of the sign, tanh and quadratic judges per cell, re-estimated on a fresh sample; bars: ±2 jackknife standard errors.',
      vegaLite: {
        $schema: SCHEMA, width: 420, height: 240, data: { values: excessValues },
        encoding: { x: lawAxis, xOffset: { field: 'cell', type: 'nominal' }, color: { field: 'cell', type: 'nominal', title: 'cell' } },
        layer: [
          { mark: { type: 'point', filled: true }, encoding: { y: { field: 'excess', type: 'quantitative', title: 'corr(judge, V*) − q' } } },
          { mark: 'rule', encoding: { y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
          { mark: { type: 'rule', color: '#1d2430', strokeDash: [4, 3] }, data: { values: [{ y: 0 }] }, encoding: { y: { field: 'y', type: 'quantitative' }, x: null, xOffset: null, color: null } },
        ],
      },
    },
    {
      id: 'ratio',
      caption: 'T3.c: largest gain/bound ratio found, per latent law and (d, m) (log scale; Student-t: infinite)',
      note: `Search box: |Φ_ij| ≤ ${s.box.phi}, σ ∈ [0, ${s.box.sigma}], ε ∈ [10^${s.box.epsilonLog10[0]}, 10^${s.box.epsilonLog10[1]}]; ${s.budget} evaluations per cell. The ratio is unbounded (see the construction), so these are search-limited values.`,
      vegaLite: {
        $schema: SCHEMA, width: 420, height: 240, data: { values: ratioValues },
        encoding: { x: lawAxis, xOffset: { field: 'cell', type: 'nominal' }, color: { field: 'cell', type: 'nominal', title: 'cell' } },
        layer: [
          // Points, not bars: a bar on a log scale has no zero to start from, and vega draws none.
          { mark: { type: 'point', filled: true, size: 70 }, encoding: { y: { field: 'ratio', type: 'quantitative', scale: { type: 'log' }, title: 'G_ε / (sqrt(2ε)·q·‖w*‖)' } } },
          { mark: { type: 'rule', color: '#c8372f' }, data: { values: [{ y: 1 }] }, encoding: { y: { field: 'y', type: 'quantitative' }, x: null, xOffset: null, color: null } },
        ],
      },
    },
    {
      id: 'qratio',
      caption: 'T3.c: largest q·ratio = G_ε/(sqrt(2ε)·‖w*‖) found (at most 1 for strictly sub-Gaussian laws)',
      vegaLite: {
        $schema: SCHEMA, width: 420, height: 220, data: { values: qRatioValues },
        encoding: { x: lawAxis, xOffset: { field: 'cell', type: 'nominal' }, color: { field: 'cell', type: 'nominal', title: 'cell' } },
        layer: [
          { mark: 'bar', encoding: { y: { field: 'qRatio', type: 'quantitative', title: 'G_ε / (sqrt(2ε)·‖w*‖)' } } },
          { mark: { type: 'rule', color: '#c8372f' }, data: { values: [{ y: 1 }] }, encoding: { y: { field: 'y', type: 'quantitative' }, x: null, xOffset: null, color: null } },
        ],
      },
    },
    {
      id: 'construction',
      caption: 'The construction Φ = (1, c), w* = (0, 1), σ = 0: gain/bound ratio as q → 0, per budget ε',
      vegaLite: {
        $schema: SCHEMA, data: { values: s.construction.map((p) => ({ ...p, law: lawLabel(p.law), inverseC: 1 / p.c, eps: `ε = ${p.epsilon}` })) },
        facet: { column: { field: 'eps', type: 'nominal', title: null } },
        spec: {
          width: 200, height: 200, mark: { type: 'line', point: true },
          encoding: {
            x: { field: 'inverseC', type: 'quantitative', scale: { type: 'log' }, title: '1/c' },
            y: { field: 'ratio', type: 'quantitative', scale: { type: 'log' }, title: 'gain / bound' },
            color: { field: 'law', type: 'nominal', sort: lawOrder, title: 'latent law' },
          },
        },
      },
    },
    {
      id: 'heavy-tail',
      caption: 'd = m = 1, Φ = 1, σ = 0 (q = 1): gain/bound ratio as the budget ε grows',
      vegaLite: {
        $schema: SCHEMA, width: 420, height: 220, data: { values: s.heavyTail.map((p) => ({ ...p, law: lawLabel(p.law) })) },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'epsilon', type: 'quantitative', scale: { type: 'log' }, title: 'KL budget ε' },
          y: { field: 'ratio', type: 'quantitative', scale: { type: 'log' }, title: 'gain / bound' },
          color: { field: 'law', type: 'nominal', sort: lawOrder, title: 'latent law' },
        },
      },
    },
  ];
}

export function phaseCharts(s: PhaseStudy): StudyChart[] {
  const values = s.cells.map((c) => ({
    dA: `${c.dALow.toFixed(1)}–${c.dAHigh.toFixed(1)}`, eps: c.epsilon, epsLabel: c.epsilon.toPrecision(2), holds: c.holds,
    worst: Math.min(c.worstDrawMargin, Number.isFinite(c.worstSearchMargin) ? c.worstSearchMargin : Infinity),
    mark: c.guaranteed ? '✓' : '',
  }));
  const axes = {
    x: { field: 'dA', type: 'ordinal', title: 'A(u_c) − A(g)' },
    y: { field: 'epsLabel', type: 'ordinal', title: 'KL budget ε (at ‖g‖ = 1; read ε/‖g‖² otherwise)', sort: { field: 'eps', order: 'descending' } },
  };
  return [
    {
      id: 'fraction',
      caption: 'T2.c without `converged`: fraction of draws where A(θ_β) ≥ A(g), over (ΔA, ε)',
      note: `${s.draws} draws with the premise ΔA > 0 (d = 2..5, Gaussian directions, ‖g‖ = 1); ${s.scaling}.`,
      vegaLite: {
        $schema: SCHEMA, width: 360, height: 300, data: { values }, mark: 'rect',
        encoding: { ...axes, color: { field: 'holds', type: 'quantitative', scale: { scheme: 'blues', domain: [0.5, 1] }, title: 'fraction holding' } },
      },
    },
    {
      id: 'worst',
      caption: 'T2.c without `converged`: worst margin A(θ_β) − A(g) per cell (draws and search)',
      note: 'Red: the claim fails somewhere in the cell; blue: no failure found. ✓: proved to hold in the whole cell (ΔA ≥ arcsin(1/sqrt(2ε)), 2ε > 1).',
      vegaLite: {
        $schema: SCHEMA, width: 360, height: 300, data: { values }, encoding: axes,
        layer: [
          { mark: 'rect', encoding: { color: { field: 'worst', type: 'quantitative', scale: { scheme: 'redblue', domainMid: 0 }, title: 'worst margin' } } },
          { mark: { type: 'text', color: '#1d2430', fontSize: 10 }, encoding: { text: { field: 'mark' } } },
        ],
      },
    },
  ];
}
