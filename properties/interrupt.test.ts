// Interrupt safety: a hunt or a necessity run killed with SIGKILL at any moment leaves a valid
// store. Each kill gets a fresh store, so the seeded random kill times fall at different points
// of the same timeline (start-up, hunting, between saves, inside a save, writing the table).
//
// The store's contract (src/runner/store/directory.ts, through src/runner/fs/atomic.ts): a record is written to a dot-prefixed temporary
// `.<name>.<pid>.<time>.tmp`, synced, then hard-linked to its final name. So after a kill there
// is never an empty or partial `<name>.json`; there may be a leftover temporary, which
// `listFiles` ignores and the next `hunt`/`necessity` on the store removes (`cleanTemporaries`,
// which spares the temporaries of writers still running).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeRng } from '../src/numeric/rng.ts';
import { cleanTemporaries, listFiles, load, temporaries } from '../src/runner/store.ts';
import { scratchRoot } from './support/scratch.ts';
import { SUITE_SEED } from './support/suite.ts';

const tmp = scratchRoot('interrupt');

const BIN = fileURLToPath(new URL('../bin/rlaif-props.cjs', import.meta.url));

/** Start the CLI, SIGKILL it after `ms` (unless it has finished); resolves with how it ended. */
function runAndKill(args: string[], ms: number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: 'ignore' });
    let killed = false;
    const timer = setTimeout(() => {
      killed = child.kill('SIGKILL');
    }, ms);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ killed: killed && code === null, code });
    });
  });
}

/** Every problem with a store folder after a kill (empty list: the store is valid). */
function storeProblems(store: string): string[] {
  const problems: string[] = [];
  for (const top of readdirSync(store)) {
    const p = join(store, top);
    if (statSync(p).isDirectory()) {
      for (const f of readdirSync(p)) {
        const file = join(p, f);
        if (f.startsWith('.')) {
          if (!f.endsWith('.tmp')) problems.push(`${top}/${f}: a dot file that is not a temporary`);
          continue; // a temporary may hold anything: it is never read
        }
        if (!f.endsWith('.json')) problems.push(`${top}/${f}: not a .json record`);
        else if (statSync(file).size === 0) problems.push(`${top}/${f}: empty record`);
        else
          try {
            load(file);
          } catch (e) {
            problems.push(`${top}/${f}: ${(e as Error).message}`);
          }
      }
    } else if (top === 'necessity.json') {
      try {
        JSON.parse(readFileSync(p, 'utf8'));
      } catch (e) {
        problems.push(`necessity.json: ${(e as Error).message}`);
      }
    } else if (top === 'NECESSITY.md') {
      if (statSync(p).size === 0) problems.push('NECESSITY.md: empty');
    } else if (top === TABLE_LOCK) {
      // A run killed while it holds the table lock leaves it behind, naming a dead owner; the
      // next run breaks it (the run to completion below checks that it does).
    } else if (!/^\.(necessity\.json|NECESSITY\.md)\.\d+\.\d+\.tmp$/.test(top)) {
      // The table is written through `.<file>.<pid>.<time>.tmp` and a rename (src/runner/necessity-file.ts).
      problems.push(`${top}: unexpected file`);
    }
  }
  return problems;
}

const TABLE_LOCK = '.necessity.lock';

const COMMANDS: readonly string[][] = [
  // Several saves (one per load-bearing tag) and the table write.
  ['necessity', 'T2.a', 'T2.c', 'T4.d', 'T4.e', 'T7.b'],
  // One hunt over several seeds, one save at the end.
  ['hunt', 'T2.c', '--drop', 'converged', '--seeds', '4'],
];

describe('a write cut short between the temporary and the final name', () => {
  it('leaves only temporaries, which listing ignores and cleaning removes unless their writer runs', () => {
    const store = tmp.sub('interrupt');
    const dir = join(store, 'T1');
    mkdirSync(dir);
    // Linux pids stay below 2^22, so this writer is certainly dead; the parent process is alive.
    const dead = join(dir, '.none-0123456789ab.json.99999999.1.tmp');
    const partial = join(dir, '.none-ba9876543210.json.99999998.1.tmp');
    const running = join(dir, `.none-aaaaaaaaaaaa.json.${process.ppid}.1.tmp`);
    writeFileSync(dead, '');
    writeFileSync(partial, '{"theorem": "T1", "drop');
    writeFileSync(running, '{');
    expect(listFiles(store)).toEqual([]);
    expect(storeProblems(store)).toEqual([]);
    expect(temporaries(store).sort()).toEqual([dead, partial, running].sort());
    expect(cleanTemporaries(store).sort()).toEqual([dead, partial].sort());
    expect(temporaries(store)).toEqual([running]);
  });
});

describe('interrupt safety: SIGKILL at random moments leaves a valid store', () => {
  const rng = makeRng(`interrupt-${SUITE_SEED}`);
  const kills = Array.from({ length: 4 }, (_, i) => ({ args: COMMANDS[i % COMMANDS.length], ms: Math.round(400 + 3600 * rng.uniform()) }));

  it(`after ${kills.length} kills (${kills.map((k) => `${k.args[0]} at ${k.ms} ms`).join(', ')}) every store is valid`, async () => {
    const stores: string[] = [];
    // Two at a time: the kills are independent, and the machine has two cores.
    for (let i = 0; i < kills.length; i += 2) {
      const batch = kills.slice(i, i + 2).map(async ({ args, ms }) => {
        const store = tmp.sub('interrupt');
        stores.push(store);
        return { store, ...(await runAndKill([...args, '--store', store], ms)) };
      });
      for (const { store } of await Promise.all(batch)) {
        expect(storeProblems(store), store).toEqual([]);
        for (const f of listFiles(store)) expect(() => load(f)).not.toThrow();
      }
    }
    // The same command run to completion on each killed store: it cleans up the temporaries
    // the kill left, and leaves a store that replays.
    const [store] = stores;
    const done = spawnSync(process.execPath, [BIN, ...kills[0].args, '--store', store], { encoding: 'utf8', timeout: 120_000 });
    expect(done.status, done.stderr).toBe(0);
    expect(temporaries(store)).toEqual([]);
    expect(existsSync(join(store, TABLE_LOCK)), 'a dead owner\'s table lock was not broken').toBe(false);
    expect(storeProblems(store)).toEqual([]);
    expect(listFiles(store).length).toBeGreaterThan(0);
    const replay = spawnSync(process.execPath, [BIN, 'replay', '--store', store], { encoding: 'utf8', timeout: 120_000 });
    expect(replay.status, replay.stdout + replay.stderr).toBe(0);
    for (const s of stores.slice(1)) {
      cleanTemporaries(s);
      expect(temporaries(s)).toEqual([]);
    }
  });
});

describe('a table lock left by a killed run', () => {
  it('is broken by the next run, which neither waits nor fails', () => {
    const store = tmp.sub('lock');
    // No process has this pid (above the Linux pid_max of 4 194 304).
    writeFileSync(join(store, TABLE_LOCK), '99999999');
    const t = Date.now();
    const r = spawnSync(process.execPath, [BIN, 'necessity', 'T1', '--store', store], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(Date.now() - t).toBeLessThan(30_000);
    expect(existsSync(join(store, TABLE_LOCK))).toBe(false);
  });
});
