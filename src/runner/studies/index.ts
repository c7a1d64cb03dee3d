/**
 * The named studies of `rlaif-props study <name>`: each is seeded and deterministic per
 * (seed, budget), returns its data (plain JSON) and its charts (Vega-Lite specs). Writing files
 * and rendering SVG is the CLI's job (src/cli/study.ts).
 */
import { ceilingStudy } from './ceiling.ts';
import { ceilingCharts, phaseCharts, type StudyChart } from './charts.ts';
import { ceilingTables, phaseTables, type StudyTable } from './tables.ts';
import { t2cPhaseStudy } from './t2c-phase.ts';

export interface StudyResult {
  readonly data: object;
  readonly charts: StudyChart[];
  readonly tables: StudyTable[];
}

export interface Study {
  readonly summary: string;
  /** Objective evaluations per searched cell when --budget is not given. */
  readonly defaultBudget: number;
  run(opts: { seed: string; budget: number; onProgress?: (line: string) => void }): StudyResult;
}

export const STUDIES: Readonly<Record<string, Study>> = {
  ceiling: {
    summary: 'T3.b/T3.c beyond their tags: largest excess correlation over q and largest gain/bound ratio, per latent law (kurtosis) and (d, m)',
    defaultBudget: 600,
    run(opts) {
      const data = ceilingStudy(opts);
      return { data, charts: ceilingCharts(data), tables: ceilingTables(data) };
    },
  },
  't2c-phase': {
    summary: 'T2.c without `converged`: where A(u_c) > A(g) ⇒ A(θ_β) ≥ A(g) holds, over (A(u_c) − A(g), KL budget)',
    defaultBudget: 300,
    run(opts) {
      const data = t2cPhaseStudy(opts);
      return { data, charts: phaseCharts(data), tables: phaseTables(data) };
    },
  },
};

export type { StudyChart, StudyTable };
