// The HTML report without a browser (report-browser.test.ts opens it in one): maps and phase
// diagrams are charted when their JSON exists and said to be absent otherwise; benchmark
// figures are read defensively, whatever their format; the command's arguments and output.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBench } from '../src/report/site/bench-data.ts';
import { buildReport } from '../src/report/site/build.ts';
import { necessitySection } from '../src/report/site/sections.ts';
import type { NecessityRow } from '../src/runner/necessity.ts';
import { readMaps } from '../src/report/site/maps.ts';
import { cli } from './cli/run.ts';
import { mainCaptured } from './hostile/run.ts';

const dir = mkdtempSync(join(tmpdir(), 'rlaif-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: unknown) => {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};

describe("the HTML necessity table shows what the CLI's table shows", () => {
  const budget = { runsPerSeed: 200, seeds: 3, runsSpent: 600, guided: 400 };
  const rows: NecessityRow[] = [
    { id: 'T2.c', dropped: ['isotropic'], verdict: 'not-shown', budget, harnessErrors: 2, closest: { instance: { vStar: [1] }, margin: -3.5e-9, tol: 1e-8, normalised: -0.17, source: 'guided' } },
    {
      id: 'T4.e', dropped: ['orthogonal-latents'], verdict: 'load-bearing', budget, harnessErrors: 0,
      witness: { file: 'counterexamples/T4.e/deg.json', dimension: 1, margin: -1, tol: 1e-8, source: 'stored', degenerate: ['w = Σ α_k ℓ_k = 0 (a zero readout)'] },
      nonDegenerate: { file: 'counterexamples/T4.e/plain.json', dimension: 2, margin: -0.5, tol: 1e-8, source: 'hunt' },
    },
  ];
  const pages = ['deg', 'plain'].map((n) => ({ file: `counterexamples/T4.e/${n}.json`, href: `witness/T4.e/${n}.html`, theorem: 'T4.e', dropped: ['orthogonal-latents'], reproduces: true }));
  const html = necessitySection(rows, pages, '', 'counterexamples/necessity.json');
  it('a not-shown row gives its closest approach (margin, multiple of 2·tol, which search) and its harness errors', () => {
    expect(html).toContain('-3.50e-9 (-0.17×2tol, guided)');
    expect(html).toMatch(/<td[^>]*>2<\/td>/);
    expect(html).toContain('600 (3×200) + 400 guided');
  });
  it('a degenerate witness says what it rests on and links the non-degenerate one beside it', () => {
    expect(html).toContain('href="witness/T4.e/deg.html"');
    expect(html).toContain('(degenerate: w = Σ α_k ℓ_k = 0)');
    expect(html).toMatch(/non-degenerate: <a href="witness\/T4.e\/plain.html"[^>]*>explanation<\/a> \(d = 2, margin/);
  });
});

describe('maps and phase diagrams', () => {
  it('none yet: the section says so plainly', async () => {
    const r = await buildReport({ out: join(dir, 'plain'), maps: join(dir, 'no-maps-here') });
    expect(readFileSync(r.index, 'utf8')).toMatch(/Boundary maps and phase diagrams<\/h2>\s*<p class="note">None yet\./);
  });
  it('a relaxation map, a phase diagram and a spec are charted; anything else is listed without a chart', async () => {
    const maps = join(dir, 'maps');
    write('maps/T2.c/converged.json', { part: 'T2.c', tag: 'converged', points: [0, 0.5, 1].map((lambda) => ({ lambda, worstMargin: 0.3 - lambda / 2 })), breakPoint: 0.6 });
    write('maps/T3.b/pair.json', { part: 'T3.b', tags: ['gaussian-latents', 'linear-judge'], grid: [0, 1].flatMap((x) => [0, 1].map((y) => ({ x, y, margin: x * y ? -0.03 : 0.1 }))) });
    write('maps/spec.json', { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title: 'A spec', data: { values: [{ a: 1 }] }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } });
    write('maps/odd.json', { something: 'else' });
    // A map's witnesses are counterexample records beside it, not maps: not listed.
    write('maps/T2.c/converged.witnesses/T2.c/converged-0123456789ab.json', { theorem: 'T2.c', dropped: ['converged'], instance: {} });
    expect(readMaps(maps).map((m) => [m.name, !!m.chart])).toEqual([
      ['T2.c/converged.json', true],
      ['T3.b/pair.json', true],
      ['odd.json', false],
      ['spec.json', true],
    ]);
    const r = await buildReport({ out: join(dir, 'with-maps'), maps });
    const html = readFileSync(r.index, 'utf8');
    for (const id of ['chart-map-1', 'chart-map-2', 'chart-map-4']) expect(html).toMatch(new RegExp(`<figure class="chart" id="${id}"><figcaption>[^<]*</figcaption><svg`));
    expect(html).toMatch(/odd\.json<\/a><\/td><td>no chart/);
    expect(readFileSync(join(dir, 'with-maps', 'maps', 'T2.c', 'converged.json'), 'utf8')).toContain('breakPoint');
  });
});

describe('benchmark figures, read defensively', () => {
  it('a missing or unreadable file is a note, not a failure', () => {
    expect(readBench(join(dir, 'absent.json')).problem).toMatch(/does not exist yet/);
    expect(readBench(write('broken.json', '{"throughput": [')).problem).toMatch(/not readable as JSON/);
  });
  it('another layout still shows its lists and figures, and charts the series it recognises', () => {
    const b = readBench(write('bench.json', { version: 2, runs: { throughput: [{ id: 'T1', d: 2, runsPerSecond: 5, extra: { nested: 1 } }] }, notes: ['a', 'b'] }));
    expect(b.problem).toBeUndefined();
    expect(b.figures).toEqual([['version', 2], ['notes', 'a, b']]);
    expect(b.sections.map((s) => [s.name, s.columns])).toEqual([['runs.throughput', ['id', 'd', 'runsPerSecond']]]);
    expect(b.throughput).toEqual([{ id: 'T1', d: 2, k: null, runsPerSecond: 5 }]);
    expect(b.hunts).toEqual([]);
  });
});

describe('the report command', () => {
  it('writes the report where --out says and prints the index path', () => {
    const out = join(dir, 'cli-site');
    const r = cli(['report', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(join(out, 'index.html'));
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toMatch(/<svg/);
  });
  it('an unexpected argument is one line, exit 2', async () => {
    const r = await mainCaptured(['report', 'somewhere']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^rlaif-props report: unexpected argument "somewhere"/);
  });
});
