/** The markdown tables `npm run bench` prints (bench/results.json holds the same figures). */
import { CA_NOTE, type HuntVersusPeer, type ProcessTiming } from './processes.ts';

interface CellRow {
  readonly cell: string;
  readonly id: string;
  readonly d: number;
  readonly k: number;
  readonly latentDim?: number;
  readonly runsPerSecond?: number;
  readonly runs?: number;
  readonly harnessErrors?: number;
  readonly skipped?: string;
  readonly maddsPerRun?: number;
  readonly maddFraction?: number;
}

interface Results {
  readonly machine: { readonly loadAverage: { readonly before: number; readonly after: number } };
  readonly multiplyAdd: { readonly perSecond: number };
  readonly throughput: readonly CellRow[];
  readonly baseline: readonly { id: string; d: number; k: number; structuredMs: number; naiveMs: number; ratio: number }[];
  readonly hunts: readonly { id: string; dropped: readonly string[]; found: boolean; firstHitMs: number | null; shrinkMs: number; draws: number }[];
  readonly cli: readonly ProcessTiming[] | null;
  readonly peer: HuntVersusPeer | null;
  readonly testWallSeconds: number | null;
}

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const rate = (c: CellRow) =>
  c.skipped !== undefined ? 'skipped' : `${fmt(c.runsPerSecond!)}${c.harnessErrors ? ` (${c.harnessErrors}/${c.runs} harness errors)` : ''}`;

export function markdown(r: Results, partIds: readonly string[], dims: readonly number[], ranks: readonly number[], named: readonly string[]): string {
  const grid = r.throughput.filter((c) => c.latentDim === undefined && dims.includes(c.d));
  const out: string[] = [
    `Multiply-add rate ${(r.multiplyAdd.perSecond / 1e9).toFixed(2)} G/s; load average ${r.machine.loadAverage.before.toFixed(2)} before, ${r.machine.loadAverage.after.toFixed(2)} after.`,
    '',
  ];
  if (grid.length > 0) {
    out.push('## Property runs per second', '', `| part | k | ${dims.map((d) => `d=${d}`).join(' | ')} |`, `|---|---|${dims.map(() => '---:').join('|')}|`);
    for (const id of partIds)
      for (const k of ranks) {
        const mine = grid.filter((c) => c.id === id && c.k === k);
        if (mine.length === 0) continue;
        const label = k === 1 && !grid.some((c) => c.id === id && c.k === 16) ? '—' : String(k);
        out.push(`| ${id} | ${label} | ${dims.map((d) => { const c = mine.find((x) => x.d === d); return c ? rate(c) : ''; }).join(' | ')} |`);
      }
    out.push('');
  }
  const listed = r.throughput.filter((c) => named.includes(c.cell) || c.latentDim !== undefined);
  if (listed.length > 0) {
    out.push('## Cells', '', '| cell | runs/s | multiply-adds per run | fraction of the multiply-add rate |', '|---|---:|---:|---:|');
    for (const c of listed) out.push(`| ${c.cell} | ${rate(c)} | ${c.maddsPerRun ?? ''} | ${c.maddFraction === undefined ? '' : `${(100 * c.maddFraction).toFixed(1)} %`} |`);
    out.push('');
  }
  if (r.baseline.length > 0) {
    out.push('## Structured path versus naive dense baseline (ms per evaluation)', '', '| part | d | k | structured | naive | ratio |', '|---|---:|---:|---:|---:|---:|');
    for (const b of r.baseline) out.push(`| ${b.id} | ${b.d} | ${b.k} | ${b.structuredMs.toFixed(3)} | ${b.naiveMs.toFixed(3)} | ${b.ratio.toFixed(1)}× |`);
    out.push('');
  }
  if (r.hunts.length > 0) {
    out.push('## Hunts of load-bearing entries (one seed, default budget)', '', '| part | dropped | found | first hit (ms) | shrink (ms) | draws |', '|---|---|---|---:|---:|---:|');
    for (const h of r.hunts) out.push(`| ${h.id} | ${h.dropped.join(' + ') || '(none)'} | ${h.found ? 'yes' : 'no'} | ${h.firstHitMs ?? ''} | ${h.shrinkMs} | ${h.draws} |`);
    out.push('');
  }
  const procs = [...(r.cli ?? []), ...(r.peer ? [r.peer.ours, r.peer.oursViaNode, ...(r.peer.peer ? [r.peer.peer] : [])] : [])];
  if (procs.length > 0) {
    out.push('## Whole processes (median wall time)', '', '| command | median (ms) | runs (ms) |', '|---|---:|---|');
    for (const p of procs) out.push(`| \`${p.what}\` | ${p.medianMs.toFixed(0)} | ${p.runsMs.map((x) => x.toFixed(0)).join(', ')} |`);
    if (r.peer)
      out.push(
        '',
        r.peer.speedup === null
          ? 'Peer not available (apt-get install -y python3-hypothesis python3-numpy).'
          : `Peer time over ours: ${r.peer.speedup.toFixed(2)}× with ours as a command, ${r.peer.speedupViaNode!.toFixed(2)}× via node (above 1: ours is faster).`,
      );
    out.push('', CA_NOTE);
    out.push('');
  }
  out.push(`npm test wall time: ${r.testWallSeconds === null ? 'not measured' : `${r.testWallSeconds.toFixed(1)} s`}`);
  return `${out.join('\n')}\n`;
}
