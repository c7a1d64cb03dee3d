/**
 * The sections of the report's index page, each from its data: the theorem catalogue, the
 * necessity table, the maps, the benchmarks, the list of witnesses. Charts arrive rendered.
 */
import type { NecessityRow, NecessityVerdict } from '../../runner/necessity.ts';
import type { TheoremPart } from '../../theorems/types.ts';
import { num } from '../../numeric/format.ts';
import { breakPointText, closestText, conventions, verdictText } from '../necessity-table.ts';
import type { MapSummary } from '../../runner/map-index.ts';
import { benchCell, type BenchData } from './bench-data.ts';
import { esc, link, raw, table, type Html } from './html.ts';
import type { MapEntry } from './maps.ts';

export interface WitnessPage {
  /** The record's path as the necessity table names it (`counterexamples/T1/….json`). */
  readonly file: string;
  /** The explanation page, relative to the report's top. */
  readonly href: string;
  readonly theorem: string;
  readonly dropped: readonly string[];
  readonly reproduces: boolean;
}

const badge = (cls: string, text: string): Html => raw(`<span class="badge v-${cls}">${esc(text)}</span>`);
const verdictBadge = (v: NecessityVerdict, text = verdictText(v)) => badge(v, text);
const droppedText = (d: readonly string[]) => (d.length ? d.join(' + ') : '(none)');

/** The witness cell: a link to its explanation page when the record is in the store. */
function witnessLink(r: NecessityRow, pages: ReadonlyMap<string, WitnessPage>): string | Html {
  if (!r.witness) return '';
  return fileLink(r.witness.file, 'explanation', pages);
}

function fileLink(file: string, text: string, pages: ReadonlyMap<string, WitnessPage>): string | Html {
  const p = pages.get(file);
  return p ? link(p.href, text, file) : `${file} (not in the store)`;
}

const html = (x: string | Html): string => (typeof x === 'string' ? esc(x) : x.html);

/**
 * The necessity table's witness cell: the witness's explanation; a degenerate witness (one that
 * rests on a convention of THEORY) says which, with the non-degenerate witness linked beside it.
 */
function witnessCell(r: NecessityRow, pages: ReadonlyMap<string, WitnessPage>): string | Html {
  const first = witnessLink(r, pages);
  if (!r.witness?.degenerate) return first;
  const other = r.nonDegenerate
    ? `non-degenerate: ${html(fileLink(r.nonDegenerate.file, 'explanation', pages))} (d = ${r.nonDegenerate.dimension}, margin ${esc(num(r.nonDegenerate.margin))})`
    : 'no non-degenerate witness found';
  return raw(`${html(first)} <span class="muted">(degenerate: ${esc(conventions(r.witness.degenerate))})</span>; ${other}`);
}

export function catalogueSection(parts: readonly TheoremPart[], rows: readonly NecessityRow[], pages: readonly WitnessPage[]): string {
  const byFile = new Map(pages.map((p) => [p.file, p]));
  const body = parts.map((p) => {
    const mine = rows.filter((r) => r.id === p.id);
    const full = mine.find((r) => r.dropped.length === 0);
    const status = !full
      ? badge('none', 'not in the table')
      : full.verdict === 'fails'
        ? p.expected ? badge('expected', 'fails, as declared') : verdictBadge('fails')
        : verdictBadge(full.verdict);
    const bearing = mine.filter((r) => r.verdict === 'load-bearing');
    const tagsCell = bearing.length
      ? raw(bearing.map((r) => {
        const l = witnessLink(r, byFile);
        return typeof l === 'string' ? esc(droppedText(r.dropped)) : `<a href="${esc(byFile.get(r.witness!.file)!.href)}">${esc(droppedText(r.dropped))}</a>`;
      }).join(', '))
      : mine.length > 1 ? 'none shown' : '';
    return [raw(`<strong>${esc(p.id)}</strong>`), raw(`${esc(p.title)}<br><span class="muted">${esc(p.statement)}</span>`), p.paperClaims.join(', '), p.tags.join(', ') || '(none)', status, tagsCell];
  });
  return [
    '<h2 id="catalogue">Theorem catalogue</h2>',
    '<p class="muted">Every part of THEORY.md and every variant, with its status under its full tags (from the necessity table) and the dropped tags that break it, each linked to its witness explained.</p>',
    table(['part', 'claim', 'paper', 'tags', 'status', 'load-bearing (witness)'], body, { id: 'catalogue-table' }),
  ].join('\n');
}

