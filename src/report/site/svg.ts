/**
 * Vega-Lite specs rendered to SVG in Node: compiled by vega-lite, run by a headless vega View
 * (no canvas, no browser). vega and vega-lite are imported here, on first use, and only the
 * report imports this module: the rest of the CLI never pays for loading them.
 */
import type { TopLevelSpec } from 'vega-lite';

type Vega = typeof import('vega');
type VegaLite = typeof import('vega-lite');

let loaded: Promise<{ vega: Vega; vl: VegaLite }> | undefined;

const load = () => (loaded ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vl]) => ({ vega, vl })));

/** The look every chart shares (the page's font and muted greys). */
const CONFIG = {
  font: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif',
  view: { stroke: '#d9dee6' },
  axis: { labelFontSize: 11, titleFontSize: 12, labelColor: '#1d2430', titleColor: '#1d2430', gridColor: '#eef1f5' },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14 },
};

/** A Vega-Lite spec as an SVG document (a string starting with `<svg`). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { vega, vl } = await load();
  const compiled = vl.compile({ ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
