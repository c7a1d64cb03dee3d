// Direct facts about the why-sentences of T1, T6 (src/theorems/explain/gain.ts) and T2
// (src/theorems/explain/judge.ts), and the words they share for an instance's link, latent law and
// judge (src/theorems/explain/words.ts). A part's `explain(instance, verdict)` is what a researcher
// reads under a counterexample (`rlaif-props explain`, the HTML report), so each test states the
// exact sentence for a hand-built verdict: every sign and wording alternative, every link, latent
// and judge kind, absent fields and their defaults (identity link, Gaussian latents, linear judge,
// ε = 1), `?` for a parameter that is not a number. The numbers in each sentence are the verdict's
// quantities as num() prints them (three significant figures, a true minus sign, whole numbers as
// they are; src/numeric/format.ts): 1/√2 → "0.707", √2 → "1.41", −0.5 → "−0.5", 1e-9 → "1e−9".
import { describe, expect, it } from 'vitest';
import type { Instance } from '../../src/instance/reader.ts';
import { explainGainSign, explainT1, explainT1a, explainT1b, explainT6a, explainT6b } from '../../src/theorems/explain/gain.ts';
import { explainT2a, explainT2b, explainT2c } from '../../src/theorems/explain/judge.ts';
import { judgeWords, latentWords, linkKind, linkWords } from '../../src/theorems/explain/words.ts';
import type { Evaluation } from '../../src/theorems/types.ts';

/** A violated verdict carrying just the quantities a sentence reads. */
const verdict = (quantities: Record<string, number>): Evaluation => ({ margin: -1, tol: 1e-9, quantities, pre: true });

const EXP: Instance = { f: { kind: 'exp' } };
const CUBIC: Instance = { f: { kind: 'cubic' } };

describe('linkWords: the link of the true value, by kind (THEORY §4)', () => {
  it.each([
    ['identity', 'identity: f(x) = x'],
    ['cubic', 'cubic: f(x) = x³ + x'],
    ['exp', 'exp: f(x) = eˣ'],
    ['square', 'square: f(x) = x² (not monotone)'],
    ['negsquare', 'negsquare: f(x) = −x² (decreasing for x > 0)'],
    ['abs', 'abs: f(x) = |x| (not monotone)'],
    ['sin', 'sin: f(x) = sin x (not monotone)'],
  ])('%s reads "%s"', (kind, words) => {
    expect(linkWords({ f: { kind } })).toBe(words);
  });

  it('tanh and logistic print their slope a and offset b, signs as true minus signs', () => {
    expect(linkWords({ f: { kind: 'tanh', a: 2, b: -0.5 } })).toBe('tanh: f(x) = tanh(2x + −0.5)');
    expect(linkWords({ f: { kind: 'logistic', a: 1.5, b: 0 } })).toBe('logistic: f(x) = 1/(1 + e^−(1.5x + 0))');
    expect(linkWords({ f: { kind: 'tanh', a: Math.SQRT2, b: 1 / 3 } })).toBe('tanh: f(x) = tanh(1.41x + 0.333)');
  });

  it('a parameter that is absent or not a number prints as ?', () => {
    expect(linkWords({ f: { kind: 'tanh' } })).toBe('tanh: f(x) = tanh(?x + ?)');
    expect(linkWords({ f: { kind: 'logistic', a: '2', b: null } })).toBe('logistic: f(x) = 1/(1 + e^−(?x + ?))');
  });

  it('absent, null, not an object, or with a kind that is not a string: the identity', () => {
    expect(linkWords({})).toBe('identity: f(x) = x');
    expect(linkWords({ f: null })).toBe('identity: f(x) = x');
    expect(linkWords({ f: 'exp' })).toBe('identity: f(x) = x');
    expect(linkWords({ f: {} })).toBe('identity: f(x) = x');
    expect(linkWords({ f: { kind: 5 } })).toBe('identity: f(x) = x');
  });

  it('a kind with no formula is named as it is', () => {
    expect(linkWords({ f: { kind: 'spline' } })).toBe('spline');
  });
});

