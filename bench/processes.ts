/**
 * Whole-process timings: the CLI's start (`--version`, `list`), its `hunt T2.c --drop
 * converged` beside the Hypothesis peer doing the same hunt (shared/peers/hypothesis_t2c.py,
 * run with /usr/bin/python3 when python3-hypothesis and python3-numpy are installed). Each is
 * the median of several runs, alternated so that a change of machine load hits both sides.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../bin/rlaif-props.js', import.meta.url));
const PEER = fileURLToPath(new URL('../../shared/peers/hypothesis_t2c.py', import.meta.url));
const PYTHON = '/usr/bin/python3';

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

function timeOnce(cmd: string, args: readonly string[], okStatuses: readonly number[] = [0]): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - t;
  if (r.status === null || !okStatuses.includes(r.status)) throw new Error(`bench: ${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Time several commands, alternating them run by run. */
function alternate(cmds: readonly { what: string; cmd: string; args: readonly string[] }[], runs: number): ProcessTiming[] {
  const times = cmds.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) cmds.forEach((c, j) => times[j].push(timeOnce(c.cmd, c.args)));
  return cmds.map((c, j) => ({ what: c.what, runsMs: times[j], medianMs: median(times[j]) }));
}

/** `--version` and `list`, whole process (node start included). */
export const cliStart = (runs = 9): ProcessTiming[] =>
  alternate(
    [
      { what: 'rlaif-props --version', cmd: process.execPath, args: [CLI, '--version'] },
      { what: 'rlaif-props list', cmd: process.execPath, args: [CLI, 'list'] },
    ],
    runs,
  );

export function peerAvailable(): boolean {
  if (!existsSync(PYTHON) || !existsSync(PEER)) return false;
  return spawnSync(PYTHON, ['-c', 'import hypothesis, numpy'], { stdio: 'ignore' }).status === 0;
}

/** Our hunt (no store written) beside the peer's, or only ours when the peer cannot run. */
export function huntVersusPeer(runs = 5): { ours: ProcessTiming; peer: ProcessTiming | null; speedup: number | null } {
  const ours = { what: 'rlaif-props hunt T2.c --drop converged', cmd: process.execPath, args: [CLI, 'hunt', 'T2.c', '--drop', 'converged', '--no-store'] };
  if (!peerAvailable()) return { ours: alternate([ours], runs)[0], peer: null, speedup: null };
  const [a, b] = alternate([ours, { what: `python3 ${PEER}`, cmd: PYTHON, args: [PEER] }], runs);
  return { ours: a, peer: b, speedup: b.medianMs / a.medianMs };
}
