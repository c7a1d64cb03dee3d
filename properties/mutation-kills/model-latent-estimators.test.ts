// Direct facts about the seeded estimates of the latent model (src/model/latent/estimators.ts):
// a draw (z, ξ, h) is h = Φz + ξ with ξ ~ N(0, σ²I); a judge's agreement Agr with V* on worked
// instances whose value is known exactly — Sheppard's 1 − arccos(ρ)/π for a strictly increasing
// judge of a Gaussian score against a strictly increasing f (ρ worked out by hand from Φ, w*, σ,
// u), exact pair enumerations for Rademacher latents (ties count one half), 1 or 0 for a judge
// that reads V* itself or its reverse, exactly 1/2 for a constant judge — each within the stated
// Hoeffding half-width (false-alarm probability α per check); and the gain G_ε of the reward <u,h>
// (T3.c): the Gaussian closed forms (sqrt(2ε)‖w*‖ρ for the identity), the Rademacher tilt solved
// by hand (t tanh t − log cosh t = ε at t = 1), the limit β → 0 when the budget exceeds all the KL
// there is, the uniform tilt against integration of its density, the Monte Carlo route within its
// interval, and the error when the budget cannot be bracketed.
import { describe, expect, it } from 'vitest';
import { dot, vec } from '../../src/linalg/vec.ts';
import { sheppard } from '../../src/model/agreement.ts';
import { latentAgreement, latentGain, latentModel, MAX_ENUMERATED, sampleLatentModel, type JudgeSpec, type LatentKind } from '../../src/model/latent.ts';
import { link, type Link } from '../../src/model/link.ts';
import { hoeffding, MC_ALPHA, MC_SAMPLES } from '../../src/numeric/bounds.ts';
import { normalCdf } from '../../src/numeric/quadrature.ts';
import { makeRng } from '../../src/numeric/rng.ts';
import { SUITE_SEED } from '../support/suite.ts';
import { uniformTilt } from '../support/uniform-tilt.ts';

const near = (got: number, want: number, tol: number, what = '') => expect(Math.abs(got - want), `${what} ${got} vs ${want}`).toBeLessThanOrEqual(tol);
const model = (P: number[][], w: number[], sigma: number, latents: LatentKind = 'gaussian', f?: Link) =>
  latentModel(P.map((r) => vec(r)), vec(w), sigma, { latents, f });
const I2 = [[1, 0], [0, 1]];

describe('sampleLatentModel: h = Φz + ξ', () => {
  it('ξ = h − Φz, exactly 0 when σ = 0; z from the model\'s latent law', () => {
    const P = [[1, 2], [0, -1], [3, 0.5]];
    const rng = makeRng(SUITE_SEED);
    for (const [sigma, latents] of [[0, 'rademacher'], [0.5, 'uniform'], [2, 'gaussian']] as [number, LatentKind][]) {
      const L = model(P, [1, 1], sigma, latents);
      for (let k = 0; k < 50; k++) {
        const { z, xi, h } = sampleLatentModel(L, rng);
        expect([z.length, xi.length, h.length]).toEqual([2, 3, 3]);
        P.forEach((r, i) => near(h[i], r[0] * z[0] + r[1] * z[1] + xi[i], 1e-14));
        if (sigma === 0) expect(xi.every((x) => x === 0)).toBe(true);
        if (latents === 'rademacher') expect(z.every((x) => x === 1 || x === -1)).toBe(true);
        if (latents === 'uniform') expect(z.every((x) => Math.abs(x) <= Math.sqrt(3))).toBe(true);
      }
    }
  });

  it('ξ has variance σ² per coordinate (20 000 draws, σ = 2: 4 ± 6·4·sqrt(2/N), false alarm ~2e-9)', () => {
    const L = model([[1]], [1], 2);
    const rng = makeRng(SUITE_SEED + 1);
    const N = 20_000;
    let s2 = 0;
    for (let k = 0; k < N; k++) s2 += sampleLatentModel(L, rng).xi[0] ** 2;
    near(s2 / N, 4, 6 * 4 * Math.sqrt(2 / N));
  });
});

