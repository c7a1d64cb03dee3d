// The why-sentences of T3/T3s (src/theorems/explain/ceiling.ts) and T4/T5/T7
// (src/theorems/explain/constitutions.ts), pinned word for word: `rlaif-props explain` and the
// HTML report print exactly this text under a witness's quantities, so the sentence is the
// function's output. Each hook is called directly with a minimal instance and a hand-built
// verdict; every number in an expected sentence is the quantity given, as num() prints it
// (three significant figures, ± half-widths in two, a true minus sign, whole numbers as they are).
// Covered: each half of each bound reported on its own, both together (joined), neither (the
// fallback sentence); each comparison at its boundary (a quantity exactly at bound + tol is not
// a break: the strict inequality of THEORY's margins, margin ≥ −tol holds); each departure from
// the linear-Gaussian world (latents, judge, link, their combinations, absent fields and their
// defaults); Σ's three spellings; and the geometry the T4.e and T5.d sentences compute themselves
// (the largest |cos| between latent directions, the most conflicting pair of values in <·,·>_Σ).
import { describe, expect, it } from 'vitest';
import { explainT3b, explainT3c, explainT3sa } from '../../src/theorems/explain/ceiling.ts';
import { explainT4b, explainT4d, explainT4e, explainT5b, explainT5d, explainT7a } from '../../src/theorems/explain/constitutions.ts';
import type { Evaluation } from '../../src/theorems/types.ts';

/** A violating verdict carrying the given quantities (margin and pre do not enter the sentences). */
const verdict = (quantities: Record<string, number>, tol = 1e-6): Evaluation => ({ margin: -1, tol, quantities, pre: true });

// ---------------------------------------------------------------------------------------------
// T3.b: the judge's correlation against the ceiling q, and the probe that should reach it.
// ---------------------------------------------------------------------------------------------
const ABOVE = 'the judge correlates 0.9 with V*, above the ceiling q = 0.5';
const PROBE = 'the probe u* = Σ_h⁺Φw* should reach the ceiling q = 0.5 but correlates only 0.25 with V*';

describe('T3.b explained: which half of the ceiling broke', () => {
  it('a correlation above the ceiling, no equality claimed (equalityMargin absent)', () => {
    expect(explainT3b({}, verdict({ correlation: 0.9, ceiling: 0.5 }))).toBe(ABOVE);
  });

  it('the probe short of the ceiling, the judge at the ceiling', () => {
    // correlation − ceiling = 0 ≤ tol: no first clause (nor for correlation + ceiling = 1).
    expect(explainT3b({}, verdict({ correlation: 0.5, ceiling: 0.5, equalityMargin: -0.5, probeCorrelation: 0.25 }))).toBe(PROBE);
  });

  it('both halves broken: both clauses, joined by ", and "', () => {
    expect(explainT3b({}, verdict({ correlation: 0.9, ceiling: 0.5, equalityMargin: -0.5, probeCorrelation: 0.25 }))).toBe(`${ABOVE}, and ${PROBE}`);
  });

  it('neither half broken beyond tol: the fallback sentence names both numbers', () => {
    const fallback = 'the correlation 0.5 and the ceiling q = 0.5 do not meet as claimed';
    // The equality met exactly (margin 0), met with room (0.5), or not claimed at all.
    for (const equalityMargin of [0, 0.5, undefined]) {
      const q = { correlation: 0.5, ceiling: 0.5, probeCorrelation: 0.25, ...(equalityMargin === undefined ? {} : { equalityMargin }) };
      expect(explainT3b({}, verdict(q)), `equalityMargin ${equalityMargin}`).toBe(fallback);
    }
  });

  it('exactly at the tolerance is no break: correlation − q = tol and equalityMargin = −tol', () => {
    // tol = 0.25 (exact in binary): 0.75 − 0.5 = 0.25 is not > tol; −0.25 is not < −tol.
    expect(explainT3b({}, verdict({ correlation: 0.75, ceiling: 0.5, equalityMargin: -0.25, probeCorrelation: 0.25 }, 0.25)))
      .toBe('the correlation 0.75 and the ceiling q = 0.5 do not meet as claimed');
  });
});

