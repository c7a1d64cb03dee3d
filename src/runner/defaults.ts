/**
 * The runner's default budget and seed, in a module that imports nothing: the CLI's commands
 * quote them in their help and flag defaults without loading fast-check (check.ts and hunt.ts,
 * which use them, re-export them as before).
 */
export const DEFAULT_SEED = 20_260_303;
export const DEFAULT_HUNT_RUNS = 200;
export const DEFAULT_HUNT_SEEDS = 3;
/** Evaluations of a guided search (src/runner/guided.ts) where random draws find nothing. */
export const DEFAULT_GUIDED_BUDGET = 400;
