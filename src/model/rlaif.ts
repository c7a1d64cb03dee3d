import { sNorm, sqNorm, type Covariance } from '../linalg/covariance.ts';
import { axpy, type Vec } from '../linalg/vec.ts';
import { expectedValue, type ValueModel } from './value.ts';

/**
 * One RLAIF step (THEORY §1): base policy N(μ + Σg, Σ), reward r(h) = <u,h>, KL coefficient β.
 * The KL-regularised optimum is N(μ + Σθ_β, Σ) with θ_β = g + u/β.
 */
export const policyDirection = (g: Vec, u: Vec, beta: number): Vec => axpy(1 / beta, u, g);

/** KL(π_β ‖ π_0) = ‖u‖²_Σ / (2β²). */
export const klDivergence = (S: Covariance, u: Vec, beta: number): number => sqNorm(S, u) / (2 * beta * beta);

/** The β that spends exactly the KL budget ε: β(ε) = ‖u‖_Σ / sqrt(2ε). */
export const betaForBudget = (S: Covariance, u: Vec, epsilon: number): number => sNorm(S, u) / Math.sqrt(2 * epsilon);

/**
 * Gain at KL budget ε, G_ε(u) = J(g + u/β(ε)) − J(g), computed from J (never from the T1
 * formula it is checked against). A zero reward moves nothing: G_ε(0) = 0.
 */
export function gain(M: ValueModel, g: Vec, u: Vec, epsilon: number): number {
  const beta = betaForBudget(M.Sigma, u, epsilon);
  if (beta === 0) return 0;
  return expectedValue(M, policyDirection(g, u, beta)) - expectedValue(M, g);
}