// ---------------------------------------------------------------------------------------------
// The departure clause shared by T3.b and T3.c: which part of the linear-Gaussian world is left.
// ---------------------------------------------------------------------------------------------
describe('T3 explained: the departure from the latent model named after the broken bound', () => {
  const q = verdict({ correlation: 0.9, ceiling: 0.5 });
  const LATENTS_AND_JUDGE = ': with rademacher (each z_i = ±1 with probability ½) latents E[V* | h] is not linear in h, and the sign (scores sign<u_c,h>) judge exploits that';
  const LATENTS_ONLY = ": with uniform (each z_i uniform on [−√3, √3]) latents the policy's tilt exp<θ,h> does not move z as a Gaussian would";
  const LINK = 'with exp: f(x) = eˣ V* = f(<w*,z>) is not linear in z';

  it('Gaussian latents, a linear judge and the identity link, absent or spelled out: no clause', () => {
    expect(explainT3b({}, q)).toBe(ABOVE);
    expect(explainT3b({ latents: { kind: 'gaussian' }, judge: { kind: 'linear' }, f: { kind: 'identity' } }, q)).toBe(ABOVE);
  });

  it('a field that is not an object ({kind: …}) reads as its default, as the words for it do', () => {
    for (const x of [null, 'rademacher', 3]) expect(explainT3b({ latents: x, judge: x }, q), String(x)).toBe(ABOVE);
  });

  it('non-Gaussian latents and a non-linear judge: E[V*|h] is not linear and the judge exploits it', () => {
    expect(explainT3b({ latents: { kind: 'rademacher' }, judge: { kind: 'sign' } }, q)).toBe(ABOVE + LATENTS_AND_JUDGE);
  });

  it('non-Gaussian latents alone (linear judge spelled out or absent): the tilt does not move z as a Gaussian would', () => {
    expect(explainT3b({ latents: { kind: 'uniform' } }, q)).toBe(ABOVE + LATENTS_ONLY);
    expect(explainT3b({ latents: { kind: 'uniform' }, judge: { kind: 'linear' } }, q)).toBe(ABOVE + LATENTS_ONLY);
  });

  it('a non-linear judge alone (Gaussian latents spelled out or absent): the judge named with its parameter, ? when not a number', () => {
    expect(explainT3b({ judge: { kind: 'tanh', a: 2 } }, q)).toBe(`${ABOVE}: the judge is tanh (scores tanh(2<u_c,h>))`);
    expect(explainT3b({ latents: { kind: 'gaussian' }, judge: { kind: 'tanh' } }, q)).toBe(`${ABOVE}: the judge is tanh (scores tanh(?<u_c,h>))`);
  });

  it('a non-identity link alone, and after a latent clause joined by "; "', () => {
    expect(explainT3b({ f: { kind: 'exp' } }, q)).toBe(`${ABOVE}: ${LINK}`);
    expect(explainT3b({ f: { kind: 'exp' }, latents: { kind: 'uniform' } }, q)).toBe(`${ABOVE}${LATENTS_ONLY}; ${LINK}`);
    expect(explainT3b({ f: { kind: 'tanh', a: 1, b: 0.5 } }, q)).toBe(`${ABOVE}: with tanh: f(x) = tanh(1x + 0.5) V* = f(<w*,z>) is not linear in z`);
  });

  it('T3.c carries the same clause after its own', () => {
    const v = verdict({ gain: 2, gainBound: 1, gainHalfWidth: 0.5, ceiling: 0.5, agreement: 0.5, agreementBound: 0.75, agreementHalfWidth: 0.0123 });
    expect(explainT3c({ judge: { kind: 'quadratic' } }, v)).toBe('the gain G = 2 exceeds the bound sqrt(2ε)·q·‖w*‖ = 1 (q = 0.5): the judge is quadratic (scores hᵀQh + <u_c,h>)');
  });
});

