/**
 * An independent route to the uniform latent law on [−√3, √3] tilted by e^{az} (THEORY §1's
 * bounded latents), for the facts that check src/model/latent/tilt.ts and the gain built on it:
 * 32 panels of 20-point Gauss–Legendre on [0, √3] (the density is symmetric), with integrands that
 * do not cancel — Z − 1 = mean of cosh(az) − 1 = 2sinh²(az/2), M₁ = mean of z·sinh(az),
 * M₂ = mean of z²·cosh(az) — so that the result is good to rounding even near a = 0. The
 * integrands are entire and vary by at most e^{|a|·√3/32} across a panel; at |a| <= 6 that is
 * e^0.33, where 20 nodes are exact to rounding.
 */
import { gaussLegendre } from '../../src/numeric/quadrature.ts';

const B = Math.sqrt(3);

export function uniformTilt(a: number): { mean: number; second: number; kl: number } {
  const { x, w } = gaussLegendre(20);
  const panels = 32;
  const half = B / (2 * panels);
  let zm1 = 0;
  let m1 = 0;
  let m2 = 0;
  for (let p = 0; p < panels; p++) {
    const mid = (B * (2 * p + 1)) / (2 * panels);
    for (let i = 0; i < x.length; i++) {
      const z = mid + half * x[i];
      const wt = (half * w[i]) / B;
      zm1 += wt * 2 * Math.sinh((a * z) / 2) ** 2;
      m1 += wt * z * Math.sinh(a * z);
      m2 += wt * z * z * Math.cosh(a * z);
    }
  }
  const mean = m1 / (1 + zm1);
  return { mean, second: m2 / (1 + zm1), kl: a * mean - Math.log1p(zm1) };
}
