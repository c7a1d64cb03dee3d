/**
 * `gaussian-latents`: each latent coordinate becomes the mean of n = ⌈1/λ⌉ bounded ones, whose
 * excess kurtosis κ/n moves from 0 (Gaussian, by the central limit) to the bounded law's κ.
 */
import type { RelaxationPath } from './types.ts';
import { rows, without, withFields } from './types.ts';

/** At most this many copies per latent coordinate (the model's cost grows with the count). */
export const MAX_COPIES = 8;

/** Fields along the `latent` axis (columns of Φ's, entries of w*). */
const COLUMN_FIELDS = ['Phi', 'PhiExtra', 'PhiLarge'] as const;

export const copiesAt = (lambda: number): number => Math.min(MAX_COPIES, Math.max(1, Math.ceil(1 / lambda - 1e-9)));

export const gaussianLatentsPath: RelaxationPath = {
  tag: 'gaussian-latents',
  from: 'dropped',
  frozen: ['latents', 'Phi', 'PhiExtra', 'PhiLarge', 'wStar'],
  parameter: 'excess kurtosis κ/n of each latent coordinate, n = min(8, ⌈1/λ⌉) bounded summands',
  doc:
    'A draw of the widened generator with a bounded latent law (Rademacher, excess kurtosis −2; uniform, −1.2) has ' +
    'each latent coordinate z_j replaced by the mean of n = min(8, ⌈1/λ⌉) independent copies, (z_j1 + … + z_jn)/√n: ' +
    'every column of Φ (and entry of w*) is split into n equal columns scaled by 1/√n. The second moments (ΦΦᵀ, ' +
    'Φw*) are unchanged; the law moves toward the Gaussian, excess kurtosis κ/n. λ = 1 is the draw itself; λ = 0 is ' +
    'the Gaussian law (field omitted). Between 0 and 1/8 the law stays at n = 8 (κ/8), so the path jumps there. ' +
    'Heavy tails are not on the path: the model has no heavy-tailed latent law. Cost of resolution: n copies make ' +
    'm·n latent coordinates, and past 14 Rademacher (or any uniform) coordinates the model estimates by Monte Carlo, ' +
    'whose tolerance can swallow a small violation: near λ = 0 "no witness" can mean "not resolved".',
  relax(inst, lambda) {
    const l = (inst as { latents?: { kind: string } }).latents;
    if (!l || l.kind === 'gaussian') return inst;
    if (lambda === 0) return without(inst, 'latents');
    const n = copiesAt(lambda);
    if (n === 1) return inst;
    const split = (xs: number[]) => xs.flatMap((x) => Array.from({ length: n }, () => x / Math.sqrt(n)));
    const out: Record<string, unknown> = {};
    for (const name of COLUMN_FIELDS) if (name in inst) out[name] = rows((inst as Record<string, unknown>)[name]).map(split);
    if ('wStar' in inst) out.wStar = split([...((inst as { wStar: number[] }).wStar)]);
    return withFields(inst, out);
  },
};
