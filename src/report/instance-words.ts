/**
 * An instance in plain terms, one line per field: the field's own doc (the vocabulary of
 * src/instance/fields.ts, so a new field is described the moment it is declared) with its
 * value, kinds in words, Σ said to be the identity or not, and the defaults that absent fields
 * take (read off the docs' "(absent: …)").
 */
import type { FieldSpec, Vocabulary } from '../instance/fields.ts';
import type { Instance } from '../instance/reader.ts';
import { nested } from '../numeric/format.ts';
import { judgeWords, latentWords, linkWords } from '../theorems/explain/words.ts';

/** A doc's leading noun phrase: "response covariance Σ, by rows (absent: identity)" → "response covariance Σ". */
export const label = (doc: string): string => doc.split(/ \(|, |; |: /)[0];

/** "(absent: identity)" → "identity". */
const absentValue = (doc: string): string | undefined => /\(absent: ([^)]*)\)/.exec(doc)?.[1];

const isIdentity = (m: unknown): boolean =>
  Array.isArray(m) && m.every((row, i) => Array.isArray(row) && row.length === m.length && row.every((x, j) => x === +(i === j)));

function value(spec: FieldSpec, inst: Instance): string {
  const x = inst[spec.name];
  if (spec.name === 'f') return linkWords(inst);
  if (spec.name === 'latents') return latentWords(inst);
  if (spec.name === 'judge') {
    const Q = (x as { Q?: unknown }).Q;
    return judgeWords(inst) + (Q === undefined ? '' : `, Q = ${nested(Q)}`);
  }
  if (spec.name === 'Sigma') return `${nested(x)} (${isIdentity(x) ? 'the identity' : 'not the identity'})`;
  if (spec.type === 'kind') return JSON.stringify(x);
  return nested(x);
}

/**
 * Which absent fields are worth a default: those the instance's other fields make meaningful
 * (Σ for any vector in R^d, the link for a value direction, the latent law and judge for a
 * latent model, the constitution for a readout), as short symbols.
 */
const DEFAULTS: readonly { name: string; symbol: string; when: (inst: Instance) => boolean }[] = [
  // A latent model's Σ_h is derived from Φ and σ, not read: no default to state.
  { name: 'Sigma', symbol: 'Σ', when: (i) => ['vStar', 'g', 'w', 'u', 'r', 'values', 'latentDirections'].some((k) => k in i) && !('SigmaDiag' in i) && !('Phi' in i) },
  { name: 'f', symbol: 'f', when: (i) => 'vStar' in i || 'wStar' in i },
  { name: 'latents', symbol: 'latents', when: (i) => 'Phi' in i },
  { name: 'judge', symbol: 'judge', when: (i) => 'Phi' in i },
  { name: 'basis', symbol: 'constitution', when: (i) => 'w' in i && !('latentDirections' in i) },
  { name: 'epsilon', symbol: 'ε', when: (i) => 'g' in i && ('u' in i || 'w' in i) },
];

/** Lines `  label (name)   value`, at most `width` columns, then one line of defaults. */
export function describeInstance(inst: Instance, vocabulary: Vocabulary, width = 100): string[] {
  const fields = vocabulary.fields().filter((f) => f.name in inst);
  // The JSON key in brackets, unless the label already ends with it ("readout w").
  const named = (f: FieldSpec) => (label(f.doc).endsWith(` ${f.name}`) ? label(f.doc) : `${label(f.doc)} (${f.name})`);
  const rows: [string, string][] = fields.map((f) => [named(f), value(f, inst)]);
  // Fields a vocabulary does not know cannot be in a validated instance; shown anyway, raw.
  for (const k of Object.keys(inst)) if (!vocabulary.has(k)) rows.push([k, JSON.stringify(inst[k])]);
  const pad = Math.min(40, Math.max(0, ...rows.map(([l]) => l.length)));
  const lines = rows.map(([l, v]) => fit(`  ${l.padEnd(pad)}  ${v}`, width));
  const defaults = DEFAULTS.filter((d) => !(d.name in inst) && d.when(inst))
    .map((d) => {
      const doc = vocabulary.get(d.name)?.doc;
      const v = doc && absentValue(doc);
      return v ? `${d.symbol} = ${v}` : undefined;
    })
    .filter((s): s is string => s !== undefined);
  if (defaults.length) lines.push(...wrap(`absent, so by default: ${defaults.join(' · ')}`, width, '  ', '  '));
  return lines;
}

/** One line cut to `width` columns, with an ellipsis where it was cut. */
export const fit = (line: string, width: number): string => ([...line].length <= width ? line : `${[...line].slice(0, width - 1).join('')}…`);

/** Words wrapped to `width` columns: the first line starts with `first`, the others with `rest`. */
export const wrap = (text: string, width: number, first: string, rest: string): string[] =>
  wrapItems(text.split(/\s+/).filter(Boolean), ' ', width, first, rest);

/** Items joined by `sep` and wrapped between items (an item is never split), like `wrap`. */
export function wrapItems(items: readonly string[], sep: string, width: number, first: string, rest: string): string[] {
  const out: string[] = [];
  let line = first;
  let empty = true;
  for (const item of items) {
    // Room is kept for the separator that ends a line when more items follow it.
    if (!empty && [...line].length + sep.length + [...item].length + sep.trimEnd().length > width) {
      out.push(line + sep.trimEnd());
      line = rest;
      empty = true;
    }
    line += (empty ? '' : sep) + item;
    empty = false;
  }
  out.push(line);
  return out.map((l) => fit(l, width));
}