describe('latentAgreement: estimates of Agr with a known value', () => {
  const N = 100_000;
  const HW = hoeffding(N, MC_ALPHA);
  const agr = (L: ReturnType<typeof model>, judge: JudgeSpec, u: number[], seed: number, n = N) => latentAgreement(L, judge, vec(u), makeRng(SUITE_SEED + seed), n);

  it('reports n, α and the Hoeffding half-width sqrt(ln(2/α)/(2n)); defaults MC_SAMPLES and MC_ALPHA', () => {
    const L = model(I2, [2, 0], 1);
    const e = latentAgreement(L, { kind: 'linear' }, vec([1, 3]), makeRng(1), 5000, 1e-3);
    expect([e.n, e.alpha, e.halfWidth]).toEqual([5000, 1e-3, hoeffding(5000, 1e-3)]);
    const d = latentAgreement(model([[1]], [1], 0, 'uniform'), { kind: 'sign' }, vec([1]), makeRng(1));
    expect([d.n, d.alpha, d.halfWidth]).toEqual([MC_SAMPLES, MC_ALPHA, hoeffding(MC_SAMPLES, MC_ALPHA)]);
  });

  // Φ = I₂, w* = (2, 0), σ = 1, u = (1, 3): Φᵀu = (1, 3), Var<u,h> = 10 + 10 = 20,
  // Cov(<u,h>, <w*,z>) = 2, ‖w*‖ = 2: ρ = 1/√20 and Agr = 1 − arccos(ρ)/π ≈ 0.5713.
  const NOISY = model(I2, [2, 0], 1);
  const RHO = 1 / Math.sqrt(20);

  it("Gaussian latents, linear judge: Sheppard's formula; along w* every pair agrees, against it none", () => {
    near(agr(NOISY, { kind: 'linear' }, [1, 3], 1).estimate, sheppard(RHO), HW);
    // ρ = −3/√(9·2·… ): u = (−3, 1): Φᵀu = (−3, 1), Var = 10 + 10, Cov = −6: ρ = −6/(√20·2) = −3/√20.
    near(agr(NOISY, { kind: 'linear' }, [-3, 1], 2).estimate, sheppard(-3 / Math.sqrt(20)), HW);
    const clean = model(I2, [2, 0], 0);
    expect(agr(clean, { kind: 'linear' }, [1, 0], 3, 2000).estimate).toBe(1);
    expect(agr(clean, { kind: 'linear' }, [-5, 0], 4, 2000).estimate).toBe(0);
  });

  it('a score mostly along w* with noise: Φ = I₂, w* = (2, 0), σ = 1/2, u = (3, 0.3): ρ = 3/sqrt(11.3625)', () => {
    // Φᵀu = (3, 0.3), ‖u‖² = 9.09: Var<u,h> = 9.09 + 9.09/4 = 11.3625; Cov = <(3, 0.3), (2, 0)> = 6;
    // ρ = 6/(2·sqrt(11.3625)) ≈ 0.890, Agr ≈ 0.849. The part of the score along w* (3 of it) and
    // the part across (0.3 from Φᵀu, 1.5 from the noise) enter separately: either one misread
    // moves Agr by 0.05 or more.
    const L = model(I2, [2, 0], 0.5);
    const rho = 3 / Math.sqrt(11.3625);
    near(agr(L, { kind: 'linear' }, [3, 0.3], 23).estimate, sheppard(rho), HW);
    near(agr(L, { kind: 'tanh', a: 0.5 }, [3, 0.3], 24).estimate, sheppard(rho), HW);
    near(agr(model(I2, [2, 0], 0.5, 'gaussian', link({ kind: 'cubic' })), { kind: 'linear' }, [3, 0.3], 25).estimate, sheppard(rho), HW);
  });

  it('a strictly increasing judge (tanh) or link (cubic, exp) changes no pair\'s order: the same Sheppard value', () => {
    near(agr(NOISY, { kind: 'tanh', a: 0.7 }, [1, 3], 5).estimate, sheppard(RHO), HW);
    const cubic = model(I2, [2, 0], 1, 'gaussian', link({ kind: 'cubic' }));
    near(agr(cubic, { kind: 'linear' }, [1, 3], 6).estimate, sheppard(RHO), HW);
    near(agr(cubic, { kind: 'tanh', a: 2 }, [-3, 1], 7).estimate, sheppard(-3 / Math.sqrt(20)), HW);
    const exp = model([[1, 2], [0, 1], [1, 0]], [1, -1], 0.5, 'gaussian', link({ kind: 'exp' }));
    // Φᵀu for u = (1, 0, 2): (3, 2); ‖u‖² = 5: Var = 13 + 0.25·5 = 14.25, Cov = 3 − 2 = 1, ‖w*‖ = √2.
    near(agr(exp, { kind: 'linear' }, [1, 0, 2], 8).estimate, sheppard(1 / Math.sqrt(14.25 * 2)), HW);
  });

  it('a non-monotone link breaks Sheppard: |x| against the judge that reads <w*,z> gets exactly 1/2 in law', () => {
    // V* = |<w*,z>| and the judge's score is <w*,z> itself: by the symmetry z → −z of one draw,
    // agreement and disagreement are equally likely (value ties have probability 0).
    const L = model(I2, [2, 0], 0, 'gaussian', link({ kind: 'abs' }));
    near(agr(L, { kind: 'linear' }, [1, 0], 9).estimate, 0.5, HW);
  });

  it('value ties in floating point (a saturating tanh link) count one half: Agr = 1 − P[tie]/2', () => {
    // Φ = (1), w* = (20), σ = 0, f = tanh(2x), judge <1, h> (it orders the pairs as V* does in
    // exact arithmetic). tanh(40n) is exactly ±1 in floating point once 40|n| reaches the point t*
    // where Math.tanh first returns 1 (found here by bisection), so a pair ties on V* when both
    // draws pass ±t*/40 on the same side: P[tie] = 2(1 − Φ(t*/40))² ≈ 0.2. Every other pair agrees.
    let lo = 1;
    let hi = 40;
    for (let k = 0; k < 200; k++) {
      const mid = (lo + hi) / 2;
      if (Math.tanh(mid) === 1) hi = mid;
      else lo = mid;
    }
    const tie = 2 * (1 - normalCdf(hi / 40)) ** 2;
    expect(tie).toBeGreaterThan(0.15);
    const L = model([[1]], [20], 0, 'gaussian', link({ kind: 'tanh', a: 2, b: 0 }));
    near(agr(L, { kind: 'linear' }, [1], 26).estimate, 1 - tie / 2, HW);
  });

  it('a sign judge on the score that is V* itself: ties (same sign) count 1/2, the rest agree: Agr = 3/4', () => {
    near(agr(model([[1]], [1], 0), { kind: 'sign' }, [1], 10).estimate, 0.75, HW);
    near(agr(model([[1]], [1], 0, 'uniform'), { kind: 'sign' }, [1], 11).estimate, 0.75, HW);
  });

  it('a constant judge (u = 0, or Φᵀu = 0 with σ = 0) ties on every pair: exactly 1/2, under every latent law and judge', () => {
    for (const latents of ['gaussian', 'rademacher', 'uniform'] as const) {
      for (const judge of [{ kind: 'linear' }, { kind: 'sign' }, { kind: 'tanh', a: 1 }, { kind: 'quadratic', Q: [[0, 0], [0, 0]] }] as JudgeSpec[]) {
        expect(agr(model(I2, [1, 2], 0.5, latents), judge, [0, 0], 12, 500).estimate, `${latents} ${judge.kind}`).toBe(0.5);
        // Φ = (1, 1)ᵀ, u = (1, −1): Φᵀu = 0 and σ = 0, so <u,h> = 0 on every draw.
        if (judge.kind !== 'quadratic') expect(agr(model([[1], [1]], [1], 0, latents), judge, [1, -1], 13, 500).estimate).toBe(0.5);
      }
    }
  });

  it('Rademacher, Φ = I₂, w* = (1, 1), judge <e₁, h>: the 16 equally likely pairs give Agr = 11/16', () => {
    // z₁ = z₁′ (half the pairs): a judge tie, 1/2. Otherwise, say z₁ = 1, z₁′ = −1: V* − V*′ =
    // 2 + z₂ − z₂′ is 0 (a value tie, 1/2) for one pair in four, positive (agreement) for three:
    // 7/8. Agr = (1/2)(1/2) + (1/2)(7/8) = 11/16.
    near(agr(model(I2, [1, 1], 0, 'rademacher'), { kind: 'linear' }, [1, 0], 14).estimate, 11 / 16, HW);
    // The same through the quadratic judge with Q = 0 (it reads all of h).
    near(agr(model(I2, [1, 1], 0, 'rademacher'), { kind: 'quadratic', Q: [[0, 0], [0, 0]] }, [1, 0], 15).estimate, 11 / 16, HW);
  });

  it('Rademacher with noise: Φ = (1), σ = 2, judge <2, h>: Agr = 1/4 + Φ(1/√2)/2', () => {
    // The score is 2z + 2ξ, 2ξ ~ N(0, σ²‖u‖² = 16). z = z′ (probability 1/2): a value tie, 1/2.
    // Otherwise z − z′ = ±2 and the judge agrees when ±4 + 2(ξ − ξ′) keeps the sign,
    // 2(ξ − ξ′) ~ N(0, 32): probability Φ(4/√32) = Φ(1/√2).
    const want = 0.25 + normalCdf(Math.SQRT1_2) / 2;
    near(agr(model([[1]], [1], 2, 'rademacher'), { kind: 'linear' }, [2], 16).estimate, want, HW);
    near(agr(model([[1]], [1], 2, 'rademacher'), { kind: 'quadratic', Q: [[0]] }, [2], 17).estimate, want, HW);
  });

  it('uniform latents, σ = 0, the judge reading z or −z: Agr exactly 1 or 0 (no ties in a continuous law)', () => {
    const L = model([[1]], [1], 0, 'uniform');
    expect(agr(L, { kind: 'linear' }, [1], 18, 2000).estimate).toBe(1);
    expect(agr(L, { kind: 'tanh', a: 3 }, [-2], 19, 2000).estimate).toBe(0);
  });

  it('quadratic judges read h in full: Gaussian, Φ = (1), σ = 0, score h² + h against V* = z: Agr = Φ(1/√2)', () => {
    // (z² + z) − (z′² + z′) = (z − z′)(z + z′ + 1): agrees with z − z′ iff z + z′ > −1, and
    // z + z′ ~ N(0, 2). Without the Q term Agr would be 1; without the linear term, 1/2.
    near(agr(model([[1]], [1], 0), { kind: 'quadratic', Q: [[1]] }, [1], 20).estimate, normalCdf(Math.SQRT1_2), HW);
  });

  it('quadratic judge with Q = 0 and noise: the noise enters its score (Φ = (1), σ = 1: ρ = 1/√2, Agr = 3/4)', () => {
    near(agr(model([[1]], [1], 1), { kind: 'quadratic', Q: [[0]] }, [1], 21).estimate, 0.75, HW);
    near(agr(NOISY, { kind: 'quadratic', Q: [[0, 0], [0, 0]] }, [1, 3], 22).estimate, sheppard(RHO), HW);
  });
});

