// The CLI end to end: list, check, evaluate, and one clear line plus a non-zero exit for bad input.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/theorems/registry.ts';

const PARTS = (await loadRegistry()).parts;
import { BIN, cli } from './run.ts';
import { scratchRoot } from '../support/scratch.ts';

const dir = scratchRoot('cli').root;
const file = (name: string, content: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};

describe('list', () => {
  it('--json lists every registered part with tags and paper claims', () => {
    const r = cli(['list', '--json']);
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows.map((x: { id: string }) => x.id)).toEqual(PARTS.map((p) => p.id));
    expect(rows.find((x: { id: string }) => x.id === 'T2.c').tags).toEqual(['linear-value', 'isotropic', 'converged']);
  });
});

describe('--version (the bin answers it before the dispatcher loads)', () => {
  it('prints the package version and nothing else, exit 0', () => {
    const r = cli(['--version']);
    expect(r).toEqual({ status: 0, stdout: `${JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version}\n`, stderr: '' });
  });
});

describe('a reader that closes the pipe early (`rlaif-props list | head`)', () => {
  // list and --version write with write(2) (src/cli/io.ts), the other commands through
  // process.stdout, whose error handler the bin attaches when the stream is first made: both
  // end quietly with the command's status, never with a stack trace.
  const closedEarly = (args: string[]) =>
    new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const p = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      p.stdout.destroy();
      let stderr = '';
      p.stderr.on('data', (d) => (stderr += d));
      p.on('close', (status) => resolve({ status, stderr }));
    });
  it.each([[['list', '--markdown']], [['list', '--json']], [['--version']], [['fields', '--markdown']]])('%j: exit 0, nothing on stderr', async (args) => {
    expect(await closedEarly(args)).toEqual({ status: 0, stderr: '' });
  });
});

describe('check', () => {
  it('reports runs, precondition hits and the seed', () => {
    const r = cli(['check', 'T1', '--runs', '20', '--seed', '7']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/T1: holds on 20 runs; 20\/20 draws met the precondition \(100%\); seed 7/);
  });
  it('prints seed, path and a replay command when a part fails, and the replay reproduces it', () => {
    const r = cli(['check', 'T2.c', '--drop', 'converged', '--seed', '1']);
    expect(r.status).toBe(1);
    // The replay command is printed ready to paste: npx, and the path last on its line.
    expect(r.stdout).toMatch(/^  replay: npx rlaif-props check T2\.c --drop converged --seed \d+ --path [\d:]+$/m);
    const m = /--seed (\d+) --path ([\d:]+)/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    const again = cli(['check', 'T2.c', '--drop', 'converged', '--seed', m![1], '--path', m![2]]);
    expect(again.status).toBe(1);
    expect(again.stdout.split('\n')[1]).toBe(r.stdout.split('\n')[1]);
  });
});

