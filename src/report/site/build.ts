/**
 * `rlaif-props report`: the static HTML report, one directory, no server. index.html holds the
 * theorem catalogue with each part's status, the necessity table (each witness linked to its
 * explanation page), the boundary maps and phase diagrams when there are any, and the benchmark
 * figures; charts are SVG rendered in Node (svg.ts), inline, so nothing is fetched at view time.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { readRows } from '../../runner/necessity-file.ts';
import type { NecessityRow } from '../../runner/necessity.ts';
import { DEFAULT_STORE, listFiles, load } from '../../runner/store.ts';
import { evaluatePart } from '../../theorems/evaluate.ts';
import { loadRegistry, type Registry } from '../../theorems/registry.ts';
import { tagsInForce } from '../../theorems/tags.ts';
import { VERSION } from '../../version.ts';
import { explainWitness } from '../explain.ts';
import { readBench } from './bench-data.ts';
import { huntsChart, throughputChart, verdictsChart, witnessChart, type Chart } from './charts.ts';
import { esc, page } from './html.ts';
import { readMaps } from './maps.ts';
import { readMapIndex } from '../../runner/map-index.ts';
import { benchSection, catalogueSection, mapsSection, necessitySection, witnessListSection, type WitnessPage } from './sections.ts';
import { studiesSection, studyPages } from './studies.ts';
import { renderSvg } from './svg.ts';

export interface ReportOptions {
  /** The report's directory (created; its index.html and witnesses/ are rewritten). */
  readonly out: string;
  /** The counterexample store (default: the suite's counterexamples/). */
  readonly store?: string;
  /** The benchmark figures (default: bench/results.json beside the store). */
  readonly bench?: string;
  /** Boundary maps and phase diagrams (default: <store>/maps/). */
  readonly maps?: string;
  /** The studies' JSON files (default: studies/ beside the store). */
  readonly studies?: string;
}

export interface ReportResult {
  readonly index: string;
  readonly pages: number;
  readonly charts: number;
  readonly ms: number;
}

/** A chart as a figure: the caption, the inline SVG, the note. */
async function figure(c: Chart): Promise<string> {
  const svg = await renderSvg(c.spec);
  return `<figure class="chart" id="${esc(c.id)}"><figcaption>${esc(c.caption)}</figcaption>${svg}${c.note ? `<p>${esc(c.note)}</p>` : ''}</figure>`;
}

/** One page per stored witness: its explanation, and a copy of the record to download. */
function witnessPages(registry: Registry, store: string, out: string): WitnessPage[] {
  const root = resolve(store, '..');
  const dir = join(out, 'witnesses');
  mkdirSync(dir, { recursive: true });
  return listFiles(store).map((file) => {
    const record = load(file);
    const shown = relative(root, file);
    const slug = `${record.theorem}--${basename(file, '.json')}`;
    let text: string;
    let reproduces = false;
    try {
      const part = registry.getPart(record.theorem);
      const e = explainWitness(record, part, evaluatePart(part, record.instance, tagsInForce(part, record.dropped)), shown);
      [text, reproduces] = [e.lines.join('\n'), e.reproduces];
    } catch (err) {
      text = `${shown}: cannot be explained (${(err as Error).message})`;
    }
    copyFileSync(file, join(dir, `${slug}.json`));
    const body = [
      `<h1>${esc(record.theorem)} without ${esc(record.dropped.join(' + ') || 'any tag dropped')}</h1>`,
      `<p class="lede">${reproduces ? 'This minimal counterexample still violates the claim.' : 'This record no longer violates its claim, or could not be evaluated.'} ` +
        `The record: <a href="${esc(slug)}.json">${esc(shown)}</a> · <a href="../index.html#necessity">back to the necessity table</a></p>`,
      `<pre class="explain">${esc(text)}</pre>`,
      `<p class="muted">The same text as <code>rlaif-props explain ${esc(shown)}</code>.</p>`,
    ].join('\n');
    writeFileSync(join(dir, `${slug}.html`), page(`${record.theorem} −${record.dropped.join(',')}: explanation`, body, '../'));
    return { file: shown, href: `witnesses/${slug}.html`, theorem: record.theorem, dropped: record.dropped, reproduces };
  });
}

