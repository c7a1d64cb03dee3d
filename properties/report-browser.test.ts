// The HTML report, built into a temporary directory and opened in a real browser (Debian's
// headless Chromium, driven by playwright-core): no console errors, every chart rendered as an
// SVG with marks, every link resolving to a file that exists (and every page loading). A
// screenshot of the index is saved to reports/report.png for a person to look at.
// Without Chromium the check fails in CI (.ci/run installs it) and is skipped, saying so, elsewhere.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport } from '../src/report/site/build.ts';

const CHROMIUM = '/usr/bin/chromium';
const IN_CI = /^(true|1)$/i.test(process.env.CI ?? '');
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCREENSHOT = join(ROOT, 'reports', 'report.png');
/** The flags of a quiet, sandbox-free, offline headless run (CI containers run as root). */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const temps: string[] = [];
const temp = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
};
let context: BrowserContext | undefined;
afterAll(async () => {
  await context?.close();
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** A local href of `from` (a page's file path) as the file and fragment it names; undefined for other schemes. */
function target(from: string, href: string): { file: string; fragment: string } | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return href.startsWith('data:') ? undefined : { file: `(external) ${href}`, fragment: '' };
  const [path, fragment = ''] = href.split('#');
  return { file: path ? resolve(dirname(from), decodeURIComponent(path)) : from, fragment };
}

describe('the HTML report in headless Chromium', () => {
  it('builds, loads without console errors, renders every chart and resolves every link', async (ctx) => {
    if (!existsSync(CHROMIUM)) {
      const why = `${CHROMIUM} is missing (apt-get install -y chromium; .ci/run installs it)`;
      if (IN_CI) throw new Error(`the report's browser check cannot run: ${why}`);
      console.warn(`SKIPPED the report's browser check: ${why}`);
      ctx.skip(why);
    }
    const out = temp('rlaif-report-');
    const t0 = Date.now();
    const built = await buildReport({ out });
    const buildMs = Date.now() - t0;
    expect(existsSync(built.index)).toBe(true);

    const t1 = Date.now();
    context = await chromium.launchPersistentContext(temp('rlaif-chromium-'), { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 } });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(`${page.url()}: console: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    page.on('requestfailed', (r) => errors.push(`${page.url()}: request failed: ${r.url()}`));

    // Every chart of a page: a figure holding an SVG with at least one drawn mark (the index's
    // charts, and those of the pages it links, such as the studies').
    const chartsOf = () =>
      page.$$eval('figure.chart', (figs) =>
        figs.map((f) => {
          const svg = f.querySelector('svg');
          const marks = svg ? svg.querySelectorAll('g.role-mark > path, g.role-mark > rect, g.role-mark > line, g.role-mark > g').length : 0;
          const box = svg?.getBoundingClientRect();
          return { id: f.id, svg: !!svg, marks, width: box?.width ?? 0, height: box?.height ?? 0 };
        }),
      );
    const checkCharts = (where: string, charts: Awaited<ReturnType<typeof chartsOf>>) => {
      for (const c of charts) {
        expect(c.svg, `${where}: ${c.id} has no <svg>`).toBe(true);
        expect(c.marks, `${where}: ${c.id} has no marks`).toBeGreaterThan(0);
        expect(c.width * c.height, `${where}: ${c.id} is not laid out`).toBeGreaterThan(0);
      }
    };
    await page.goto(pathToFileURL(built.index).href);
    const charts = await chartsOf();
    expect(charts.map((c) => c.id)).toEqual(expect.arrayContaining(['chart-verdicts', 'chart-witnesses', 'chart-throughput']));
    checkCharts('index', charts);
    let chartsSeen = 0;
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // Every page reachable from the index loads, and every local link names a file that exists
    // (and, with a fragment, an element of that page).
    const seen = new Set<string>();
    const queue = [built.index];
    const fragments: { file: string; fragment: string; from: string }[] = [];
    const ids = new Map<string, Set<string>>();
    while (queue.length) {
      const file = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const response = await page.goto(pathToFileURL(file).href);
      expect(response?.ok() ?? true, `${file} did not load`).toBe(true);
      ids.set(file, new Set(await page.$$eval('[id]', (els) => els.map((e) => e.id))));
      const onPage = await chartsOf();
      checkCharts(file, onPage);
      chartsSeen += onPage.length;
      for (const href of await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')!))) {
        const t = target(file, href);
        if (!t) continue;
        expect(t.file.startsWith('(external)'), `${file}: link ${href} leaves the report`).toBe(false);
        expect(existsSync(t.file), `${file}: link ${href} names a missing file`).toBe(true);
        if (t.fragment) fragments.push({ ...t, from: file });
        if (t.file.endsWith('.html')) queue.push(t.file);
      }
    }
    for (const f of fragments) expect(ids.get(f.file)?.has(f.fragment), `${f.from}: #${f.fragment} is not on ${f.file}`).toBe(true);
    expect(seen.size).toBe(built.pages);
    // Every chart the build rendered was seen drawn on some page.
    expect(chartsSeen).toBe(built.charts);
    expect(errors).toEqual([]);
    console.log(`report built in ${buildMs} ms (${built.pages} pages, ${built.charts} charts); browser check ${Date.now() - t1} ms; screenshot ${SCREENSHOT}`);
  });
});
