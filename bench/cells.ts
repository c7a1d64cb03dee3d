/**
 * Bench cells and their names. A throughput cell is one part at one size: `T2.a@4096x16` is T2.a
 * at d = 4096 with a rank-16 constitution, `T3.b@4096m16` is T3.b at d = 4096 with m = 16
 * latent coordinates. `--only` takes these names (comma-separated or repeated), plus the named
 * sections `baseline`, `hunts`, `cli`, `peer` and `test-time`.
 */
export interface CellSize {
  readonly id: string;
  readonly d: number;
  readonly k: number;
  readonly m?: number;
}

export const SECTIONS = ['baseline', 'hunts', 'cli', 'peer', 'test-time'] as const;
export type Section = (typeof SECTIONS)[number];

export const cellName = (c: CellSize): string => (c.m !== undefined ? `${c.id}@${c.d}m${c.m}` : `${c.id}@${c.d}x${c.k}`);

export function parseCell(name: string): CellSize {
  const m = /^([^@]+)@(\d+)(?:x(\d+)|m(\d+))$/.exec(name);
  if (!m) throw new Error(`bench: "${name}" is not a cell (PART@DxK or PART@DmM, e.g. T2.a@4096x16, T3.b@4096m16) nor a section (${SECTIONS.join(', ')})`);
  const [, id, d, k, latent] = m;
  return latent !== undefined ? { id, d: +d, k: 1, m: +latent } : { id, d: +d, k: +k };
}

/** The ceiling at LLM sizes: every T3 and T3s part at d = 4096 and 16384 with m = 16. */
export const LATENT_CELLS: readonly CellSize[] = ['T3.a', 'T3.b', 'T3.c', 'T3s.a', 'T3s.b'].flatMap((id) =>
  [4096, 16384].map((d) => ({ id, d, k: 1, m: 16 })),
);

/** The rank-16 constitutions at d = 4096 whose throughput is set against the multiply-add rate. */
export const RANK_CELLS: readonly CellSize[] = ['T1', 'T2.a', 'T2.c', 'T4.a', 'T4.b', 'T4.c', 'T4.d', 'T4.e'].map((id) => ({ id, d: 4096, k: 16 }));
