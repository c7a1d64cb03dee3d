// Hostile input: malformed instance files, malformed counterexample files and bad invocations.
// Every one must end with exactly one clear line on stderr and a non-zero exit status (2: bad
// input), and none may change a stored file: the project's store is hashed before and after, and
// commands that write get a temporary copy of it (--store), hashed too.
//
// Every case runs through the CLI's `main` in process (cheap), and through the real binary in a
// child process: all of them with RLAIF_HOSTILE_CLI=all (`npm run test:hostile`), a
// representative subset in `npm test` (a child process costs about a CPU-second of start-up,
// and the whole corpus would add a minute to the suite).
import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STORE } from '../../src/runner/store.ts';
import { cli } from '../cli/run.ts';
import { cliAsync, mainCaptured, treeHash } from './run.ts';
import { scratchRoot } from '../support/scratch.ts';

const CORPUS = fileURLToPath(new URL('./corpus/', import.meta.url));
const c = (name: string) => join(CORPUS, name);

const tmp = scratchRoot('hostile').root;
// A copy of the project's store, for the commands that write.
const store = join(tmp, 'store');
cpSync(DEFAULT_STORE, store, { recursive: true });
// A plain file where a store folder is expected.
const notADir = join(tmp, 'not-a-directory');
writeFileSync(notADir, 'x\n');
// A store in which the folder a hunt would write to is a file.
const blocked = join(tmp, 'blocked-store');
mkdirSync(blocked);
writeFileSync(join(blocked, 'T2.c'), 'in the way\n');

type Case = readonly [name: string, args: string[], message: RegExp];

/** The cases `npm test` also runs through the real binary: one or two of each kind. */
const REAL_CLI_SAMPLE = new Set([
  'NaN written as a string', '1e308: finite, overflows in the computation', 'truncated JSON (error excerpt spans lines)',
  'arrays nested 10 000 deep', 'missing file', 'theorem id "../../etc"', '__proto__ inside the instance',
  'unknown command', 'malformed replay path', 'hunt whose store folder is blocked by a file',
]);
const ALL_REAL = process.env.RLAIF_HOSTILE_CLI === 'all';

/** Instance files that `evaluate` must reject (exit 2). */
const INSTANCES: Case[] = [
  ['NaN written as a string', ['evaluate', 'T1', c('nan-string.json')], /vStar\[0\]: expected a number, got the string "NaN"/],
  ['Infinity written as a string', ['evaluate', 'T1', c('infinity-string.json')], /g\[0\]: expected a number, got the string "Infinity"/],
  ['bare NaN (not JSON)', ['evaluate', 'T1', c('bare-nan.json')], /invalid JSON/],
  ['1e999 parses to Infinity', ['evaluate', 'T1', c('overflow-1e999.json')], /vStar\[0\]: not a finite number \(Infinity\)/],
  ['1e308: finite, overflows in the computation', ['evaluate', 'T1', c('huge-1e308.json')], /vStar\[0\]: 1e\+308 is outside the supported range/],
  ['1e200 in Σ', ['evaluate', 'T1', c('huge-sigma-1e200.json')], /Sigma\[0\]\[0\]: 1e\+200 is outside the supported range/],
  ['a subnormal number', ['evaluate', 'T1', c('subnormal-1e-320.json')], /outside the supported range/],
  ['ragged Σ', ['evaluate', 'T1', c('ragged-sigma.json')], /Sigma\[1\]: expected length 2, got 1/],
  ['empty Σ', ['evaluate', 'T1', c('empty-sigma.json')], /Sigma: expected at least 1 vector/],
  ['empty vectors', ['evaluate', 'T1', c('empty-vector.json')], /vStar: empty vector/],
  ['vectors of different dimensions', ['evaluate', 'T1', c('wrong-dimension.json')], /g: expected length 3, got 2/],
  ['non-symmetric Σ', ['evaluate', 'T1', c('nonsymmetric-sigma.json')], /Sigma: not symmetric/],
  ['indefinite Σ', ['evaluate', 'T1', c('indefinite-sigma.json')], /Sigma: not positive definite/],
  ['negative diagonal of a structured Σ', ['evaluate', 'T1', c('negative-diagonal.json')], /Sigma: diagonal entry 1 is -1, not positive/],
  ['zero true value direction', ['evaluate', 'T1', c('zero-vstar.json')], /vStar: must be a non-zero vector/],
  ['zero judge direction', ['evaluate', 'T1', c('zero-judge.json')], /u: must be a non-zero vector/],
  ['zero ablated direction', ['evaluate', 'T7.a', c('zero-ablated-direction.json')], /r: must be a non-zero vector/],
  ['objectives of different dimensions', ['evaluate', 'T5.a', c('ragged-values.json')], /values\[1\]: expected length 2, got 1/],
  ['misspelt field', ['evaluate', 'T1', c('unknown-field.json')], /instance: unknown field "vstar"/],
  ['unknown link kind', ['evaluate', 'T1', c('unknown-link.json')], /f: kind must be one of identity, .* \(got "frobnicate"\)/],
  ['tanh link with slope 0', ['evaluate', 'T6.a', c('link-bad-slope.json')], /f\.a: must be positive \(got 0\)/],
  ['unknown latent law', ['evaluate', 'T3.a', c('latents-unknown-kind.json')], /latents: kind must be one of gaussian, rademacher, uniform \(got "cauchy"\)/],
  ['__proto__ key', ['evaluate', 'T1', c('proto-key.json')], /instance: forbidden key "__proto__"/],
  ['constructor key', ['evaluate', 'T1', c('constructor-key.json')], /instance: forbidden key "constructor"/],
  ['__proto__ key inside a field', ['evaluate', 'T1', c('nested-proto-key.json')], /instance\.f: forbidden key "__proto__"/],
  ['an array, not an object', ['evaluate', 'T1', c('array-instance.json')], /instance: expected a JSON object/],
  ['null', ['evaluate', 'T1', c('null-instance.json')], /instance: expected a JSON object/],
  ['truncated JSON (error excerpt spans lines)', ['evaluate', 'T1', c('truncated.json')], /truncated\.json: invalid JSON/],
  ['empty file', ['evaluate', 'T1', c('empty-file.json')], /empty-file\.json: invalid JSON/],
  ['vector nested one level too deep', ['evaluate', 'T1', c('nested-vector.json')], /vStar\[0\]: expected a number, got an array of length 1/],
  ['arrays nested 10 000 deep', ['evaluate', 'T1', c('deep-nesting.json')], /nested more than 16 levels deep/],
  ['negative KL budget', ['evaluate', 'T1', c('negative-epsilon.json')], /epsilon: must be positive \(got -1\)/],
  ['zero KL coefficient', ['evaluate', 'T2.c', c('zero-beta.json'), '--drop', 'converged'], /beta: must be positive \(got 0\)/],
  ['byte-order mark and duplicate keys (the last wins: v* = 0)', ['evaluate', 'T1', c('duplicate-keys-bom.json')], /vStar: must be a non-zero vector/],
  ['missing file', ['evaluate', 'T1', c('no-such-file.json')], /no-such-file\.json: cannot read \(no such file\)/],
  ['a directory for a file', ['evaluate', 'T1', CORPUS.replace(/\/$/, '')], /cannot read \(is a directory\)/],
];