// ---------------------------------------------------------------------------------------------
// T3.c: the gain against sqrt(2ε)·q·‖w*‖ and the agreement against 1 − arccos(q)/π, each with
// its Monte Carlo half-width (an absent gain half-width is 0: an exact gain).
// ---------------------------------------------------------------------------------------------
describe('T3.c explained: which of gain and agreement overshoots, beyond its half-width', () => {
  const GAIN = 'the gain G = 2 exceeds the bound sqrt(2ε)·q·‖w*‖ = 1 (q = 0.5)';
  const AGREE = 'the agreement 0.9 ± 0.012 exceeds the bound 1 − arccos(q)/π = 0.75';
  const base = { ceiling: 0.5, gainBound: 1, gainHalfWidth: 0.5, agreementBound: 0.75, agreementHalfWidth: 0.0123 };

  it('the gain alone, the agreement alone, both joined by ", and "', () => {
    expect(explainT3c({}, verdict({ ...base, gain: 2, agreement: 0.5 }))).toBe(GAIN);
    expect(explainT3c({}, verdict({ ...base, gain: 0.5, agreement: 0.9 }))).toBe(AGREE);
    expect(explainT3c({}, verdict({ ...base, gain: 2, agreement: 0.9 }))).toBe(`${GAIN}, and ${AGREE}`);
  });

  it('within bound + half-width (or exactly at it) is no overshoot: the fallback names all four numbers', () => {
    // gain 1.25 ≤ 1 + 0.5 (though above 1 − 0.5 and above the bare bound 1); 1.5 = 1 + 0.5 exactly.
    // agreement 0.8 ≤ 0.75 + 0.125; 0.875 = 0.75 + 0.125 exactly (all exact in binary).
    const w = { ...base, agreementHalfWidth: 0.125 };
    expect(explainT3c({}, verdict({ ...w, gain: 1.25, agreement: 0.8 }))).toBe('the gain 1.25 and agreement 0.8 overshoot their bounds (1, 0.75)');
    expect(explainT3c({}, verdict({ ...w, gain: 1.5, agreement: 0.875 }))).toBe('the gain 1.5 and agreement 0.875 overshoot their bounds (1, 0.75)');
  });

  it('no gain half-width reported: the bare bound is the threshold', () => {
    const { gainHalfWidth: _, ...exact } = base;
    expect(explainT3c({}, verdict({ ...exact, gain: 1.25, agreement: 0.5 })))
      .toBe('the gain G = 1.25 exceeds the bound sqrt(2ε)·q·‖w*‖ = 1 (q = 0.5)');
  });
});

// ---------------------------------------------------------------------------------------------
// T3s.a: the larger model's ceiling below the smaller one's.
// ---------------------------------------------------------------------------------------------
describe('T3s.a explained: the larger model below the smaller', () => {
  const TAIL = 'has ceiling q_B = 0.5, below the smaller model\'s q_A = 0.75: more coordinates help only when they add to what the smaller representation already encodes';
  const q = verdict({ ceilingLarge: 0.5, ceilingSmall: 0.75 });
  it('with PhiLarge given: its row count', () => {
    expect(explainT3sa({ PhiLarge: [[1, 0], [0, 1], [1, 1]] }, q)).toBe(`the larger model (3 rows of its own, not containing the smaller one's) ${TAIL}`);
  });
  it('without PhiLarge (or not a list): just "the larger model"', () => {
    expect(explainT3sa({}, q)).toBe(`the larger model ${TAIL}`);
    expect(explainT3sa({ PhiLarge: 'x' }, q)).toBe(`the larger model ${TAIL}`);
  });
});

