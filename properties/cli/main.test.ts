// The CLI in process: `main(argv)` with stdout and stderr captured. The child-process tests
// (cli.test.ts, hostile/) show the real binary behaves; these reach every command's branches
// cheaply, and they count toward coverage (child processes do not).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { intFlag, listFlag, numberFlag } from '../../src/cli/args.ts';
import { COMMAND_NAMES, loadCommand, loadCommands, usage } from '../../src/cli/commands.ts';
import { oneLine, readJson } from '../../src/cli/io.ts';
import { EXIT } from '../../src/cli/command.ts';
import { progress } from '../../src/cli/progress.ts';
import { InputError } from '../../src/numeric/errors.ts';
import { loadRegistry } from '../../src/theorems/registry.ts';

const PARTS = (await loadRegistry()).parts;
import { listFiles, load, save } from '../../src/runner/store.ts';
import { counterexampleRecord } from '../support/records.ts';
import { mainCaptured } from '../hostile/run.ts';
import { scratchRoot } from '../support/scratch.ts';

interface Captured {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** Run `main` in process with stdout and stderr captured (the hostile corpus's helper). */
async function run(...argv: string[]): Promise<Captured> {
  const r = await mainCaptured(argv);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dir = scratchRoot('main').root;
const file = (name: string, content: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};
const freshStore = (name: string) => {
  const p = join(dir, name);
  mkdirSync(p);
  return p;
};
const oneErrorLine = (r: Captured) => expect(r.err.trim().split('\n'), r.err).toHaveLength(1);

describe('dispatch', () => {
  it('no arguments: usage on stdout, exit 2; --help: exit 0', async () => {
    const none = await run();
    expect(none.code).toBe(EXIT.input);
    expect(none.out).toBe(await usage());
    for (const c of ['list', 'check', 'evaluate', 'hunt', 'necessity', 'replay']) expect(none.out).toContain(`  ${c}`);
    expect((await run('--help')).code).toBe(EXIT.ok);
    expect((await run('help')).code).toBe(EXIT.ok);
  });
  it('--version prints the package version', async () => {
    const r = await run('--version');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
  });
  it('<command> --help prints that command\'s usage', async () => {
    for (const c of ['list', 'check', 'evaluate', 'hunt', 'necessity', 'replay']) {
      const r = await run(c, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`usage: rlaif-props ${c}`));
    }
  });
  it('the index loads each command by name, and no name it does not list', async () => {
    const all = await loadCommands();
    expect(Object.keys(all)).toEqual(COMMAND_NAMES);
    for (const n of COMMAND_NAMES) expect(await loadCommand(n)).toBe(all[n]);
    for (const n of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(await loadCommand(n)).toBeUndefined();
      expect((await run(n)).code).toBe(EXIT.input);
    }
  });
  it('an unknown command is one line and exit 2', async () => {
    const r = await run('frobnicate');
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toBe('rlaif-props: unknown command "frobnicate" (try --help)\n');
  });
});

describe('list', () => {
  it('prints every part, as text and as JSON', async () => {
    const text = await run('list');
    expect(text.code).toBe(0);
    for (const p of PARTS) expect(text.out).toContain(p.id);
    expect(text.out).toMatch(/R1n .*\(variant\)/);
    const json = await run('list', '--json');
    expect(JSON.parse(json.out).map((r: { id: string }) => r.id)).toEqual(PARTS.map((p) => p.id));
  });
  it('--markdown prints the catalogue (docs/THEOREMS.md), from the table of --store', async () => {
    const md = await run('list', '--markdown');
    expect(md.code, md.err).toBe(0);
    expect(md.out).toBe(readFileSync(new URL('../../docs/THEOREMS.md', import.meta.url), 'utf8'));
    const empty = await run('list', '--markdown', '--store', freshStore('list-empty'));
    expect(empty.out).toMatch(/\| \[T1\]\(#t1-kl-budgeted-gain-law\) \| R1 \| `linear-value` \| not analysed yet \|/);
    for (const bad of [['--json', '--markdown'], ['--store', dir]]) {
      const r = await run('list', ...bad);
      expect(r.code).toBe(2);
      oneErrorLine(r);
    }
  });
  it('takes no arguments', async () => {
    const r = await run('list', 'T1');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/list takes no arguments/);
  });
});

describe('check', () => {
  it('holds: runs, precondition hits, seed; --json', async () => {
    const r = await run('check', 'T1.a', '--runs', '10', '--seed', '3');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^T1\.a: holds on 10 runs; 10\/10 draws met the precondition \(100%\); seed 3\n$/);
    const j = await run('check', 'T1', '--runs', '5', '--json');
    expect(JSON.parse(j.out)[0]).toMatchObject({ id: 'T1', outcome: 'holds', runs: 5 });
  });
  it('violated: exit 1 with a replay command, and --path replays it', async () => {
    const r = await run('check', 'T2.c', '--drop', 'converged', '--seed', '1');
    expect(r.code).toBe(1);
    const m = /--seed (\d+) --path ([\d:]+)/.exec(r.out);
    expect(m, r.out).not.toBeNull();
    const again = await run('check', 'T2.c', '--drop', 'converged', '--seed', m![1], '--path', m![2]);
    expect(again.code).toBe(1);
    expect(again.out.split('\n')[1]).toBe(r.out.split('\n')[1]);
  });
  it('refuses a malformed replay path and a path with several parts', async () => {
    const bad = await run('check', 'T1', '--path', '1:x');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--path: expected a replay path/);
    const many = await run('check', 'T1', 'T1.a', '--path', '0');
    expect(many.err).toMatch(/--path replays one part/);
  });
});

describe('evaluate', () => {
  const t1 = file('t1.json', { vStar: [1, 0], g: [0, 1], u: [1, 1], epsilon: 0.5 });
  it('holds: exit 0, one JSON line', async () => {
    const r = await run('evaluate', 'T1', t1);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ id: 'T1', holds: true });
    expect(r.err).toBe('');
  });
  it('violated: exit 1', async () => {
    const r = await run('evaluate', 'T2.c', file('t2c.json', { vStar: [1, 0], g: [-1, 1], w: [0, -1], beta: 1 }), '--drop', 'converged');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).holds).toBe(false);
  });
  it('notes the tags in force that the instance does not meet, after evaluating', async () => {
    const r = await run('evaluate', 'T1', file('sq.json', { vStar: [1], g: [0], u: [1], f: { kind: 'square' } }));
    expect(r.err).toMatch(/^note: the instance does not meet tag\(s\) linear-value in force, so T1 claims nothing about it \(use --drop linear-value\)\n$/);
    expect(JSON.parse(r.out).id).toBe('T1');
  });
  it('a harness error (non-finite quantity) is one line and exit 3', async () => {
    // With ε = 1e-50, β(ε) = ‖u‖/sqrt(2ε) is finite but 1/β overflows nothing: the gain is
    // finite. The harness path is reached by an exp link whose mean overflows instead.
    const r = await run('evaluate', 'T6.b', file('exp.json', { vStar: [1], g: [1e50], u: [1], f: { kind: 'exp' } }));
    expect(r.code).toBe(EXIT.harness);
    oneErrorLine(r);
    expect(r.err).toMatch(/^rlaif-props evaluate: harness error: /);
  });
  it('bad input: one line, exit 2', async () => {
    for (const args of [
      ['evaluate', 'T1'],
      ['evaluate', 'T1', join(dir, 'absent.json')],
      ['evaluate', 'T1', file('bad.json', '{"vStar": [1,\n 2,\n')],
      ['evaluate', 'T1', file('big.json', { vStar: [1e60], g: [0], u: [1] })],
      ['evaluate', 'T1', t1, '--drop', 'nope'],
    ]) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      oneErrorLine(r);
    }
  });
});