describe('linkKind: just the link\'s name', () => {
  it('the kind given, or identity when absent', () => {
    expect(linkKind(EXP)).toBe('exp');
    expect(linkKind({ f: { kind: 'tanh', a: 1, b: 0 } })).toBe('tanh');
    expect(linkKind({})).toBe('identity');
    expect(linkKind({ f: null })).toBe('identity');
  });
});

describe('latentWords: the law of the latents', () => {
  it('each law of THEORY §4 with what it draws', () => {
    expect(latentWords({ latents: { kind: 'gaussian' } })).toBe('gaussian (z ~ N(0, I))');
    expect(latentWords({ latents: { kind: 'rademacher' } })).toBe('rademacher (each z_i = ±1 with probability ½)');
    expect(latentWords({ latents: { kind: 'uniform' } })).toBe('uniform (each z_i uniform on [−√3, √3])');
  });

  it('absent (or null): Gaussian; an unknown law is named as it is', () => {
    expect(latentWords({})).toBe('gaussian (z ~ N(0, I))');
    expect(latentWords({ latents: null })).toBe('gaussian (z ~ N(0, I))');
    expect(latentWords({ latents: { kind: 'laplace' } })).toBe('laplace');
  });
});

describe('judgeWords: the judge function', () => {
  it('each judge of THEORY §4 with what it scores', () => {
    expect(judgeWords({ judge: { kind: 'linear' } })).toBe('linear (scores <u_c,h>)');
    expect(judgeWords({ judge: { kind: 'sign' } })).toBe('sign (scores sign<u_c,h>)');
    expect(judgeWords({ judge: { kind: 'tanh', a: 3 } })).toBe('tanh (scores tanh(3<u_c,h>))');
    expect(judgeWords({ judge: { kind: 'tanh', a: -0.25 } })).toBe('tanh (scores tanh(−0.25<u_c,h>))');
    expect(judgeWords({ judge: { kind: 'quadratic' } })).toBe('quadratic (scores hᵀQh + <u_c,h>)');
  });

  it('a tanh judge without a number for its slope prints ?', () => {
    expect(judgeWords({ judge: { kind: 'tanh' } })).toBe('tanh (scores tanh(?<u_c,h>))');
  });

  it('absent (or null): linear; an unknown judge is named as it is', () => {
    expect(judgeWords({})).toBe('linear (scores <u_c,h>)');
    expect(judgeWords({ judge: null })).toBe('linear (scores <u_c,h>)');
    expect(judgeWords({ judge: { kind: 'oracle' } })).toBe('oracle');
  });
});

describe('T1: the gain computed from J against the law\'s prediction', () => {
  it('prints the prediction, A(u), ε and the gain, and names the link', () => {
    const q = { predictedGain: 0.5, alignment: Math.SQRT1_2, gain: 0.6789 };
    expect(explainT1({ ...EXP, epsilon: 0.25 }, verdict(q))).toBe(
      'the law predicts G = sqrt(2ε)·‖v*‖_Σ·A(u) = 0.5 (A(u) = 0.707, ε = 0.25), ' +
        'but the gain computed from J is G = 0.679: with exp: f(x) = eˣ the expected true value ' +
        'is not linear in the policy shift, so the gain is not proportional to A(u)',
    );
  });

  it('an instance without ε reads ε = 1 (the instance format\'s default budget)', () => {
    const q = { predictedGain: -1, alignment: -0.5, gain: -2 };
    expect(explainT1(CUBIC, verdict(q))).toBe(
      'the law predicts G = sqrt(2ε)·‖v*‖_Σ·A(u) = −1 (A(u) = −0.5, ε = 1), ' +
        'but the gain computed from J is G = −2: with cubic: f(x) = x³ + x the expected true value ' +
        'is not linear in the policy shift, so the gain is not proportional to A(u)',
    );
    expect(explainT1({ ...CUBIC, epsilon: '0.5' }, verdict(q))).toContain('ε = 1)');
  });
});

