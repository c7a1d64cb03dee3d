/**
 * Whole-process timings: the CLI's start (`--version`, `list`) beside bare `node -e 0` (the
 * floor no node command can go below), and its `hunt T2.c --drop converged` beside the
 * Hypothesis peer doing the same hunt (shared/peers/hypothesis_t2c.py, run with /usr/bin/python3
 * when python3-hypothesis and python3-numpy are installed). Each figure is the median of at least
 * seven runs, the commands alternated run by run (ours, peer, ours, peer…) so that a change of
 * machine load hits every side alike.
 *
 * Ours is timed as a user runs it: the bin executed as a command, in the ambient environment.
 * Its shebang drops NODE_EXTRA_CA_CERTS (bin/rlaif-props.cjs says why): when that variable names
 * a certificate bundle (this sandbox sets it to the system bundle), node 20 parses the whole
 * bundle while it starts, before any JavaScript runs, about 40 ms here. So ours is also timed as
 * `node bin/rlaif-props.cjs …` in the ambient environment, which keeps the variable and pays that
 * cost, and the floor is timed both with the variable and without it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../bin/rlaif-props.cjs', import.meta.url));
const PEER = fileURLToPath(new URL('../../shared/peers/hypothesis_t2c.py', import.meta.url));
const PYTHON = '/usr/bin/python3';
/** At least seven runs per command: fewer medians of a noisy machine are not worth quoting. */
const MIN_RUNS = 7;

/** The environment variable whose certificate bundle node parses at start (see above). */
export const CA_VAR = 'NODE_EXTRA_CA_CERTS';
/** Said under the table: what each way of running ours measures. */
export const CA_NOTE =
  `Ours "as a command" is the bin executed as an installed command is, in the ambient environment: its shebang drops ${CA_VAR}, whose certificate bundle node 20 parses at start, before any JavaScript runs (tens of ms; the suite opens no TLS connection). "via node" is \`node bin/rlaif-props.cjs …\` in the ambient environment, which keeps the variable. \`node -e 0\` is the floor, with the variable and without. Ambient here: ${process.env[CA_VAR] ? `${CA_VAR}=${process.env[CA_VAR]}` : `${CA_VAR} not set (the two floors alike)`}.`;

export interface ProcessTiming {
  readonly what: string;
  /** Wall milliseconds of each run, in the order run. */
  readonly runsMs: readonly number[];
  readonly medianMs: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface Timed {
  readonly what: string;
  readonly cmd: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

function timeOnce(c: Timed): number {
  const t = performance.now();
  const r = spawnSync(c.cmd, c.args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: c.env ?? process.env });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`bench: ${c.cmd} ${c.args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Time several commands, alternating them run by run (one warm-up round first, not counted). */
function alternate(cmds: readonly Timed[], runs: number): ProcessTiming[] {
  const n = Math.max(MIN_RUNS, runs);
  cmds.forEach(timeOnce); // the first run of each reads its files from disk: not what is measured
  const times = cmds.map(() => [] as number[]);
  for (let i = 0; i < n; i++) cmds.forEach((c, j) => times[j].push(timeOnce(c)));
  return cmds.map((c, j) => ({ what: c.what, runsMs: times[j], medianMs: median(times[j]) }));
}

/** The ambient environment without NODE_EXTRA_CA_CERTS. */
function withoutCaBundle(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env[CA_VAR];
  return env;
}


/** Bare node, in the ambient environment and with the bundle unset, adjacent in the rotation. */
const floor = (): Timed[] => [
  { what: `node -e 0 (the floor, ambient env)`, cmd: process.execPath, args: ['-e', '0'] },
  { what: `node -e 0 (the floor, ${CA_VAR} unset)`, cmd: process.execPath, args: ['-e', '0'], env: withoutCaBundle() },
];

/** One of our commands as a command (the bin executed) and via node, both in the ambient environment. */
const bothWays = (args: readonly string[]): Timed[] => [
  { what: `rlaif-props ${args.join(' ')} (as a command)`, cmd: CLI, args },
  { what: `node bin/rlaif-props.cjs ${args.join(' ')} (via node, ambient env)`, cmd: process.execPath, args: [CLI, ...args] },
];

/**
 * Bare node both ways, then `--version` and `list`, whole process (node's start included), each
 * both ways: 21 runs each, since a start of 80 ms moves by ±20 ms from run to run here.
 */
export const cliStart = (runs = 21): ProcessTiming[] => alternate([...floor(), ...bothWays(['--version']), ...bothWays(['list'])], runs);

export function peerAvailable(): boolean {
  if (!existsSync(PYTHON) || !existsSync(PEER)) return false;
  return spawnSync(PYTHON, ['-c', 'import hypothesis, numpy'], { stdio: 'ignore' }).status === 0;
}

export interface HuntVersusPeer {
  /** Ours as a command (the bin executed, ambient environment). */
  readonly ours: ProcessTiming;
  /** Ours via node in the ambient environment (the certificate bundle parsed at start). */
  readonly oursViaNode: ProcessTiming;
  readonly peer: ProcessTiming | null;
  /** Peer median over ours as a command; above 1: ours is faster. */
  readonly speedup: number | null;
  /** The same with ours run via node. */
  readonly speedupViaNode: number | null;
}

/** Our hunt (no store written), both ways, alternated with the peer's; only ours when the peer cannot run. */
export function huntVersusPeer(runs = 9): HuntVersusPeer {
  const ours = bothWays(['hunt', 'T2.c', '--drop', 'converged', '--no-store']);
  const peer: Timed[] = peerAvailable() ? [{ what: `python3 ${PEER}`, cmd: PYTHON, args: [PEER] }] : [];
  // Peer between our two, so each of ours follows or precedes it equally often.
  const t = alternate(peer.length ? [ours[0], peer[0], ours[1]] : ours, runs);
  const [a, p, b] = peer.length ? [t[0], t[1], t[2]] : [t[0], null, t[1]];
  return { ours: a, oursViaNode: b, peer: p, speedup: p ? p.medianMs / a.medianMs : null, speedupViaNode: p ? p.medianMs / b.medianMs : null };
}