export async function buildReport(opts: ReportOptions): Promise<ReportResult> {
  const t0 = Date.now();
  const store = resolve(opts.store ?? DEFAULT_STORE);
  const bench = resolve(opts.bench ?? join(store, '..', 'bench', 'results.json'));
  const mapsDir = resolve(opts.maps ?? join(store, 'maps'));
  const out = resolve(opts.out);
  mkdirSync(out, { recursive: true });
  // Only what this command writes is replaced: a stale page of a witness since deleted goes.
  rmSync(join(out, 'witnesses'), { recursive: true, force: true });
  rmSync(join(out, 'maps'), { recursive: true, force: true });
  rmSync(join(out, 'studies'), { recursive: true, force: true });

  const registry = await loadRegistry();
  const tableFile = join(store, 'necessity.json');
  const rows: NecessityRow[] = existsSync(tableFile) ? readRows(tableFile) : [];
  const pages = witnessPages(registry, store, out);
  const maps = readMaps(mapsDir);
  if (maps.length) mkdirSync(join(out, 'maps'), { recursive: true });
  for (const m of maps) {
    mkdirSync(join(out, 'maps', m.name, '..'), { recursive: true });
    copyFileSync(m.path, join(out, 'maps', m.name));
  }
  const benchData = readBench(bench);
  const studies = await studyPages(resolve(opts.studies ?? join(store, '..', 'studies')), out);

  const charts = {
    necessity: [verdictsChart(rows, registry.parts.map((p) => p.id)), witnessChart(rows)].filter((c): c is Chart => !!c && rows.length > 0),
    maps: maps.flatMap((m) => (m.chart ? [m.chart] : [])),
    bench: [benchData.throughput.length ? throughputChart(benchData.throughput) : undefined, benchData.hunts.length ? huntsChart(benchData.hunts) : undefined].filter((c): c is Chart => !!c),
  };
  const svg = new Map<string, string>();
  for (const c of [...charts.necessity, ...charts.maps, ...charts.bench]) {
    try {
      svg.set(c.id, await figure(c));
    } catch (e) {
      // A map written by another tool may carry a spec vega rejects: said on the page, not fatal.
      svg.set(c.id, `<p class="note">Chart “${esc(c.caption)}” could not be rendered: ${esc((e as Error).message)}</p>`);
    }
  }
  const figures = (cs: readonly Chart[]) => cs.map((c) => svg.get(c.id)!).join('\n');

  const failing = rows.filter((r) => r.dropped.length === 0 && r.verdict === 'fails');
  const declared = failing.filter((r) => registry.parts.find((p) => p.id === r.id)?.expected).length;
  const fails = failing.length - declared;
  const loadBearing = rows.filter((r) => r.verdict === 'load-bearing').length;
  const body = [
    '<h1>Why does RLAIF work at all? — the property suite’s report</h1>',
    `<p class="lede">rlaif-props ${esc(VERSION)} · generated ${esc(new Date().toISOString().slice(0, 16).replace('T', ' '))} UTC · ` +
      `${registry.parts.length} theorem parts, ${loadBearing} load-bearing (part, dropped tags) rows, ${pages.length} stored witnesses` +
      `${declared ? `, ${declared} declared to fail under its full tags` : ''}${fails ? `, <strong>${fails} failing under full tags undeclared</strong>` : ''}. ` +
      'Static: open from file://, no server.</p>',
    '<nav class="toc"><a href="#catalogue">Theorems</a><a href="#necessity">Necessity</a><a href="#maps">Maps</a><a href="#studies">Studies</a><a href="#bench">Benchmarks</a><a href="#witnesses">Witnesses</a></nav>',
    catalogueSection(registry.parts, rows, pages),
    necessitySection(rows, pages, figures(charts.necessity), relative(resolve(store, '..'), tableFile), readMapIndex(mapsDir)),
    mapsSection(maps, figures(charts.maps), mapsDir),
    studiesSection(studies),
    benchSection(benchData, figures(charts.bench)),
    witnessListSection(pages),
  ].join('\n');
  const index = join(out, 'index.html');
  writeFileSync(index, page('rlaif-props report', body));
  return { index, pages: pages.length + studies.length + 1, charts: svg.size + studies.reduce((a, s) => a + s.charts, 0), ms: Date.now() - t0 };
}