describe('T1.a / T6.b: the sign of the gain against the sign of the alignment', () => {
  const sentence = (link: string, A: string, want: string, got: string, G: string) =>
    `the judge has A(u) = ${A}, so the claim needs the RLAIF step to ${want} the expected true value, ` +
    `yet with ${link} it ${got} it: G = ${G}`;
  const sq = 'square: f(x) = x² (not monotone)';
  const SQ: Instance = { f: { kind: 'square' } };

  it('A > 0 needs a raise: the gain lowering it, or leaving it unchanged', () => {
    expect(explainGainSign(SQ, verdict({ alignment: Math.SQRT1_2, gain: -0.5 }))).toBe(sentence(sq, '0.707', 'raise', 'lowers', '−0.5'));
    expect(explainGainSign(SQ, verdict({ alignment: 1, gain: 0 }))).toBe(sentence(sq, '1', 'raise', 'leaves unchanged', '0'));
  });

  it('A < 0 needs a lowering: the gain raising it, or leaving it unchanged', () => {
    expect(explainGainSign(SQ, verdict({ alignment: -0.5, gain: 0.25 }))).toBe(sentence(sq, '−0.5', 'lower', 'raises', '0.25'));
    expect(explainGainSign(SQ, verdict({ alignment: -1 / 3, gain: 0 }))).toBe(sentence(sq, '−0.333', 'lower', 'leaves unchanged', '0'));
  });

  it('A = 0 needs the value left unchanged: the gain raising or lowering it', () => {
    expect(explainGainSign(SQ, verdict({ alignment: 0, gain: 0.1 }))).toBe(sentence(sq, '0', 'leave unchanged', 'raises', '0.1'));
    expect(explainGainSign(SQ, verdict({ alignment: 0, gain: -0.1 }))).toBe(sentence(sq, '0', 'leave unchanged', 'lowers', '−0.1'));
  });

  it('T1.a and T6.b explain with this very sentence; the link defaults to the identity', () => {
    const q = verdict({ alignment: 0.5, gain: -1.5 });
    const want = sentence('identity: f(x) = x', '0.5', 'raise', 'lowers', '−1.5');
    expect(explainT1a({}, q)).toBe(want);
    expect(explainT6b({}, q)).toBe(want);
  });
});

describe('T1.b: the gain against its KL-budget ceiling', () => {
  it('a gain above the ceiling: exceeds, with ε and the link', () => {
    const q = { gain: 1.5, ceiling: Math.SQRT2, collinear: 1 };
    const want =
      'the gain G = 1.5 exceeds the KL-budget ceiling sqrt(2ε)·‖v*‖_Σ = 1.41 (ε = 0.5); ' +
      'with exp: f(x) = eˣ the value grows faster than linearly along v*, which the Cauchy–Schwarz bound assumes';
    expect(explainT1b({ ...EXP, epsilon: 0.5 }, verdict(q))).toBe(want);
    // The same, not collinear: above the ceiling is the reason whatever the direction; no ε: 1.
    expect(explainT1b(EXP, verdict({ ...q, collinear: 0 }))).toBe(want.replace('ε = 0.5', 'ε = 1'));
  });

  it('u collinear with v* and G below the ceiling: the claim needs equality', () => {
    expect(explainT1b(EXP, verdict({ gain: 0.5, ceiling: Math.SQRT2, collinear: 1 }))).toBe(
      'u is a positive multiple of v*, so the claim needs G = ceiling, yet G = 0.5 while the ceiling is 1.41',
    );
  });

  it('u not collinear with v* and G at the ceiling (not above it): the claim needs G < ceiling', () => {
    expect(explainT1b(EXP, verdict({ gain: Math.SQRT2, ceiling: Math.SQRT2, collinear: 0 }))).toBe(
      'u is not a positive multiple of v*, so the claim needs G < ceiling, yet G = 1.41 and the ceiling is 1.41',
    );
  });
});

