/**
 * Words shared by the parts' `explain` hooks and the report's description of an instance: what
 * each `{"kind": …}` of THEORY §4 computes, and the instance's link, latent law and judge as a
 * phrase. The formulas restate THEORY §1 and §4; the model (src/model) stays the only place
 * they are computed.
 */
import type { Instance } from '../../instance/reader.ts';
import { num } from '../../numeric/format.ts';

type Kinded = { kind?: unknown; a?: unknown; b?: unknown };

const LINKS: Readonly<Record<string, (a: string, b: string) => string>> = {
  identity: () => 'f(x) = x',
  cubic: () => 'f(x) = x³ + x',
  exp: () => 'f(x) = eˣ',
  tanh: (a, b) => `f(x) = tanh(${a}x + ${b})`,
  logistic: (a, b) => `f(x) = 1/(1 + e^−(${a}x + ${b}))`,
  square: () => 'f(x) = x² (not monotone)',
  negsquare: () => 'f(x) = −x² (decreasing for x > 0)',
  abs: () => 'f(x) = |x| (not monotone)',
  sin: () => 'f(x) = sin x (not monotone)',
};

const LATENTS: Readonly<Record<string, string>> = {
  gaussian: 'z ~ N(0, I)',
  rademacher: 'each z_i = ±1 with probability ½',
  uniform: 'each z_i uniform on [−√3, √3]',
};

const JUDGES: Readonly<Record<string, (a: string) => string>> = {
  linear: () => 'scores <u_c,h>',
  sign: () => 'scores sign<u_c,h>',
  tanh: (a) => `scores tanh(${a}<u_c,h>)`,
  quadratic: () => 'scores hᵀQh + <u_c,h>',
};

const kindOf = (x: unknown): Kinded => (x && typeof x === 'object' ? (x as Kinded) : {});
const n = (x: unknown) => (typeof x === 'number' ? num(x) : '?');

/** The link of the true value: `"exp: f(x) = eˣ"`; absent, the identity. */
export function linkWords(inst: Instance): string {
  const f = kindOf(inst.f);
  const kind = typeof f.kind === 'string' ? f.kind : 'identity';
  const formula = LINKS[kind];
  return formula ? `${kind}: ${formula(n(f.a), n(f.b))}` : kind;
}

/** The latent law: `"rademacher (each z_i = ±1 …)"`; absent, Gaussian. */
export function latentWords(inst: Instance): string {
  const kind = String(kindOf(inst.latents).kind ?? 'gaussian');
  return LATENTS[kind] ? `${kind} (${LATENTS[kind]})` : kind;
}

/** The judge function: `"tanh (scores tanh(1<u_c,h>))"`; absent, linear. */
export function judgeWords(inst: Instance): string {
  const j = kindOf(inst.judge);
  const kind = String(j.kind ?? 'linear');
  return JUDGES[kind] ? `${kind} (${JUDGES[kind](n(j.a))})` : kind;
}

/** Just the link's name (`"exp"`), for sentences. */
export const linkKind = (inst: Instance): string => String(kindOf(inst.f).kind ?? 'identity');
