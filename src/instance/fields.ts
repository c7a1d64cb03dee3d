/**
 * The instance JSON of THEORY §4: field names, and the extensions this project adds. An
 * instance carrying any other key is rejected, so a typo (`vstar`) is an error rather than a
 * silently defaulted field.
 */
export const THEORY_FIELDS = [
  'Sigma', 'mu', 'vStar', 'g', 'w', 'u', 'r', 'basis', 'beta', 'epsilon', 'delta', 'f',
  'Phi', 'PhiExtra', 'wStar', 'sigma', 'sigmaHigh', 'PhiLarge', 'latents', 'judge',
  'values', 'lambda', 'latentDirections', 'alpha', 'constitutions',
] as const;

/** Extensions: structured covariances for LLM-sized d, and fields of shipped variants. */
export const EXTENSION_FIELDS = [
  'SigmaDiag', // Σ = diag(SigmaDiag) + Σ_j b_j b_jᵀ with b_j the rows of SigmaFactor
  'SigmaFactor',
  'n', // sample size (finite-sample variants)
  'seed', // seed of an instance-level Monte Carlo draw
] as const;

const known = new Set<string>([...THEORY_FIELDS, ...EXTENSION_FIELDS]);

/** Lets a theorem variant declare fields of its own. */
export function registerFields(...names: string[]): void {
  for (const n of names) known.add(n);
}

export const isKnownField = (name: string): boolean => known.has(name);