describe('evaluate', () => {
  it('T1 on a worked instance: the gain law holds exactly', () => {
    const r = cli(['evaluate', 'T1', file('t1.json', { vStar: [1, 0], g: [0, 1], u: [1, 1], epsilon: 0.5 })]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['id', 'holds', 'margin', 'quantities']);
    expect(out.holds).toBe(true);
    expect(out.quantities.alignment).toBeCloseTo(Math.SQRT1_2, 12);
    expect(out.quantities.gain).toBeCloseTo(out.quantities.predictedGain, 12);
  });
  it('- reads the instance from stdin; bad JSON there is one line naming stdin', () => {
    const r = cli(['evaluate', 'T1', '-'], { input: JSON.stringify({ vStar: [1, 0], g: [0, 1], u: [1, 1], epsilon: 0.5 }) });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).holds).toBe(true);
    const bad = cli(['evaluate', 'T1', '-'], { input: '{"vStar": [1,' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^rlaif-props evaluate: stdin: invalid JSON/);
  });
  it('T2.c reads beta without `converged` and reports the policy alignment', () => {
    const inst = file('t2c.json', { vStar: [1, 0], g: [-1, 1], w: [0, -1], beta: 1 });
    const full = JSON.parse(cli(['evaluate', 'T2.c', inst]).stdout);
    expect(full.holds).toBe(true);
    const dropped = cli(['evaluate', 'T2.c', inst, '--drop', 'converged']);
    expect(dropped.status).toBe(1);
    expect(JSON.parse(dropped.stdout).quantities.alignmentPolicy).toBeCloseTo(-1, 12);
  });
  it('names the quantities THEORY asks for', () => {
    const inst = file('t2.json', { vStar: [1, 2], g: [1, 0], w: [0, 1], basis: [[1, 1]] });
    expect(Object.keys(JSON.parse(cli(['evaluate', 'T2.a', inst]).stdout).quantities)).toEqual(
      expect.arrayContaining(['alignmentJudge', 'alignmentGeneration', 'gainJudge', 'gainGeneration']),
    );
    expect(Object.keys(JSON.parse(cli(['evaluate', 'T2.b', inst]).stdout).quantities)).toEqual(expect.arrayContaining(['agreementJudge', 'agreementGeneration']));
  });
});

describe('bad input: one clear line, non-zero exit', () => {
  const cases: [string, string[], RegExp][] = [
    ['missing file', ['evaluate', 'T1', join(dir, 'nope.json')], /no such file/],
    ['invalid JSON', ['evaluate', 'T1', file('bad.json', '{"vStar": [1,')], /invalid JSON/],
    ['missing field', ['evaluate', 'T1', file('nou.json', { vStar: [1], g: [0] })], /missing field "u"/],
    ['ragged Sigma', ['evaluate', 'T1', file('rag.json', { vStar: [1, 0], g: [0, 0], u: [1, 1], Sigma: [[1, 0], [0]] })], /Sigma\[1\]: expected length 2/],
    ['wrong length', ['evaluate', 'T1', file('len.json', { vStar: [1, 0], g: [0], u: [1, 1] })], /g: expected length 2/],
    ['NaN as a string', ['evaluate', 'T1', file('nan.json', '{"vStar": ["NaN"], "g": [0], "u": [1]}')], /expected a number/],
    ['overflowing number', ['evaluate', 'T1', file('inf.json', '{"vStar": [1e999], "g": [0], "u": [1]}')], /not a finite number/],
    ['Sigma not SPD', ['evaluate', 'T1', file('spd.json', { vStar: [1, 0], g: [0, 0], u: [1, 1], Sigma: [[1, 2], [2, 1]] })], /not positive definite/],
    ['unknown id', ['evaluate', 'T99', file('ok.json', { vStar: [1], g: [0], u: [1] })], /unknown theorem id "T99"/],
    ['unknown flag', ['check', '--frobnicate'], /Unknown option '--frobnicate'/],
    ['unknown command', ['frobnicate'], /unknown command/],
    ['unknown tag', ['check', 'T1', '--drop', 'isotropic'], /T1 has no tag "isotropic" \(its tags: linear-value\)/],
    ['unknown tag name', ['hunt', 'T2.c', '--drop', 'convergd'], /unknown tag "convergd" for T2\.c \(its tags: linear-value, isotropic, converged\)/],
    ['bad runs', ['check', 'T1', '--runs', 'many'], /--runs: expected a whole number/],
    ['zero vStar', ['evaluate', 'T1', file('zero.json', { vStar: [0, 0], g: [0, 0], u: [1, 1] })], /vStar: must be a non-zero vector/],
    ['__proto__ key', ['evaluate', 'T1', file('proto.json', '{"__proto__": {"x": 1}, "vStar": [1], "g": [0], "u": [1]}')], /forbidden key "__proto__"/],
  ];
  for (const [name, args, message] of cases)
    it(name, () => {
      const r = cli(args);
      expect(r.status, r.stderr + r.stdout).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    });
});
