// The necessity table's two files and its rows: NECESSITY.md is the rendering of necessity.json
// (so the committed pair cannot drift apart), necessity.json is in its canonical form (a
// regeneration changes nothing), and rows written before verdicts were keys still read, as
// the same verdicts in the same words.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchRoot } from '../support/scratch.ts';
import { renderMarkdown, verdictText } from '../../src/report/necessity-table.ts';
import { necessity, NECESSITY_VERDICTS, type NecessityRow } from '../../src/runner/necessity.ts';
import { mergeRows, readRows, tableJson, writeTable } from '../../src/runner/necessity-file.ts';
import { DEFAULT_STORE, MemoryStore } from '../../src/runner/store.ts';
import { loadRegistry } from '../../src/theorems/registry.ts';

const registry = await loadRegistry();
const { getPart } = registry;
const partIds = registry.parts.map((p) => p.id);

const JSON_FILE = join(DEFAULT_STORE, 'necessity.json');
const MD_FILE = join(DEFAULT_STORE, 'NECESSITY.md');
const tmp = scratchRoot('table');
const scratch = () => tmp.sub();
const row = (verdict: string, over: Partial<NecessityRow> = {}) => ({ id: 'T1', dropped: ['linear-value'], verdict, budget: { runsPerSeed: 1, seeds: 1, runsSpent: 1 }, ...over });

describe('the committed table', () => {
  const rows = readRows(JSON_FILE);

  it('NECESSITY.md is the rendering of necessity.json', () => {
    expect(renderMarkdown(rows)).toBe(readFileSync(MD_FILE, 'utf8'));
  });

  it('necessity.json is as a regeneration writes it (keys, registry order, no timings)', () => {
    expect(tableJson(mergeRows(rows, [], partIds))).toBe(readFileSync(JSON_FILE, 'utf8'));
  });
});

describe('rows written before verdicts were keys', () => {
  const legacy: readonly [string, string][] = [
    ['holds under full tags', 'holds'],
    ['FAILS under full tags', 'fails'],
    ['load-bearing', 'load-bearing'],
    ['not shown load-bearing', 'not-shown'],
    ['implied', 'implied'],
  ];

  it('read as keys, and are displayed in the words they were stored in', () => {
    const f = join(scratch(), 'old.json');
    writeFileSync(f, JSON.stringify({ rows: legacy.map(([old]) => row(old)) }));
    const read = readRows(f);
    expect(read.map((r) => r.verdict)).toEqual(legacy.map(([, key]) => key));
    expect(read.map((r) => verdictText(r.verdict))).toEqual(legacy.map(([old]) => old));
    // Every verdict but part-fails (added after verdicts became keys) had a legacy wording.
    expect([...NECESSITY_VERDICTS].sort()).toEqual([...legacy.map(([, key]) => key), 'part-fails'].sort());
  });

  it('merge with rows stored as keys, and the merged table is written with keys', () => {
    const store = scratch();
    writeFileSync(join(store, 'necessity.json'), JSON.stringify({ rows: [row('not shown load-bearing'), row('holds under full tags', { dropped: [] })] }));
    const fresh = [{ ...row('load-bearing'), elapsedMs: 5 }] as NecessityRow[];
    const { all } = writeTable(fresh, renderMarkdown, partIds, store);
    expect(all.map((r) => [r.dropped.join('+'), r.verdict])).toEqual([['', 'holds'], ['linear-value', 'load-bearing']]);
    const written = JSON.parse(readFileSync(join(store, 'necessity.json'), 'utf8')).rows;
    expect(written.map((r: NecessityRow) => r.verdict)).toEqual(['holds', 'load-bearing']);
    expect(written[1].elapsedMs).toBeUndefined();
    expect(readFileSync(join(store, 'NECESSITY.md'), 'utf8')).toBe(renderMarkdown(all));
  });

  it('an unknown verdict is not a row', () => {
    const f = join(scratch(), 'odd.json');
    writeFileSync(f, JSON.stringify([row('probably fine')]));
    expect(() => readRows(f)).toThrow(/not a list of necessity rows/);
  });
});

describe('the analysis on a store in memory', () => {
  it('hunts, stores the witness there, and finds it there the next time instead of hunting', () => {
    const store = new MemoryStore();
    const opts = { store, runs: 50, seeds: 1 };
    const first = necessity([getPart('T1')], opts);
    expect(first.map((r) => r.verdict)).toEqual(['holds', 'load-bearing']);
    expect(first[1].witness?.source).toBe('hunt');
    expect(store.list()).toHaveLength(1);
    const again = necessity([getPart('T1')], opts);
    expect(again[1].witness).toMatchObject({ source: 'stored', file: first[1].witness?.file });
    expect(again[1].budget.runsSpent).toBe(0);
    expect(store.list()).toHaveLength(1);
  });
});

describe('the break-point column (maps index)', () => {
  it('shows λ* with its bracket, a phase diagram by its failing cells, nothing without a map', async () => {
    const { rowKey } = await import('../../src/runner/map-index.ts');
    const { renderTable: render } = await import('../../src/report/necessity-table.ts');
    const maps = new Map([
      [rowKey('T1', ['linear-value']), { kind: 'map' as const, breakPoint: 0.25, bracket: [0.125, 0.25] as const, file: 'x' }],
      [rowKey('T3.b', ['linear-judge', 'gaussian-latents']), { kind: 'phase' as const, robustCells: 3, cells: 9, file: 'y' }],
    ]);
    const rows = [row('load-bearing'), row('load-bearing', { id: 'T3.b', dropped: ['gaussian-latents', 'linear-judge'] }), row('holds', { dropped: [] })] as never;
    const lines = render(rows, false, maps).split('\n');
    expect(lines[0]).toMatch(/\| break point \(map\) \|$/);
    expect(lines[2]).toMatch(/\| λ\* = 0\.25 in \[0\.125, 0\.25\] \|$/);
    expect(lines[3]).toMatch(/\| phase diagram: 3\/9 cells fail \|$/);
    expect(lines[4]).toMatch(/\|  \|$/);
    // Without maps the table is as before (NECESSITY.md does not depend on them).
    expect(render(rows)).not.toMatch(/break point/);
  });
});