describe('hunt', () => {
  it('finds, stores, and recognises the same witness again', async () => {
    const store = freshStore('hunt-store');
    const r = await run('hunt', 'T2.c', '--drop', 'converged', '--seeds', '1', '--store', store);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/T2\.c with converged dropped: COUNTEREXAMPLE \(d = \d+/);
    expect(r.out).toMatch(/stored as /);
    // The path ends its line, the robustness figure is explained, and the replay pastes as it is.
    expect(r.out).toMatch(/^  seed -?\d+, path [\d:]+$/m);
    expect(r.out).toMatch(/^  robustness: survives \d+% of 1e-6 perturbations \(each number nudged by a relative 1e-6 in a random direction; low means the violation sits on an exact boundary\)$/m);
    expect(r.out).toMatch(/^  replay: npx rlaif-props hunt T2\.c --drop converged --runs \d+ --seed -?\d+ --path [\d:]+ --no-store$/m);
    expect(listFiles(store)).toHaveLength(1);
    const again = await run('hunt', 'T2.c', '--drop', 'converged', '--seeds', '1', '--store', store, '--json');
    expect(again.code).toBe(0);
    const j = JSON.parse(again.out);
    expect(j).toMatchObject({ theorem: 'T2.c', dropped: ['converged'] });
    expect(j.file).toBe(listFiles(store)[0]);
    expect(listFiles(store)).toHaveLength(1);
  });
  it('with --shard i/n the progress counts the seeds of that shard: 2/3 of 7 seeds takes seeds 1 and 4, and ends at 2/2', async () => {
    const r = await run('hunt', 'T1', '--drop', 'linear-value', '--runs', '3', '--seeds', '7', '--shard', '2/3', '--no-store');
    const lines = r.err.split('\n').filter((l) => l.startsWith('T1 −linear-value: seed '));
    expect(lines.map((l) => /seed (\d+\/\d+)/.exec(l)![1])).toEqual(['1/2', '2/2']);
    const all = await run('hunt', 'T1', '--drop', 'linear-value', '--runs', '3', '--seeds', '7', '--shard', '1/3', '--no-store');
    expect(all.err).toMatch(/seed 3\/3/);
  });
  it('the printed replay command (seed and path of the one shrink loop) gives the same witness again', async () => {
    const r = await run('hunt', 'T1', '--drop', 'linear-value', '--seed', '11', '--no-store');
    expect(r.code, r.err).toBe(0);
    const replay = /replay: npx rlaif-props (hunt .*)$/m.exec(r.out);
    expect(replay, r.out).not.toBeNull();
    const instance = /instance: (.*)$/m.exec(r.out)![1];
    const again = await run(...replay![1].split(' '));
    expect(again.code, again.err).toBe(0);
    expect(/instance: (.*)$/m.exec(again.out)![1]).toBe(instance);
  });
  it('--path with --seeds is refused (a path replays one seed)', async () => {
    const r = await run('hunt', 'T1', '--drop', 'linear-value', '--seeds', '2', '--path', '0:1');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--path replays one seed/);
  });
  it('--no-store writes nothing', async () => {
    const store = freshStore('hunt-nostore');
    const r = await run('hunt', 'T2.c', '--drop', 'converged', '--seeds', '1', '--no-store', '--store', store);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\(not stored\)/);
    expect(readdirSync(store)).toEqual([]);
  });
  it('not found within the budget: exit 1, text and JSON', async () => {
    const store = freshStore('hunt-none');
    const r = await run('hunt', 'T1.a', '--drop', 'linear-value', '--runs', '2', '--seeds', '1', '--seed', '5', '--store', store, '--time-limit', '60');
    if (r.code === 0) return; // a lucky draw: nothing to say about the not-found branch here
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/no counterexample within 2 draws over 1 seed/);
    const j = await run('hunt', 'T1.a', '--drop', 'linear-value', '--runs', '2', '--seeds', '1', '--seed', '5', '--store', store, '--json');
    expect(JSON.parse(j.out)).toMatchObject({ id: 'T1.a', found: false, runsSpent: 2 });
  });
  it('bad input before any search', async () => {
    for (const [args, msg] of [
      [['hunt'], /exactly one theorem id/],
      [['hunt', 'T1'], /hunt needs --drop/],
      [['hunt', 'T1', '--drop', 'linear-value', '--time-limit', '0'], /--time-limit: expected a number above 0/],
      [['hunt', 'T1', '--drop', 'linear-value', '--store', file('plain', 'x')], /not a directory/],
    ] as const) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(msg);
      oneErrorLine(r);
    }
  });
});

