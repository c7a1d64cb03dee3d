import { normalCdf, normalExpectation } from '../numeric/quadrature.ts';

/**
 * Link functions f of the true value V*(h) = f(<v*,h>) (THEORY §1, §4 `f`).
 * `monotone` marks the strictly increasing ones (tag `monotone-value`); `identity` alone
 * satisfies `linear-value`. Where E[f(m + sZ)] has a closed form it is given, both to make
 * J exact at kinks (|x|) and to cross-check the Gauss–Hermite rule everywhere else.
 */
export type LinkSpec = BaseLinkSpec & {
  /**
   * Weight w in [0, 1] of the blend f_w(x) = (1 − w)·x + w·g(x) of the identity and the kind's
   * own g (absent: 1, g itself). It is how a relaxation path (src/relaxation/) moves a link
   * continuously away from the identity, so that the break point of a claim has a place to sit.
   */
  weight?: number;
};

type BaseLinkSpec =
  | { kind: 'identity' }
  | { kind: 'cubic' }
  | { kind: 'exp' }
  | { kind: 'tanh'; a: number; b: number }
  | { kind: 'logistic'; a: number; b: number }
  | { kind: 'square' }
  | { kind: 'negsquare' }
  | { kind: 'abs' }
  | { kind: 'sin' };

export type LinkKind = LinkSpec['kind'];

export const MONOTONE_KINDS: readonly LinkKind[] = ['identity', 'cubic', 'exp', 'tanh', 'logistic'];
export const NON_MONOTONE_KINDS: readonly LinkKind[] = ['square', 'negsquare', 'abs', 'sin'];
export const LINK_KINDS: readonly LinkKind[] = [...MONOTONE_KINDS, ...NON_MONOTONE_KINDS];

export interface Link {
  readonly spec: LinkSpec;
  readonly monotone: boolean;
  (x: number): number;
  /** E[f(m + sZ)], Z ~ N(0,1), in closed form when one exists. */
  closedForm?: (m: number, s: number) => number;
}

export function link(spec: LinkSpec): Link {
  const w = spec.weight ?? 1;
  if (w === 1 || spec.kind === 'identity') return pureLink(spec);
  const g = pureLink(spec);
  const f = (x: number) => (1 - w) * x + w * g(x);
  const closedForm = g.closedForm && ((m: number, s: number) => (1 - w) * m + w * g.closedForm!(m, s));
  return Object.assign(f, { spec, monotone: blendMonotone(spec.kind, w), closedForm });
}

/**
 * Whether (1 − w)x + w·g(x) is strictly increasing: always for an increasing g; for |x| and
 * sin x while the identity's slope 1 − w outweighs g's steepest descent w (w < 1/2; sin's
 * slope −1 is only touched at isolated points, so w = 1/2 still increases strictly); never for
 * ±x², whose slope is unbounded.
 */
function blendMonotone(kind: LinkKind, w: number): boolean {
  if (MONOTONE_KINDS.includes(kind) || w === 0) return true;
  if (kind === 'abs') return w < 0.5;
  if (kind === 'sin') return w <= 0.5;
  return false;
}

function pureLink(spec: LinkSpec): Link {
  const make = (f: (x: number) => number, closedForm?: (m: number, s: number) => number): Link =>
    Object.assign(f, { spec, monotone: MONOTONE_KINDS.includes(spec.kind), closedForm });
  switch (spec.kind) {
    case 'identity':
      return make((x) => x, (m) => m);
    case 'cubic':
      return make((x) => x * x * x + x, (m, s) => m ** 3 + 3 * m * s * s + m);
    case 'exp':
      return make(Math.exp, (m, s) => Math.exp(m + (s * s) / 2));
    case 'tanh':
      return make((x) => Math.tanh(spec.a * x + spec.b));
    case 'logistic':
      return make((x) => 1 / (1 + Math.exp(-(spec.a * x + spec.b))));
    case 'square':
      return make((x) => x * x, (m, s) => m * m + s * s);
    case 'negsquare':
      return make((x) => -x * x, (m, s) => -(m * m + s * s));
    case 'abs':
      return make(Math.abs, (m, s) =>
        s === 0 ? Math.abs(m) : s * Math.sqrt(2 / Math.PI) * Math.exp(-(m * m) / (2 * s * s)) + m * (1 - 2 * normalCdf(-m / s)),
      );
    case 'sin':
      return make(Math.sin, (m, s) => Math.sin(m) * Math.exp(-(s * s) / 2));
  }
}

/** E[f(m + sZ)]: the closed form where there is one, else Gauss–Hermite (THEORY §1). */
export function expectUnderNormal(f: Link, m: number, s: number): number {
  return f.closedForm ? f.closedForm(m, s) : normalExpectation(f, m, s, 120);
}

export const IDENTITY: Link = link({ kind: 'identity' });