export function necessitySection(rows: readonly NecessityRow[], pages: readonly WitnessPage[], charts: string, source: string, maps: ReadonlyMap<string, MapSummary> = new Map()): string {
  if (!rows.length)
    return `<h2 id="necessity">Assumption necessity</h2>\n<p class="note">No necessity table yet (${esc(source)} is missing): run <code>rlaif-props necessity</code>.</p>`;
  const byFile = new Map(pages.map((p) => [p.file, p]));
  const body = rows.map((r) => [
    r.id,
    droppedText(r.dropped),
    r.verdict === 'implied' ? verdictBadge('implied', `implied by ${r.impliedBy}`) : verdictBadge(r.verdict),
    witnessCell(r, byFile),
    r.witness ? String(r.witness.dimension) : '',
    r.witness ? num(r.witness.margin) : '',
    closestText(r),
    r.verdict === 'implied' ? '' : r.budget.runsSpent === 0 && r.witness ? 'stored witness' : `${r.budget.runsSpent} (${r.budget.seeds}×${r.budget.runsPerSeed})${r.budget.guided !== undefined ? ` + ${r.budget.guided} guided` : ''}`,
    r.verdict === 'implied' ? '' : String(r.harnessErrors ?? 0),
    ...(maps.size ? [breakPointText(r, maps)] : []),
  ]);
  return [
    '<h2 id="necessity">Assumption necessity</h2>',
    `<p class="muted">From <code>${esc(source)}</code>. A tag is load-bearing when dropping it yields a robust, re-confirmed minimal counterexample; “${esc(verdictText('not-shown'))}” means none within the stated budget, not a proof that the tag is unnecessary.</p>`,
    charts,
    '<p class="muted">“closest approach”, on rows where no witness was found: the smallest margin reached by random and guided search, as a multiple of 2·tol (at −1 a violation would be robust); necessity.json keeps the instance that reached it. A harness error (a NaN, an evaluation that failed) is counted, never read as a pass.</p>',
    table(['part', 'dropped', 'verdict', 'witness', 'd', 'margin', 'closest approach', 'budget (draws)', 'harness errors', ...(maps.size ? ['break point (map)'] : [])], body, { numeric: [4, 5, 8], id: 'necessity-table' }),
  ].join('\n');
}

export function mapsSection(maps: readonly MapEntry[], charts: string, dir: string): string {
  const head = '<h2 id="maps">Boundary maps and phase diagrams</h2>';
  if (!maps.length)
    return `${head}\n<p class="note">None yet. <code>rlaif-props map &lt;id&gt; --tag T</code> writes boundary maps and phase diagrams under <code>${esc(dir.replace(/.*\/(counterexamples\/)/, '$1'))}</code>; this section charts them.</p>`;
  const list = maps.map((m) => [link(`maps/${m.name}`, m.name), m.chart ? m.chart.caption : m.problem ?? '']);
  const about =
    '<p class="muted">Each map walks one tag\'s relaxation path (docs/RELAXATION.md in the repository) from λ = 0 (the tag holds) to λ = 1 (dropped): ' +
    'the worst normalised margin found at each λ, the break point λ* (red rule: the smallest λ with a robust, re-confirmed witness) and its bracket (shaded). ' +
    'Phase diagrams do the same over two tags at once. Written by <code>rlaif-props map</code>; the witnesses at λ* are stored beside each map.</p>';
  return [head, about, charts, table(['file', 'chart'], list)].join('\n');
}

export function benchSection(b: BenchData, charts: string): string {
  const head = '<h2 id="bench">Benchmarks</h2>';
  if (b.problem) return `${head}\n<p class="note">No benchmark figures: ${esc(b.problem)}.</p>`;
  const recognised = b.throughput.length || b.hunts.length ? '' : '<p class="note">No chart: no series with the fields the charts read (id, d, runsPerSecond; id, dropped, firstHitMs, shrinkMs).</p>';
  return [
    head,
    '<p class="muted">From <code>bench/results.json</code> (<code>npm run bench</code>); shown as the file has them.</p>',
    table(['figure', 'value'], b.figures.map(([k, v]) => [k, benchCell(v)]), { numeric: [1], id: 'bench-figures' }),
    charts,
    recognised,
    ...b.sections.map((s) => [
      `<h3>${esc(s.name)}</h3>`,
      // A wide list (the benchmark adds columns as it grows) scrolls inside its box, not the page.
      `<div class="scroll">${table(s.columns, s.rows.map((r) => s.columns.map((c) => benchCell(r[c]))), { numeric: s.columns.map((c, i) => (s.rows.some((r) => typeof r[c] === 'number') ? i : -1)).filter((i) => i >= 0) })}</div>`,
    ].join('\n')),
  ].join('\n');
}

export function witnessListSection(pages: readonly WitnessPage[]): string {
  const rows = pages.map((p) => [p.theorem, droppedText(p.dropped), link(p.href, p.file), p.reproduces ? 'reproduces' : badge('fails', 'does not reproduce')]);
  return ['<h2 id="witnesses">Stored witnesses</h2>', pages.length ? table(['part', 'dropped', 'explanation', 'replay'], rows) : '<p class="note">No stored counterexamples.</p>'].join('\n');
}
