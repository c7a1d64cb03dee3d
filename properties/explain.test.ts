// `rlaif-props explain`: every stored witness explained on one screen, with the dropped tag and
// the part's own why-sentence; bad input is one line and exit 2.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { explainWitness, WIDTH } from '../src/report/explain.ts';
import { listFiles, load } from '../src/runner/store.ts';
import { evaluatePart } from '../src/theorems/evaluate.ts';
import { loadRegistry } from '../src/theorems/registry.ts';
import { tagsInForce } from '../src/theorems/tags.ts';
import { mainCaptured } from './hostile/run.ts';
import { counterexampleRecord } from './support/records.ts';

const registry = await loadRegistry();
const FILES = listFiles();
/** One screen: a terminal of 100 columns shows the whole explanation without scrolling. */
const MAX_LINES = 30;

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('explain: every stored witness', () => {
  it('there are witnesses to explain', () => expect(FILES.length).toBeGreaterThan(0));
  it.each(FILES.map((f) => [f.replace(/.*counterexamples\//, ''), f]))('%s fits one screen, names the dropped tag and says why', (_, file) => {
    const record = load(file);
    const part = registry.getPart(record.theorem);
    const verdict = evaluatePart(part, record.instance, tagsInForce(part, record.dropped));
    const { lines, why, reproduces } = explainWitness(record, part, verdict);
    expect(reproduces).toBe(true);
    expect(lines.length).toBeLessThanOrEqual(MAX_LINES);
    for (const l of lines) expect([...l].length, l).toBeLessThanOrEqual(WIDTH);
    const text = lines.join('\n');
    for (const t of record.dropped) expect(text).toMatch(new RegExp(`dropped  ${t}: `));
    if (!record.dropped.length) expect(text).toMatch(/dropped {2}nothing/);
    // Every part with a stored witness has its own why-sentence, and the screen carries it.
    expect(part.explain, `${part.id} has no explain hook`).toBeTypeOf('function');
    expect(why).toBe(part.explain!(record.instance, verdict));
    expect(squash(text)).toContain(squash(why));
    expect(text).toContain(part.statement.split(' ')[0]);
  });
});

describe('explain: the T2.c witness in words', () => {
  it('says the judge is better aligned, yet one step at β = 1 leaves the policy at A = −1', () => {
    const file = FILES.find((f) => f.includes('/T2.c/'))!;
    const record = load(file);
    const part = registry.getPart('T2.c');
    const { why } = explainWitness(record, part, evaluatePart(part, record.instance, tagsInForce(part, record.dropped)));
    expect(why).toMatch(/the judge is better aligned than generation \(A\(u_c\) = 0 > A\(g\) = −0\.707\), yet one RLAIF step at β = 1 leaves the policy at A\(θ_β\) = −1/);
  });
  it('a part without a hook gets the generic sentence from its margin and tolerance', () => {
    const record = { ...counterexampleRecord(), file: 'x.json' };
    const { explain: _e, ...bare } = registry.getPart('T2.c');
    const part = { ...bare };
    const verdict = evaluatePart(part, record.instance, tagsInForce(part, record.dropped));
    expect(explainWitness(record, part, verdict).why).toMatch(/signed margin is −0\.293, below −tol/);
  });
});

describe('explain: the command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlaif-explain-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: unknown) => {
    const p = join(dir, name);
    writeFileSync(p, JSON.stringify(content));
    return p;
  };
  it('prints the explanation, exit 0', async () => {
    const r = await mainCaptured(['explain', FILES.find((f) => f.includes('/T2.c/'))!]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^T2\.c: /);
    expect(r.stdout).toMatch(/dropped {2}converged: the policy is trained to convergence/);
  });
  it.each([
    ['not a witness file', () => write('table.json', { rows: [] }), /not a witness file: .*table\.json/],
    ['no such file', () => join(dir, 'absent.json'), /not a witness file: .*cannot read/],
    ['unknown part', () => write('t9.json', counterexampleRecord({ theorem: 'T9' })), /unknown theorem id "T9"/],
    ['no file given', () => undefined, /give exactly one witness file/],
  ])('%s: one clear line, exit 2', async (_, make, message) => {
    const f = make();
    const r = await mainCaptured(['explain', ...(f ? [f] : [])]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
  it('a witness that no longer violates its claim is said so, exit 1', async () => {
    const f = write('holds.json', counterexampleRecord({ instance: { vStar: [1, 0], g: [0, 1], w: [1, 0], beta: 1 } }));
    const r = await mainCaptured(['explain', f]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/THE CLAIM NOW HOLDS/);
  });
});