describe('necessity', () => {
  it('prints the table and writes it (merged) into the store', async () => {
    const store = freshStore('necessity-store');
    const r = await run('necessity', 'T2.c', '--runs', '30', '--seeds', '1', '--store', store);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/\| T2\.c \| converged \| load-bearing \|/);
    expect(r.err).toMatch(/T2\.c −converged: load-bearing/);
    // It says where it wrote: the table's files and the store of the witnesses.
    expect(r.err).toMatch(/^wrote \S*necessity-store\/NECESSITY\.md and \S*necessity-store\/necessity\.json$/m);
    expect(r.err).toMatch(/^witnesses: 1 newly found, stored under \S*necessity-store\/<id>\/ /m);
    expect(JSON.parse(readFileSync(join(store, 'necessity.json'), 'utf8')).rows.length).toBe(4);
    expect(readFileSync(join(store, 'NECESSITY.md'), 'utf8')).toMatch(/# Assumption necessity/);
    // A second run finds the stored witness and --json prints the rows.
    const j = await run('necessity', 'T2.c', '--runs', '30', '--seeds', '1', '--store', store, '--json', '--no-write', '--shard', '1/1');
    expect(JSON.parse(j.out).map((x: { verdict: string }) => x.verdict)).toContain('load-bearing');
  });
  it('a corrupt table in the store is an input error naming the file, and it is left as it was', async () => {
    const store = freshStore('necessity-corrupt');
    const table = join(store, 'necessity.json');
    writeFileSync(table, '{"rows": [');
    const r = await run('necessity', 'T1.a', '--runs', '5', '--seeds', '1', '--store', store);
    expect(r.code).toBe(EXIT.input);
    const last = r.err.trim().split('\n').at(-1)!;
    expect(last).toMatch(/^rlaif-props necessity: .*necessity\.json: not readable as JSON \(.*\)$/);
    expect(readFileSync(table, 'utf8')).toBe('{"rows": [');
  });
  it('an unexpected failure inside a command is one line and exit 3', async () => {
    const spy = vi.spyOn((await loadCommand('list'))!, 'run').mockImplementation(() => {
      throw new TypeError('boom');
    });
    try {
      const r = await run('list');
      expect(r.code).toBe(EXIT.harness);
      expect(r.err).toBe('rlaif-props list: internal error: TypeError: boom (RLAIF_DEBUG=1 shows the stack)\n');
    } finally {
      spy.mockRestore();
    }
  });
});