/** Counterexample files that `replay` must reject (exit 2). */
const COUNTEREXAMPLES: Case[] = [
  ['empty object', ['replay', c('cx-empty-object.json')], /cx-empty-object\.json: theorem: .*expected string/],
  ['non-negative margin', ['replay', c('cx-positive-margin.json')], /margin: a counterexample has a negative margin/],
  ['unknown key', ['replay', c('cx-extra-key.json')], /cx-extra-key\.json: \(top level\): Unrecognized key.*extra/],
  ['malformed date', ['replay', c('cx-bad-date.json')], /foundAt: /],
  ['dropped tags not a list', ['replay', c('cx-dropped-not-list.json')], /dropped: .*expected array/],
  ['theorem id "../../etc"', ['replay', c('cx-path-traversal.json')], /unknown theorem id "\.\.\/\.\.\/etc"/],
  ['unknown theorem', ['replay', c('cx-unknown-theorem.json')], /unknown theorem id "T99"/],
  ['unknown dropped tag', ['replay', c('cx-unknown-tag.json')], /unknown tag "frobnicate"/],
  ['instance is an array', ['replay', c('cx-instance-array.json')], /instance: /],
  ['__proto__ inside the instance', ['replay', c('cx-instance-proto.json')], /cx-instance-proto\.json: instance: forbidden key "__proto__"/],
  ['overflowing number inside the instance', ['replay', c('cx-instance-overflow.json')], /instance\.vStar\[0\]: 1e\+300 is outside the supported range/],
  ['missing file', ['replay', c('cx-no-such-file.json')], /cannot read \(no such file or directory\)/],
  ['a directory for a file', ['replay', CORPUS.replace(/\/$/, '')], /cannot read \(is a directory\)/],
  ['--store names a file', ['replay', '--store', notADir], /store .*not-a-directory: not a directory/],
  ['--store does not exist', ['replay', '--store', join(tmp, 'absent')], /--store .*absent: no such directory/],
];