// ---------------------------------------------------------------------------------------------
// T4.b: the instance's own constitution below the bound, the construction missing bound + δ.
// ---------------------------------------------------------------------------------------------
describe('T4.b explained: activated below the bound, or the construction not within δ', () => {
  const LOW = "the instance's constitution activates A(Pw) = 0.25, below the bound 0.5";
  const FAR = 'the claim needs a rank-1 constitution within δ = 0.125 of the bound 0.5, but the construction reaches A = 0.9';
  const D1 = 'in d = 1 with <w,v*> > 0 (c = 2) the only activated direction is w itself, so every constitution gives A(Pw) = 1';
  const q = (alignmentActivated: number, alignmentConstructed: number, c = 2, tol = 1e-6) =>
    verdict({ alignmentActivated, alignmentConstructed, bound: 0.5, delta: 0.125, c }, tol);

  it('each half alone, and both joined by "; "', () => {
    expect(explainT4b({ w: [1, 0] }, q(0.25, 0.5))).toBe(LOW);
    expect(explainT4b({ w: [1, 0] }, q(0.5, 0.9))).toBe(FAR);
    expect(explainT4b({ w: [1, 0] }, q(0.25, 0.9))).toBe(`${LOW}; ${FAR}`);
  });

  it('neither half (at the bound; within bound ± δ): the fallback states A(Pw) against the bound', () => {
    expect(explainT4b({ w: [1, 0] }, q(0.5, 0.5))).toBe('A(Pw) = 0.5 against the bound 0.5');
    // tol = 0.25: 0.25 is not < 0.5 − 0.25; 0.875 = 0.5 + 0.125 + 0.25 exactly is not above; 0.75 is within.
    expect(explainT4b({ w: [1, 0] }, q(0.25, 0.875, 2, 0.25))).toBe('A(Pw) = 0.25 against the bound 0.5');
    expect(explainT4b({ w: [1, 0] }, q(0.5, 0.75, 2, 0.25))).toBe('A(Pw) = 0.5 against the bound 0.5');
  });

  it('in d = 1 with c > 0 the construction cannot help: said after the construction clause', () => {
    expect(explainT4b({ w: [2] }, q(0.5, 0.9, 2))).toBe(`${FAR}; ${D1}`);
  });

  it('no d = 1 remark for c ≤ 0, for d = 2, for w absent, or when the construction is within δ', () => {
    expect(explainT4b({ w: [2] }, q(0.5, 0.9, 0))).toBe(FAR);
    expect(explainT4b({ w: [2] }, q(0.5, 0.9, -1))).toBe(FAR);
    expect(explainT4b({ w: [2, 0] }, q(0.5, 0.9, 2))).toBe(FAR);
    expect(explainT4b({}, q(0.5, 0.9, 2))).toBe(FAR);
    expect(explainT4b({ w: [2] }, q(0.25, 0.5, 2))).toBe(LOW);
  });
});

// ---------------------------------------------------------------------------------------------
// Σ in words (T4.d, T5.b, T7.a): dense Σ printed, a structured one named, none the identity.
// ---------------------------------------------------------------------------------------------
describe('T4.d explained: a non-identity Σ turns a Euclidean projection against alignment', () => {
  const TAIL = 'activates u_c = Pw with A(u_c) = −0.25 < 0: P projects in Euclidean geometry, while alignment is a correlation in <·,·>_Σ';
  const q = verdict({ alignmentActivated: -0.25 });
  it('dense Σ printed, the basis as span{…} (outer brackets become braces)', () => {
    expect(explainT4d({ Sigma: [[1, 0.5], [0.5, 1]], basis: [[1, 0], [0, 1]] }, q))
      .toBe(`w = λv* is perfectly aligned, yet with Σ = [[1, 0.5], [0.5, 1]] (not the identity) the constitution span{[1, 0], [0, 1]} ${TAIL}`);
    expect(explainT4d({ Sigma: [[2, 0], [0, 1]], basis: [[1, 1]] }, q))
      .toBe(`w = λv* is perfectly aligned, yet with Σ = [[2, 0], [0, 1]] (not the identity) the constitution span{[1, 1]} ${TAIL}`);
  });
  it('a structured Σ named, no basis: the whole space', () => {
    expect(explainT4d({ SigmaDiag: [1, 2], SigmaFactor: [[1, 1]] }, q))
      .toBe(`w = λv* is perfectly aligned, yet with a structured Σ (not the identity) the constitution the whole space ${TAIL}`);
  });
  it('no Σ at all: Σ = I', () => {
    expect(explainT4d({ basis: [[0, 1]] }, q)).toBe(`w = λv* is perfectly aligned, yet with Σ = I (not the identity) the constitution span{[0, 1]} ${TAIL}`);
  });
});