describe('replay', () => {
  const record = counterexampleRecord;
  it('the whole store (default and --store), or the files given', async () => {
    // The default store's own health is replay.test.ts's to report (with the file and why);
    // here only that the command replays all of it and that its exit status agrees with its count.
    const def = await run('replay');
    const [, ok, not] = /(\d+) reproduce, (\d+) do not\n$/.exec(def.out) ?? [];
    expect(Number(ok) + Number(not)).toBe(listFiles().length);
    expect(def.code).toBe(Number(not) ? 1 : 0);
    const store = freshStore('replay-store');
    const { file: f } = save(record(), store);
    const r = await run('replay', '--store', store);
    expect(r.out, r.err).toMatch(/reproduces \(margin -0\.2929\)\n1 reproduce, 0 do not\n$/);
    expect(r.code).toBe(0);
    expect((await run('replay', f)).code).toBe(0);
    expect(load(f).theorem).toBe('T2.c');
  });
  it('a record that no longer violates, or whose margin drifted: exit 1', async () => {
    const store = freshStore('replay-stale');
    save(record({ instance: { vStar: [1, 0], g: [-1, 1], w: [0, -1], beta: 2 }, margin: -5 }), store);
    const r = await run('replay', '--store', store);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/DOES NOT REPRODUCE: margin drifted/);
    expect(r.out).toMatch(/0 reproduce, 1 do not/);
  });
});

describe('helpers', () => {
  it('flags', () => {
    expect(intFlag(undefined, 'n', 7)).toBe(7);
    expect(intFlag('12', 'n', 7)).toBe(12);
    expect(() => intFlag('1.5', 'n', 7)).toThrow(InputError);
    expect(() => intFlag('99', 'n', 7, 0, 10)).toThrow(/between 0 and 10/);
    expect(numberFlag(undefined, 't', 2)).toBe(2);
    expect(numberFlag('0.5', 't', 2)).toBe(0.5);
    for (const bad of ['', ' ', 'x', '-1', '0', 'Infinity']) expect(() => numberFlag(bad, 't', 2), bad).toThrow(InputError);
    expect(listFlag(undefined)).toEqual([]);
    expect(listFlag(' a, b,,c ')).toEqual(['a', 'b', 'c']);
  });
  it('readJson and oneLine', () => {
    expect(readJson(file('bom.json', '\uFEFF{"a": 1}'))).toEqual({ a: 1 });
    expect(() => readJson(dir)).toThrow(/is a directory/);
    expect(oneLine('a\n  b\r\nc')).toBe('a b c');
  });
  it('progress: plain lines off a terminal, a bar on one', () => {
    let err = '';
    const e = process.stderr.write;
    const tty = process.stderr.isTTY;
    process.stderr.write = ((s: string | Uint8Array) => ((err += String(s)), true)) as typeof process.stderr.write;
    try {
      Object.defineProperty(process.stderr, 'isTTY', { value: false, configurable: true });
      const plain = progress('T1 −x', 2);
      plain.update(1, false);
      plain.update(2, true);
      plain.stop();
      expect(err).toBe('T1 −x: seed 1/2\nT1 −x: seed 2/2 (found)\n');
      err = '';
      Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
      const bar = progress('T1 −x', 2);
      bar.update(1, true);
      bar.stop();
      expect(err).toMatch(/T1 −x \[.*\] \d\/2 seeds/);
    } finally {
      process.stderr.write = e;
      Object.defineProperty(process.stderr, 'isTTY', { value: tty, configurable: true });
    }
  });
});

afterEach(() => {
  // Nothing a test here does may touch the project's own store.
  expect(listFiles().every((f) => !f.startsWith(dir))).toBe(true);
});