describe('latentGain: G_ε of the reward <u,h> at KL budget ε', () => {
  it('Gaussian, identity link: G = sqrt(2ε)‖w*‖ρ, tilt 1/β = sqrt(2ε/Var<u,h>), KL spent = ε, no sampling', () => {
    // Φ = I₂, w* = (2, 0), σ = 1, u = (1, 3): Var<u,h> = 20, <Φᵀu, w*> = 2, ε = 1/2: β = √20,
    // G = 2/√20 = sqrt(2ε)·2·(1/√20).
    const L = model(I2, [2, 0], 1);
    const g = latentGain(L, vec([1, 3]), 0.5, makeRng(1));
    near(g.estimate, 2 / Math.sqrt(20), 1e-15);
    near(g.tilt, 1 / Math.sqrt(20), 1e-15);
    near(g.kl, 0.5, 1e-15);
    expect([g.halfWidth, g.n]).toEqual([0, 0]);
    // ε = 2: everything scales by sqrt(ε/ε₀) = 2 but the KL, which is ε.
    const g2 = latentGain(L, vec([1, 3]), 2, makeRng(1));
    near(g2.estimate, 4 / Math.sqrt(20), 1e-15);
    near(g2.kl, 2, 1e-14);
  });

  it('Gaussian, nonlinear links: G = E f(m + sZ) − E f(sZ) at the shift m = <Φᵀu, w*>/β', () => {
    const m = 2 / Math.sqrt(20); // as above, ε = 1/2; s = ‖w*‖ = 2
    near(latentGain(model(I2, [2, 0], 1, 'gaussian', link({ kind: 'square' })), vec([1, 3]), 0.5, makeRng(1)).estimate, m * m, 1e-14);
    // cubic x³ + x: E(m + sZ)³ + m = m³ + 3ms² + m, and 0 at m = 0.
    near(latentGain(model(I2, [2, 0], 1, 'gaussian', link({ kind: 'cubic' })), vec([1, 3]), 0.5, makeRng(1)).estimate, m ** 3 + 12 * m + m, 1e-13);
  });

  it('a reward that is constant on h moves nothing: G = 0, tilt 0, KL 0', () => {
    // Φ = (1, 1)ᵀ, u = (1, −1), σ = 0: <u,h> = 0; and u = 0.
    for (const latents of ['gaussian', 'rademacher', 'uniform'] as const) {
      for (const u of [[1, -1], [0, 0]]) {
        const g = latentGain(model([[1], [1]], [1], 0, latents), vec(u), 0.5, makeRng(1));
        expect(g).toEqual({ estimate: 0, halfWidth: 0, n: 0, alpha: 0, tilt: 0, kl: 0 });
      }
    }
  });

  it('Φᵀu = 0 but σ > 0: the reward reads noise only, so the budget is spent (KL = ε) for no gain', () => {
    // Gaussian: Var<u,h> = σ²‖u‖² = 2; <Φᵀu, w*> = 0.
    const g = latentGain(model([[1], [1]], [1], 1), vec([1, -1]), 0.5, makeRng(1));
    expect(g.estimate).toBe(0);
    near(g.tilt, 1 / Math.SQRT2, 1e-15);
    near(g.kl, 0.5, 1e-15);
    // Rademacher: KL(t) = t²σ²‖u‖²/2 = t² = 1/2.
    const r = latentGain(model([[1], [1]], [1], 1, 'rademacher'), vec([1, -1]), 0.5, makeRng(1));
    expect(r.estimate).toBe(0);
    near(r.tilt, Math.SQRT1_2, 1e-12);
    near(r.kl, 0.5, 1e-12);
  });

  // The Rademacher tilt at t = 1: KL of one coordinate = tanh 1 − log cosh 1 ≈ 0.3278 < log 2.
  const KL1 = Math.tanh(1) - Math.log(Math.cosh(1));

  it('Rademacher, identity link: the tilt solving KL = ε, G = Σ w*_i tanh(t·(Φᵀu)_i)', () => {
    // Φ = (1), w* = (1), σ = 0, u = (1): KL(t) = t tanh t − log cosh t = ε at t = 1: G = tanh 1.
    const g = latentGain(model([[1]], [1], 0, 'rademacher'), vec([1]), KL1, makeRng(1));
    near(g.tilt, 1, 1e-12);
    near(g.kl, KL1, 1e-14);
    near(g.estimate, Math.tanh(1), 1e-12);
    expect([g.halfWidth, g.n]).toEqual([0, 0]);
    // u = (2): the same policy, reached at t = 1/2.
    const h = latentGain(model([[1]], [1], 0, 'rademacher'), vec([2]), KL1, makeRng(1));
    near(h.tilt, 0.5, 1e-12);
    near(h.estimate, Math.tanh(1), 1e-12);
    // Φ = I₂, w* = (3, −1), u = (1, −1): each coordinate tilted by ±t, KL = 2·KL₁(t) = 2KL₁ at t = 1,
    // G = 3 tanh 1 + tanh 1.
    const k = latentGain(model(I2, [3, -1], 0, 'rademacher'), vec([1, -1]), 2 * KL1, makeRng(1));
    near(k.tilt, 1, 1e-12);
    near(k.estimate, 4 * Math.tanh(1), 1e-12);
  });

  it('Rademacher with noise: KL(t) = KL₁(t) + t²σ²‖u‖²/2, no ceiling on the budget', () => {
    // Φ = (1), σ = 1, u = (1): KL(1) = KL₁ + 1/2 ≈ 0.83 > log 2, spent at t = 1: G = tanh 1.
    const g = latentGain(model([[1]], [1], 1, 'rademacher'), vec([1]), KL1 + 0.5, makeRng(1));
    near(g.tilt, 1, 1e-12);
    near(g.kl, KL1 + 0.5, 1e-14);
    near(g.estimate, Math.tanh(1), 1e-12);
  });

  it('Rademacher, σ = 0, a budget beyond all the KL there is (log 2 per read coordinate): the limit β → 0', () => {
    // Φ = I₂, w* = (1, 2), u = (1, −1): z = (1, −1) for sure, G = 1 − 2, KL spent 2 log 2.
    const g = latentGain(model(I2, [1, 2], 0, 'rademacher'), vec([1, -1]), 2, makeRng(1));
    expect(g.tilt).toBe(Infinity);
    near(g.estimate, -1, 1e-15);
    near(g.kl, 2 * Math.LN2, 1e-15);
    // u = (1, 0): only z₁ is read (its KL is all there is, log 2); z₂ keeps mean 0: G = 1.
    const h = latentGain(model(I2, [1, 2], 0, 'rademacher'), vec([1, 0]), 1, makeRng(1));
    expect(h.tilt).toBe(Infinity);
    near(h.estimate, 1, 1e-15);
    near(h.kl, Math.LN2, 1e-15);
    // A budget of exactly log 2 is not spent at any finite tilt either (KL₁(t) < log 2 for every
    // finite t): the same limit.
    const e = latentGain(model(I2, [1, 2], 0, 'rademacher'), vec([1, 0]), Math.LN2, makeRng(1));
    expect(e.tilt).toBe(Infinity);
    expect(e.estimate).toBe(1);
    // Just below log 2 the budget is spent at a finite tilt.
    const j = latentGain(model(I2, [1, 2], 0, 'rademacher'), vec([1, 0]), 0.99 * Math.LN2, makeRng(1));
    expect(Number.isFinite(j.tilt)).toBe(true);
    near(j.kl, 0.99 * Math.LN2, 1e-12);
  });

  it('Rademacher, square link, enumerated: G = 4(p² + (1 − p)²) − 2 = 2 tanh² t', () => {
    // Φ = I₂, w* = (1, 1), u = (1, 1), ε = 2KL₁: t = 1, each z_i = 1 with p = (1 + tanh 1)/2;
    // <w*,z>² is 4 when z₁ = z₂, else 0: J = 4(p² + (1 − p)²), J(0) = 2.
    const sq = link({ kind: 'square' });
    const g = latentGain(model(I2, [1, 1], 0, 'rademacher', sq), vec([1, 1]), 2 * KL1, makeRng(1));
    near(g.estimate, 2 * Math.tanh(1) ** 2, 1e-12);
    expect([g.halfWidth, g.n]).toEqual([0, 0]);
    // Beyond 2 log 2: z = (1, 1) for sure, J = 4, G = 2.
    near(latentGain(model(I2, [1, 1], 0, 'rademacher', sq), vec([1, 1]), 3, makeRng(1)).estimate, 2, 1e-15);
    // u = (1, −1): z = (1, −1) in the limit, J = 0, G = −2.
    near(latentGain(model(I2, [1, 1], 0, 'rademacher', sq), vec([1, -1]), 3, makeRng(1)).estimate, -2, 1e-15);
  });

  it('Rademacher, cubic link, enumerated: an odd f sees which way each coordinate is tilted: G = 10 tanh t', () => {
    // Φ = I₂, w* = (1, 1), u = (1, 1), ε = 2KL₁: t = 1. f(s) = s³ + s at s = <w*,z> ∈ {2, 0, 0, −2}:
    // 10, 0, 0, −10: J = 10(p² − (1 − p)²) = 10(2p − 1) = 10 tanh 1, J(0) = 0. With u = (1, −1): 0.
    const cubic = link({ kind: 'cubic' });
    near(latentGain(model(I2, [1, 1], 0, 'rademacher', cubic), vec([1, 1]), 2 * KL1, makeRng(1)).estimate, 10 * Math.tanh(1), 1e-12);
    near(latentGain(model(I2, [1, 1], 0, 'rademacher', cubic), vec([1, -1]), 2 * KL1, makeRng(1)).estimate, 0, 1e-12);
    // u = (1, 0): only z₁ tilted, J = 10p/2 − 10(1 − p)/2 = 5 tanh t, with KL₁(t) = ε.
    near(latentGain(model(I2, [1, 1], 0, 'rademacher', cubic), vec([1, 0]), KL1, makeRng(1)).estimate, 5 * Math.tanh(1), 1e-12);
  });

  it(`Rademacher latents are enumerated exactly up to MAX_ENUMERATED = ${MAX_ENUMERATED} coordinates, sampled beyond`, () => {
    // Φ = I_m, w* = e₁, u = e₁, cubic link, ε = KL₁: G = 2 tanh 1 (only z₁ is read and tilted).
    const at = (m: number) => {
      const P = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i === j ? 1 : 0)));
      const w = [1, ...Array(m - 1).fill(0)];
      return latentGain(model(P, w, 0, 'rademacher', link({ kind: 'cubic' })), vec(w), KL1, makeRng(SUITE_SEED));
    };
    const exact = at(MAX_ENUMERATED);
    expect([exact.n, exact.halfWidth]).toEqual([0, 0]);
    near(exact.estimate, 2 * Math.tanh(1), 1e-12);
    const sampled = at(MAX_ENUMERATED + 1);
    expect(sampled.n).toBe(MC_SAMPLES);
    near(sampled.estimate, 2 * Math.tanh(1), sampled.halfWidth);
  });

  it('uniform latents, identity link: the KL spent and G are the tilted law\'s, by integration of its density', () => {
    // Φ = (1), w* = (1), σ = 0, u = (1): G = E_t z, the tilted mean at the t whose KL is ε.
    for (const eps of [0.05, 0.5, 1.5]) {
      const g = latentGain(model([[1]], [1], 0, 'uniform'), vec([1]), eps, makeRng(1));
      const ref = uniformTilt(g.tilt);
      near(ref.kl, eps, 1e-12, `ε = ${eps}`);
      near(g.kl, eps, 1e-12);
      near(g.estimate, ref.mean, 1e-12);
      expect([g.halfWidth, g.n]).toEqual([0, 0]);
    }
    // Two coordinates, u = (1, 2), Φ = I₂, w* = (1, −1): G = m(t) − m(2t).
    const g = latentGain(model(I2, [1, -1], 0, 'uniform'), vec([1, 2]), 0.4, makeRng(1));
    near(uniformTilt(g.tilt).kl + uniformTilt(2 * g.tilt).kl, 0.4, 1e-12);
    near(g.estimate, uniformTilt(g.tilt).mean - uniformTilt(2 * g.tilt).mean, 1e-12);
  });

  it('uniform latents, square link (Monte Carlo): within its stated interval of E_t z² − 1', () => {
    const g = latentGain(model([[1]], [1], 0, 'uniform', link({ kind: 'square' })), vec([1]), 0.5, makeRng(SUITE_SEED));
    expect([g.n, g.alpha]).toEqual([MC_SAMPLES, MC_ALPHA]);
    expect(g.halfWidth).toBeGreaterThan(0);
    near(uniformTilt(g.tilt).kl, 0.5, 1e-12);
    near(g.estimate, uniformTilt(g.tilt).second - 1, g.halfWidth);
    // A positive, not negligible gain (E_t z² < 3 for any finite tilt): the interval decides its sign.
    expect(g.estimate - g.halfWidth).toBeGreaterThan(0);
    // w* of mixed signs: Φ = I₂, w* = (1, −1), u = (1, 0): (z₁ − z₂)² with z₂ untilted (mean 0,
    // E z₂² = 1, independent of z₁): G = E_t z₁² + 1 − 2 = E_t z₁² − 1 at the t with KL = ε.
    const h = latentGain(model(I2, [1, -1], 0, 'uniform', link({ kind: 'square' })), vec([1, 0]), 0.5, makeRng(SUITE_SEED + 1));
    near(uniformTilt(h.tilt).kl, 0.5, 1e-12);
    near(h.estimate, uniformTilt(h.tilt).second - 1, h.halfWidth);
  });

  it('Rademacher beyond enumeration (m = 15), cubic link x³ + x, Monte Carlo: the read coordinate pinned or tilted', () => {
    const m = 15;
    const P = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i === j ? 1 : 0)));
    const w = [1, ...Array(m - 1).fill(0)];
    const e1 = vec(w);
    const cubic = link({ kind: 'cubic' });
    // ε = 1 > log 2: z₁ = 1 for sure, f(1) = 2 against E f(z₁) = 0: G = 2; with −e₁, −2.
    const L = model(P, w, 0, 'rademacher', cubic);
    const up = latentGain(L, e1, 1, makeRng(SUITE_SEED));
    expect(up.tilt).toBe(Infinity);
    expect(up.n).toBe(MC_SAMPLES);
    near(up.estimate, 2, up.halfWidth);
    const down = latentGain(L, vec(w.map((x) => -x)), 1, makeRng(SUITE_SEED));
    near(down.estimate, -2, down.halfWidth);
    // ε = KL₁: t = 1, P[z₁ = 1] = (1 + tanh 1)/2: G = 2(2p − 1) = 2 tanh 1.
    const mid = latentGain(L, e1, KL1, makeRng(SUITE_SEED + 1));
    near(mid.tilt, 1, 1e-12);
    near(mid.estimate, 2 * Math.tanh(1), mid.halfWidth);
    // Its empirical Bernstein half-width is below Hoeffding's for the range [−4, 4] of the
    // difference: the variance here (~16(1 − tanh²1)/… ≈ 3) is far below the range's worst case 16.
    expect(mid.halfWidth).toBeGreaterThan(0);
    expect(mid.halfWidth).toBeLessThan(hoeffding(MC_SAMPLES, MC_ALPHA, 8));
  });

  // Before a fix in estimators.ts the noise term t²·σ²‖u‖²/2 was ∞·0 = NaN once t² overflowed,
  // which ended the bracketing as if the budget were met: ε = 1000 came back with KL 355 spent.
  it('a budget no double tilt reaches (uniform latents: KL grows like log t) is read at the t → ∞ limit, where the law already is', () => {
    // Φ = (1), w* = (1), σ = 0, identity link: the tilt spending 1000 nats is ~e^1000; the tilted
    // mean √3·(coth x − 1/x) is √3 to within 1/x there, so G = √3 and the budget is spent.
    const g = latentGain(model([[1]], [1], 0, 'uniform'), vec([1]), 1000, makeRng(1));
    expect([g.tilt, g.kl]).toEqual([Infinity, 1000]);
    near(g.estimate, Math.sqrt(3), 1e-15);
  });
});

// Sanity of the worked numbers used above (independent of the code under test).
it('worked numbers: ρ for NOISY from the covariance, KL₁ from the entropy form', () => {
  const b = vec([1, 3]);
  near(dot(b, vec([2, 0])) / (Math.sqrt(dot(b, b) + 10) * 2), 1 / Math.sqrt(20), 1e-15);
  const p = (1 + Math.tanh(1)) / 2;
  near(p * Math.log(2 * p) + (1 - p) * Math.log(2 * (1 - p)), Math.tanh(1) - Math.log(Math.cosh(1)), 1e-15);
});