describe('T5.b explained: the cone in Σ\'s geometry, the angle also in degrees', () => {
  const q = verdict({ estimate: 0.3, halfWidth: 0.0123, fraction: 0.25, phi: Math.PI / 2 });
  const tail = 'the cone C = {u : <u, Σv_i> > 0} lives in Σ\'s geometry: a fraction 0.3 ± 0.012 of the sphere lies in C, not (π − φ)/(2π) = 0.25 for the Euclidean angle φ = 1.57 (90°)';
  it('for each spelling of Σ', () => {
    expect(explainT5b({ Sigma: [[2, 0], [0, 1]] }, q)).toBe(`with Σ = [[2, 0], [0, 1]] ${tail}`);
    expect(explainT5b({ SigmaDiag: [2, 1] }, q)).toBe(`with a structured Σ ${tail}`);
    expect(explainT5b({}, q)).toBe(`with Σ = I ${tail}`);
  });
  it('φ = π/3 reads 60°', () => {
    const v = verdict({ estimate: 0.3, halfWidth: 0.0123, fraction: 1 / 3, phi: Math.PI / 3 });
    expect(explainT5b({}, v)).toContain('= 0.333 for the Euclidean angle φ = 1.05 (60°)');
  });
});

describe('T7.a explained: ablation removes a Euclidean direction, not a correlation', () => {
  const q = verdict({ alignmentAfterAblation: 0.25, agreementAfterAblation: 0.6, halfWidth: 0.0123, alignmentBefore: 0.9 });
  const tail = 'the ablation h ↦ (I − r̂r̂ᵀ)h removes r\'s Euclidean direction, not its correlation with the rest: the judge keeps A = 0.25 (0 claimed) and Agr = 0.6 ± 0.012 (½ claimed); before ablation A = 0.9';
  it('for each spelling of Σ (a dense Σ wins over a structured one given alongside)', () => {
    expect(explainT7a({ SigmaDiag: [1, 2], SigmaFactor: [[1, 1]] }, q)).toBe(`with a structured Σ ${tail}`);
    expect(explainT7a({ Sigma: [[1, 0], [0, 3]], SigmaDiag: [1, 2] }, q)).toBe(`with Σ = [[1, 0], [0, 3]] ${tail}`);
    expect(explainT7a({}, q)).toBe(`with Σ = I ${tail}`);
  });
});

// ---------------------------------------------------------------------------------------------
// T4.e: the latent index (1-based) and the largest |cos| between two distinct latent directions.
// ---------------------------------------------------------------------------------------------
describe('T4.e explained: the ℓ_k are not orthonormal, by how much', () => {
  const sentence = (j: string, cos: string) =>
    `${j} enters the readout with α = 0.5 > 0 and is anti-social (A(${j}) = −0.5), yet span{${j}} activates u_c with A(u_c) = 0.25, not A(${j}): ` +
    `the ℓ_k are not orthonormal (largest |cos| between two of them: ${cos}), so projecting w onto ${j} also collects the others' weights`;
  const q = (j: number) => verdict({ j, alphaJ: 0.5, alignmentLatent: -0.5, alignmentActivated: 0.25 });

  it('ℓ_1 = (1,0), ℓ_2 = (1,1): |cos| = 1/√2', () => {
    expect(explainT4e({ latentDirections: [[1, 0], [1, 1]] }, q(0))).toBe(sentence('ℓ_1', '0.707'));
  });

  it('the largest over the pairs, never a direction with itself: (1,0), (0,1), (3,4) give 0, 0.6, 0.8', () => {
    expect(explainT4e({ latentDirections: [[1, 0], [0, 1], [3, 4]] }, q(2))).toBe(sentence('ℓ_3', '0.8'));
  });

  it('|cos|, not cos: (1,0) and (−3,4) give 0.6', () => {
    expect(explainT4e({ latentDirections: [[1, 0], [-3, 4]] }, q(1))).toBe(sentence('ℓ_2', '0.6'));
  });

  it('orthogonal directions give 0; so does a zero direction (no angle), or none given', () => {
    expect(explainT4e({ latentDirections: [[2, 0], [0, 3]] }, q(0))).toBe(sentence('ℓ_1', '0'));
    expect(explainT4e({ latentDirections: [[1, 0], [0, 0], [1, 1]] }, q(0))).toBe(sentence('ℓ_1', '0.707'));
    expect(explainT4e({ latentDirections: [[1, 0], [0, 0]] }, q(0))).toBe(sentence('ℓ_1', '0'));
    expect(explainT4e({}, q(0))).toBe(sentence('ℓ_1', '0'));
  });
});