describe('T6.a: the sampled agreement against Sheppard\'s formula', () => {
  it('Sheppard\'s value for A, the estimate ± its half-width in two figures, the link', () => {
    // A = 1/√2: Sheppard 1 − arccos(1/√2)/π = 3/4.
    const q = { sheppard: 0.75, alignment: Math.SQRT1_2, agreement: 2 / 3, halfWidth: 0.0123 };
    expect(explainT6a({ f: { kind: 'tanh', a: 50, b: 0 } }, verdict(q))).toBe(
      'Sheppard\'s formula predicts Agr = 1 − arccos(A)/π = 0.75 for A(u) = 0.707, ' +
        'but the judge agrees with true values on 0.667 ± 0.012 of sampled pairs: ' +
        'with tanh: f(x) = tanh(50x + 0) the order of V* is not the order of <v*,h>',
    );
  });
});

describe('T2: the judge\'s and generation\'s alignments, and what should follow them', () => {
  const A_BETTER = { alignmentJudge: 0, alignmentGeneration: -Math.SQRT1_2 };
  const A_WORSE = { alignmentJudge: -0.5, alignmentGeneration: 0.25 };
  const A_SAME = { alignmentJudge: 0.5, alignmentGeneration: 0.5 };
  const better = 'the judge is better aligned than generation (A(u_c) = 0 > A(g) = −0.707)';
  const worse = 'the judge is worse aligned than generation (A(u_c) = −0.5 < A(g) = 0.25)';
  const same = 'the judge is as well aligned as generation (A(u_c) = 0.5 = A(g) = 0.5)';

  describe('T2.a: gains at equal KL budget', () => {
    const tail = (link: string) => `: with ${link} gains do not follow alignments`;
    it('the judge better aligned, yet self-training gains more', () => {
      expect(explainT2a(EXP, verdict({ ...A_BETTER, gainJudge: 0.25, gainGeneration: 0.5 }))).toBe(
        `${better}, yet at equal KL budget self-training on g gains more (G(u_c) = 0.25, G(g) = 0.5)${tail('exp: f(x) = eˣ')}`,
      );
    });
    it('the judge worse aligned, yet RLAIF with it gains more', () => {
      expect(explainT2a(CUBIC, verdict({ ...A_WORSE, gainJudge: 1, gainGeneration: -1 }))).toBe(
        `${worse}, yet at equal KL budget RLAIF with the judge gains more (G(u_c) = 1, G(g) = −1)${tail('cubic: f(x) = x³ + x')}`,
      );
    });
    it('equally aligned, and both gain the same; no link: the identity', () => {
      expect(explainT2a({}, verdict({ ...A_SAME, gainJudge: 0.1, gainGeneration: 0.1 }))).toBe(
        `${same}, yet at equal KL budget both gain the same (G(u_c) = 0.1, G(g) = 0.1)${tail('identity: f(x) = x')}`,
      );
    });
  });

  describe('T2.b: agreements', () => {
    const tail = (link: string) => `: with ${link} agreement does not follow alignment`;
    it('the judge better aligned, yet it agrees less often (each estimate ± its half-width in two figures)', () => {
      expect(explainT2b(EXP, verdict({ ...A_BETTER, agreementJudge: 0.6, agreementGeneration: 0.75, halfWidth: 0.0123 }))).toBe(
        `${better}, yet it agrees with true values less often (Agr(u_c) = 0.6, Agr(g) = 0.75, each ± 0.012)${tail('exp: f(x) = eˣ')}`,
      );
    });
    it('the judge worse aligned, yet it agrees more often', () => {
      expect(explainT2b({}, verdict({ ...A_WORSE, agreementJudge: 0.8, agreementGeneration: 2 / 3, halfWidth: 0.02 }))).toBe(
        `${worse}, yet it agrees with true values more often (Agr(u_c) = 0.8, Agr(g) = 0.667, each ± 0.02)${tail('identity: f(x) = x')}`,
      );
    });
  });

  describe('T2.c: the trained policy', () => {
    const tail = (limit: string) =>
      `θ_β = g + u_c/β still carries g, and only as β → 0 does the policy turn to the judge (A → ${limit})`;
    it('one RLAIF step at the instance\'s β: the policy\'s alignment and the β → 0 limit', () => {
      const q = { ...A_BETTER, alignmentPolicy: -0.5, alignmentLimit: 0.25 };
      expect(explainT2c({ beta: 0.5 }, verdict(q))).toBe(
        `${better}, yet one RLAIF step at β = 0.5 leaves the policy at A(θ_β) = −0.5 < A(g): ${tail('0.25')}`,
      );
    });
    it('a β that is absent or not a number prints as ?', () => {
      const q = { ...A_BETTER, alignmentPolicy: -0.5, alignmentLimit: -0.25 };
      expect(explainT2c({}, verdict(q))).toBe(
        `${better}, yet one RLAIF step at β = ? leaves the policy at A(θ_β) = −0.5 < A(g): ${tail('−0.25')}`,
      );
      expect(explainT2c({ beta: '2' }, verdict(q))).toContain('at β = ? leaves');
    });
    it('without a one-step policy: training to convergence, the policy read at the limit', () => {
      const q = { ...A_WORSE, alignmentLimit: -0.6789 };
      expect(explainT2c({ beta: 2 }, verdict(q))).toBe(
        `${worse}, yet training to convergence leaves the policy at A(θ_β) = −0.679 < A(g): ${tail('−0.679')}`,
      );
    });
    it('a limit within rounding of zero (|A| ~ 1e-9) reads 0 in the β → 0 clause', () => {
      const q = { ...A_BETTER, alignmentPolicy: -0.5, alignmentLimit: 1e-9 };
      expect(explainT2c({ beta: 1 }, verdict(q))).toBe(
        `${better}, yet one RLAIF step at β = 1 leaves the policy at A(θ_β) = −0.5 < A(g): ${tail('0')}`,
      );
      expect(explainT2c({ beta: 1 }, verdict({ ...q, alignmentLimit: -1e-9 }))).toMatch(/\(A → 0\)$/);
    });
  });
});

