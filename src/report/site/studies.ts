/**
 * The studies (`rlaif-props study <name>`, committed under studies/): one page each, with the
 * study's tables and its charts re-rendered from the Vega-Lite specs its JSON carries, and a
 * copy of that JSON; the index lists them. A file that cannot be read or charted is said so on
 * its page (never fatal: the studies are written by another command).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { esc, link, page, table } from './html.ts';
import { renderSvg } from './svg.ts';

export interface StudyPage {
  readonly name: string;
  readonly href: string;
  readonly title: string;
  /** Charts rendered on the page (a spec vega rejects is a note instead, not counted). */
  readonly charts: number;
  readonly problem?: string;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

const TITLES: Record<string, string> = {
  ceiling: 'The ceiling bound in depth (T3.b, T3.c): excess correlation and gain/bound ratio per latent law',
  't2c-phase': 'T2.c without `converged`: the phase diagram over (A(u_c) − A(g), KL budget)',
};

async function chartFigure(c: Record<string, unknown>, id: string): Promise<{ html: string; ok: boolean }> {
  const caption = typeof c.caption === 'string' ? c.caption : id;
  try {
    if (!isRecord(c.vegaLite)) throw new Error('no Vega-Lite spec');
    const svg = await renderSvg(c.vegaLite as never);
    return { html: `<figure class="chart" id="${esc(id)}"><figcaption>${esc(caption)}</figcaption>${svg}${typeof c.note === 'string' ? `<p>${esc(c.note)}</p>` : ''}</figure>`, ok: true };
  } catch (e) {
    return { html: `<p class="note">Chart “${esc(caption)}” could not be rendered: ${esc((e as Error).message)}</p>`, ok: false };
  }
}

function tableHtml(t: unknown): string {
  if (!isRecord(t) || !Array.isArray(t.columns) || !Array.isArray(t.rows)) return '';
  const rows = (t.rows as unknown[]).filter(Array.isArray).map((r) => (r as unknown[]).map(String));
  return [
    `<h3>${esc(String(t.title ?? ''))}</h3>`,
    typeof t.note === 'string' ? `<p class="muted">${esc(t.note)}</p>` : '',
    `<div class="scroll">${table((t.columns as unknown[]).map(String), rows)}</div>`,
  ].join('\n');
}

/** Write one page per study JSON of `dir` under `<out>/studies/`; none when the folder does not exist. */
export async function studyPages(dir: string, out: string): Promise<StudyPage[]> {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (!files.length) return [];
  const target = join(out, 'studies');
  mkdirSync(target, { recursive: true });
  const pages: StudyPage[] = [];
  for (const f of files) {
    const name = basename(f, '.json');
    const title = TITLES[name] ?? `Study ${name}`;
    copyFileSync(join(dir, f), join(target, f));
    let data: unknown;
    let problem: string | undefined;
    try {
      data = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    } catch (e) {
      problem = `not readable as JSON (${(e as Error).message.split('\n')[0]})`;
    }
    const charts = isRecord(data) && Array.isArray(data.charts) ? data.charts.filter(isRecord) : [];
    const tables = isRecord(data) && Array.isArray(data.tables) ? data.tables : [];
    if (!problem && !charts.length) problem = 'no charts in the file';
    const figures = await Promise.all(charts.map((c, i) => chartFigure(c, `study-${name}-${typeof c.id === 'string' ? c.id : i + 1}`)));
    const command = isRecord(data) && typeof data.command === 'string' ? data.command : `rlaif-props study ${name}`;
    const body = [
      `<h1>${esc(title)}</h1>`,
      `<p class="lede">Written by <code>${esc(command)}</code> (seeded: the same command writes the same file). ` +
        `The data: <a href="${esc(f)}">${esc(f)}</a> · the findings in words: <code>docs/CEILING.md</code> · <a href="../index.html#studies">back to the report</a></p>`,
      problem ? `<p class="note">${esc(problem)}</p>` : '',
      ...tables.map(tableHtml),
      ...figures.map((f) => f.html),
    ].join('\n');
    writeFileSync(join(target, `${name}.html`), page(`rlaif-props study ${name}`, body, '../'));
    pages.push({ name, href: `studies/${name}.html`, title, charts: figures.filter((f) => f.ok).length, ...(problem ? { problem } : {}) });
  }
  return pages;
}

export function studiesSection(pages: readonly StudyPage[]): string {
  const head = '<h2 id="studies">Studies</h2>';
  if (!pages.length) return `${head}\n<p class="note">None yet: <code>rlaif-props study ceiling</code> and <code>rlaif-props study t2c-phase</code> write them under <code>studies/</code>.</p>`;
  const rows = pages.map((p) => [link(p.href, p.name), p.title, p.problem ?? `${p.charts} charts`]);
  return [head, '<p class="muted">Seeded studies of where the theorems’ bounds stop holding, each on its own page.</p>', table(['study', 'what', 'charts'], rows)].join('\n');
}