// ---------------------------------------------------------------------------------------------
// T5.d: the most conflicting pair of values in <·,·>_Σ (if any is negative), λ if given.
// ---------------------------------------------------------------------------------------------
describe('T5.d explained: conflicting objectives, and the objective the mixture harms', () => {
  const q = verdict({ minImprovement: -0.25, minSlack: -0.5 });
  const TAIL = 'harms an objective: min_j <u, v_j>_Σ = −0.25 (the claim\'s floor λ_j‖v_j‖²_Σ is missed by 0.5)';

  it('v = (1,0), (−1,1), (0,1) with Σ = I: the pairs give −1, 0, 1; the conflict is <v_1, v_2>', () => {
    expect(explainT5d({ values: [[1, 0], [-1, 1], [0, 1]], lambda: [0.5, 0.25, 0.25] }, q))
      .toBe(`the objectives conflict (<v_1, v_2>_Σ = −1 < 0), and the mixture u = Σλ_i v_i with λ = [0.5, 0.25, 0.25] ${TAIL}`);
  });

  it('the inner product is Σ\'s: Σ = diag(2, 1) doubles the conflict to −2', () => {
    expect(explainT5d({ values: [[1, 0], [-1, 1], [0, 1]], Sigma: [[2, 0], [0, 1]] }, q))
      .toBe(`the objectives conflict (<v_1, v_2>_Σ = −2 < 0), and the mixture u = Σλ_i v_i ${TAIL}`);
  });

  it('the most negative pair wins, whichever comes later: v = (1,0), (0,1), (−1,−1) give 0, −1, −1 → <v_1, v_3>', () => {
    // Pairs (1,2) = 0, (1,3) = −1, (2,3) = −1: the first most negative pair in reading order.
    expect(explainT5d({ values: [[1, 0], [0, 1], [-1, -1]] }, q)).toBe(`the objectives conflict (<v_1, v_3>_Σ = −1 < 0), and the mixture u = Σλ_i v_i ${TAIL}`);
    // Pairs (1,2) = −2, (1,3) = −1, (2,3) = 1.5: the most negative is the first one.
    expect(explainT5d({ values: [[2, 0], [-1, 1], [-0.5, 1]] }, q)).toBe(`the objectives conflict (<v_1, v_2>_Σ = −2 < 0), and the mixture u = Σλ_i v_i ${TAIL}`);
  });

  it('a tie between pairs names the first one: v = (1,0), (−1,0), (−1,0)', () => {
    expect(explainT5d({ values: [[1, 0], [-1, 0], [-1, 0]] }, q)).toBe(`the objectives conflict (<v_1, v_2>_Σ = −1 < 0), and the mixture u = Σλ_i v_i ${TAIL}`);
  });

  it('no conflict when every pair is orthogonal or agrees: no conflict clause', () => {
    expect(explainT5d({ values: [[1, 0], [0, 1]] }, q)).toBe(`the mixture u = Σλ_i v_i ${TAIL}`);
    expect(explainT5d({ values: [[1, 0], [1, 1]], lambda: [1, 1] }, q)).toBe(`the mixture u = Σλ_i v_i with λ = [1, 1] ${TAIL}`);
  });

  it('an instance the reader rejects (Σ not positive definite, no values) names no conflict, the numbers still stand', () => {
    expect(explainT5d({ values: [[1, 0], [-1, 0]], Sigma: [[1, 2], [2, 1]] }, q)).toBe(`the mixture u = Σλ_i v_i ${TAIL}`);
    expect(explainT5d({}, q)).toBe(`the mixture u = Σλ_i v_i ${TAIL}`);
  });

  it('the miss is −minSlack: a slack of −0.125 is missed by 0.125', () => {
    expect(explainT5d({ values: [[1, 0], [0, 1]] }, verdict({ minImprovement: 0.5, minSlack: -0.125 })))
      .toBe('the mixture u = Σλ_i v_i harms an objective: min_j <u, v_j>_Σ = 0.5 (the claim\'s floor λ_j‖v_j‖²_Σ is missed by 0.125)');
  });
});
