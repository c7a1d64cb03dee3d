/**
 * The report's HTML: escaping, the page shell (one inline stylesheet, no scripts, no fetched
 * resources, so every page opens from file:// with nothing to load and nothing to fail) and
 * tables. Everything inserted into a page goes through `esc` unless it is markup built here or
 * an SVG rendered by vega.
 */

/** Text as HTML (element content and attribute values alike). */
export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Markup that is already safe, marked so tables and pages do not escape it again. */
export interface Html {
  readonly html: string;
}
export const raw = (html: string): Html => ({ html });
const render = (x: string | Html): string => (typeof x === 'string' ? esc(x) : x.html);

export const link = (href: string, text: string, title?: string): Html =>
  raw(`<a href="${esc(href)}"${title ? ` title="${esc(title)}"` : ''}>${esc(text)}</a>`);

/** A table; `numeric` columns are right-aligned (figures line up). */
export function table(head: readonly string[], rows: readonly (readonly (string | Html)[])[], opts: { numeric?: readonly number[]; id?: string } = {}): string {
  const cls = (i: number) => (opts.numeric?.includes(i) ? ' class="num"' : '');
  return [
    `<table${opts.id ? ` id="${esc(opts.id)}"` : ''}>`,
    `<thead><tr>${head.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${render(c)}</td>`).join('')}</tr>`),
    '</tbody></table>',
  ].join('\n');
}

const STYLE = `
:root { color-scheme: light; --ink: #1d2430; --muted: #5b6473; --line: #d9dee6; --accent: #1f5fa8; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0; background: #fbfcfd; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 64px; }
h1 { font-size: 26px; margin: 8px 0 4px; } h2 { font-size: 20px; margin: 36px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
p.lede, .muted { color: var(--muted); }
nav.toc a { margin-right: 16px; }
a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 13.5px; background: white; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef1f5; position: sticky; top: 0; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; white-space: nowrap; }
.v-holds { background: #e3f4e8; color: #1d6b35; } .v-fails { background: #fde2e1; color: #a11d1a; }
.v-expected { background: #fff1d6; color: #8a5a00; } .v-load-bearing { background: #fde8d7; color: #9a3f00; }
.v-not-shown { background: #eceff3; color: #4a5260; } .v-part-fails { background: #f3e6e4; color: #6b3a35; } .v-implied { background: #f2eefa; color: #5a3f8f; }
.v-none { background: #eceff3; color: #4a5260; }
figure.chart { margin: 12px 0 20px; padding: 12px; background: white; border: 1px solid var(--line); border-radius: 6px; overflow-x: auto; }
figure.chart figcaption { font-weight: 600; margin-bottom: 6px; } figure.chart p { margin: 4px 0 0; color: var(--muted); font-size: 13px; }
pre.explain { background: white; border: 1px solid var(--line); border-radius: 6px; padding: 14px 16px; font: 13px/1.45 ui-monospace, "DejaVu Sans Mono", Menlo, monospace; overflow-x: auto; }
.note { background: #f4f6f9; border-left: 3px solid var(--line); padding: 8px 12px; }
div.scroll { overflow-x: auto; max-width: 100%; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: 13px; }
`;

/** A whole page. `root` is the relative path back to the report's top directory ("" or "../"). */
export function page(title: string, body: string, root = ''): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // An empty icon: otherwise a browser asks for /favicon.ico, which file:// cannot serve.
    '<link rel="icon" href="data:,">',
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body><main>',
    `<p class="muted"><a href="${root}index.html">rlaif-props report</a></p>`,
    body,
    '</main></body></html>',
    '',
  ].join('\n');
}