/** Invocations that must be refused before anything runs (exit 2). */
const INVOCATIONS: Case[] = [
  ['unknown command', ['frobnicate'], /unknown command "frobnicate"/],
  ['unknown theorem id', ['evaluate', 'T99', c('valid-t1.json')], /unknown theorem id "T99"/],
  ['unknown tag', ['evaluate', 'T1', c('valid-t1.json'), '--drop', 'frobnicate'], /unknown tag "frobnicate"/],
  ['tag the part does not have', ['check', 'T1', '--drop', 'isotropic'], /T1 has no tag "isotropic"/],
  ['evaluate with three arguments', ['evaluate', 'T1', c('valid-t1.json'), 'extra'], /exactly two arguments/],
  ['malformed replay path', ['check', 'T1', '--path', 'zzz'], /--path: expected a replay path/],
  ['replay path for several parts', ['check', 'T1', 'T2.a', '--path', '0'], /--path replays one part/],
  ['negative runs', ['check', 'T1', '--runs=-5'], /--runs: must be between 1 and/],
  ['unknown flag', ['check', 'T1', '--frobnicate'], /Unknown option '--frobnicate'/],
  ['hunt without --drop', ['hunt', 'T2.b'], /hunt needs --drop/],
  ['hunt with zero seeds', ['hunt', 'T2.b', '--drop', 'linear-value', '--seeds', '0', '--store', store], /--seeds: must be between 1 and/],
  ['hunt --store names a file', ['hunt', 'T2.b', '--drop', 'linear-value', '--store', notADir], /store .*not-a-directory: not a directory/],
  ['hunt whose store folder is blocked by a file', ['hunt', 'T2.c', '--drop', 'converged', '--seeds', '1', '--runs', '30', '--store', blocked], /store .*blocked-store: .*T2\.c: not a directory/],
  ['necessity --store names a file', ['necessity', 'T1', '--store', notADir], /store .*not-a-directory: not a directory/],
  ['necessity with a malformed shard', ['necessity', 'T1', '--shard', '3/2', '--store', store], /--shard: expected i\/n/],
];

describe('hostile input: one clear line on stderr, a non-zero exit, no stored file changed', () => {
  const before = { project: '', copy: '', blocked: '' };
  beforeAll(() => {
    before.project = treeHash(DEFAULT_STORE);
    before.copy = treeHash(store);
    before.blocked = treeHash(blocked);
  });
  afterAll(() => {
    expect(treeHash(DEFAULT_STORE), 'the project store changed').toBe(before.project);
    expect(treeHash(store), 'the temporary store copy changed').toBe(before.copy);
    expect(treeHash(blocked), 'the blocked store changed').toBe(before.blocked);
  });

  it('the corpus holds at least 30 hostile cases', () => {
    expect(INSTANCES.length + COUNTEREXAMPLES.length + INVOCATIONS.length).toBeGreaterThanOrEqual(30);
    // Every corpus file is used by some case (no stale data files).
    const used = new Set([...INSTANCES, ...COUNTEREXAMPLES, ...INVOCATIONS].flatMap(([, args]) => args.filter((a) => a.startsWith(CORPUS)).map((a) => relative(CORPUS, a))));
    for (const f of readdirSync(CORPUS)) expect(used.has(f), `corpus file ${f} is not used`).toBe(true);
  });

  const check = (e: typeof expect, r: { status: number | null; stdout: string; stderr: string }, args: string[], message: RegExp) => {
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    e(r.status, `${args.join(' ')}\n${r.stderr}${r.stdout}`).toBe(2);
    e(lines, r.stderr).toHaveLength(1);
    e(lines[0]).toMatch(/^rlaif-props( \w+)?: /);
    e(lines[0]).not.toMatch(/^\s+at |node:internal|\.ts:\d+/);
    e(lines[0]).toMatch(message);
    e(r.stdout, 'nothing is printed on stdout when the input is refused').toBe('');
  };
  const groups = [['instance', INSTANCES], ['counterexample', COUNTEREXAMPLES], ['invocation', INVOCATIONS]] as const;

  for (const [group, cases] of groups)
    describe(`${group} (in process)`, () => {
      for (const [name, args, message] of cases)
        it(name, async () => {
          check(expect, await mainCaptured(args), args, message);
        });
    });

  for (const [group, cases] of groups)
    // Concurrent: each case is a child process, and the cases are independent.
    describe.concurrent(`${group} (real CLI)`, () => {
      for (const [name, args, message] of cases.filter(([n]) => ALL_REAL || REAL_CLI_SAMPLE.has(n)))
        it(name, async ({ expect }) => {
          check(expect, await cliAsync(args), args, message);
        });
    });

  // An unreadable instance file. As a normal user chmod 000 makes one; tests run as root in CI,
  // where chmod does not stop a read, so there the unreadable path is one whose parent is a
  // plain file (ENOTDIR): the same branch of the reader, reachable by every user.
  it('an unreadable file', () => {
    const root = process.getuid?.() === 0;
    const p = root ? join(notADir, 'unreadable.json') : join(tmp, 'unreadable.json');
    if (!root) {
      writeFileSync(p, readFileSync(c('valid-t1.json')));
      chmodSync(p, 0o000);
    }
    const r = cli(['evaluate', 'T1', p]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(root ? /cannot read \(.*not a directory\)/ : /cannot read \(permission denied\)/);
  });

  it('control: the valid instance of the corpus evaluates (exit 0)', () => {
    const r = cli(['evaluate', 'T1', c('valid-t1.json')]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).holds).toBe(true);
  });
});