describe('T2.a and T2.b with linear-value in force: the equality the check reads, not only an order', () => {
  // The check is then T1's gain difference ceiling·(A(u_c) − A(g)) (T2.a) or Sheppard's difference
  // of agreements (T2.b); a witness can have the order right and the size wrong.
  it('T2.a names the predicted and the computed difference of gains', () => {
    expect(explainT2a({}, verdict({ alignmentJudge: 0.5, alignmentGeneration: -0.25, gainJudge: 1.5, gainGeneration: 0.25, ceiling: 2 }))).toBe(
      'the judge is better aligned than generation (A(u_c) = 0.5 > A(g) = −0.25); with a linear value T1 makes the gains differ by ' +
        'sqrt(2ε)‖v*‖_Σ·(A(u_c) − A(g)) = 1.5, yet G(u_c) − G(g) = 1.25 (G(u_c) = 1.5, G(g) = 0.25)',
    );
  });
  it("T2.b names Sheppard's difference and the sampled one", () => {
    expect(explainT2b({}, verdict({ alignmentJudge: 1, alignmentGeneration: 0, agreementJudge: 0.75, agreementGeneration: 0.5, halfWidth: 0.01, predictedDifference: 0.5 }))).toBe(
      "the judge is better aligned than generation (A(u_c) = 1 > A(g) = 0); with a linear value Sheppard's formula makes Agr(u_c) − Agr(g) = 0.5, " +
        'yet the sampled difference is 0.25 (Agr(u_c) = 0.75, Agr(g) = 0.5, each ± 0.01)',
    );
  });
});

