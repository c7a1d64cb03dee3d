// J by Gauss–Hermite quadrature against the closed forms of E f(m + sZ).
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { link, LINK_KINDS, type LinkSpec } from '../../src/model/link.ts';
import { normalExpectation } from '../../src/numeric/quadrature.ts';
import { SUITE_SEED } from '../support/suite.ts';

const withClosedForm = LINK_KINDS.filter((k) => link({ kind: k, a: 1, b: 0 } as LinkSpec).closedForm && k !== 'abs');

test.prop([fc.constantFrom(...withClosedForm), fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: 0.05, max: 2, noNaN: true })], { seed: SUITE_SEED })(
  'Gauss–Hermite agrees with the closed form for smooth links',
  (kind, m, s) => {
    const f = link({ kind } as LinkSpec);
    const exact = f.closedForm!(m, s);
    expect(Math.abs(normalExpectation(f, m, s, 120) - exact)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(exact)));
  },
);

test.prop([fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: 0.05, max: 2, noNaN: true })], { seed: SUITE_SEED })(
  'the closed form of E|m + sZ| agrees with a fine quadrature away from the kink',
  (m, s) => {
    const f = link({ kind: 'abs' });
    // The kink makes Gauss–Hermite converge slowly: only 1e-3 agreement is expected at 400 nodes.
    expect(Math.abs(normalExpectation(f, m, s, 400) - f.closedForm!(m, s))).toBeLessThanOrEqual(2e-3 * s);
  },
);
