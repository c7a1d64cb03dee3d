/**
 * Store hygiene: which stored witnesses have outlived their use. A witness is *stale* when it no
 * longer replays (the model or the part changed, or its part is gone) and *superseded* when
 * another witness of the same part and dropped tags that does replay is simpler (smaller
 * dimension, then smaller numbers: `simplicity` in src/instance/layout.ts), as happens when a
 * hunt at another seed stores a less minimal witness next to the first. A degenerate witness
 * (degenerate.ts: its violation rests on a convention of THEORY) never supersedes one that is
 * not: the non-degenerate witness is the one that shows the phenomenon. A witness named by a
 * part's expected outcome or by the committed necessity table is reported but kept: removing it
 * would leave a dangling reference, so the table is regenerated (or the outcome edited) first.
 */
import { resolve } from 'node:path';
import { simpler, simplicity } from '../instance/layout.ts';
import { InputError } from '../numeric/errors.ts';
import { vocabularyOf } from '../theorems/family.ts';
import type { TheoremPart } from '../theorems/types.ts';
import { degeneracy } from './degenerate.ts';
import { replay } from './replay.ts';
import type { StoredCounterexample } from './store.ts';

export interface PruneEntry {
  readonly file: string;
  readonly kind: 'stale' | 'superseded';
  /** Why, in words: the replay's reason, or the simpler witness and how it is simpler. */
  readonly reason: string;
  /** Set when the witness is referenced and so must not be removed: by what. */
  readonly keptBecause?: string;
}

/** The files a part's expected outcome or the table's rows name (absolute), with who names them. */
export function referencedWitnesses(
  store: string,
  parts: readonly TheoremPart[],
  rows: readonly { id: string; dropped: readonly string[]; witness?: { file: string }; nonDegenerate?: { file: string } }[],
): Map<string, string> {
  const refs = new Map<string, string>();
  for (const p of parts) if (p.expected) refs.set(resolve(store, p.expected.witness), `${p.id}'s expected outcome`);
  // The table names witnesses relative to the store's parent (counterexamples/T1/…).
  for (const r of rows)
    for (const w of [r.witness, r.nonDegenerate])
      if (w && !refs.has(resolve(store, '..', w.file))) refs.set(resolve(store, '..', w.file), `the necessity table (${r.id} −${r.dropped.join(',') || '(none)'})`);
  return refs;
}

/**
 * Replay a stored witness against the registry, with every way it can have gone stale as a
 * reason rather than an exception: its part is gone, its instance is no longer valid for the
 * part (a field removed from the vocabulary, say), or `replay` says it no longer reproduces.
 */
export function replayStored(
  c: StoredCounterexample,
  getPart: (id: string) => TheoremPart,
): { reproduces: true; part: TheoremPart } | { reproduces: false; reason: string } {
  let part: TheoremPart;
  try {
    part = getPart(c.theorem);
  } catch {
    return { reproduces: false, reason: `no part "${c.theorem}" is registered any more` };
  }
  try {
    const r = replay(c, part);
    return r.reproduces ? { reproduces: true, part } : { reproduces: false, reason: r.reason! };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { reproduces: false, reason: `no longer a valid instance of ${c.theorem} (${e.message})` };
  }
}

const describeSimplicity = ([d, c]: readonly number[]) => `d = ${d}, number complexity ${c}`;

/**
 * What can go from `records`: stale ones, then superseded ones, each once, in store order.
 * `getPart` throws for an id that is not registered (such a witness is stale).
 */
export function findPrunable(
  records: readonly StoredCounterexample[],
  getPart: (id: string) => TheoremPart,
  referenced: ReadonlyMap<string, string> = new Map(),
): PruneEntry[] {
  const out = new Map<string, PruneEntry>();
  const keep = (file: string) => {
    // Files of the directory store are paths (compared resolved); a memory store's are keys.
    const by = referenced.get(file) ?? referenced.get(resolve(file));
    return by ? { keptBecause: by } : {};
  };
  const live: { c: StoredCounterexample; s: [number, number, number]; degenerate: boolean }[] = [];
  for (const c of records) {
    const r = replayStored(c, getPart);
    if (!r.reproduces) out.set(c.file, { file: c.file, kind: 'stale', reason: r.reason, ...keep(c.file) });
    else live.push({ c, s: simplicity(c.instance, vocabularyOf(r.part)), degenerate: degeneracy(r.part, c.dropped, c.instance).degenerate });
  }
  const key = (c: StoredCounterexample) => `${c.theorem}|${[...c.dropped].sort().join('+')}`;
  for (const { c, s, degenerate } of live) {
    const best = live.filter((o) => key(o.c) === key(c) && simpler(o.s, s) && (degenerate || !o.degenerate)).reduce<(typeof live)[number] | undefined>((b, o) => (!b || simpler(o.s, b.s) ? o : b), undefined);
    if (best)
      out.set(c.file, {
        file: c.file,
        kind: 'superseded',
        reason: `superseded by the simpler ${best.c.file} (${describeSimplicity(best.s)} against ${describeSimplicity(s)})`,
        ...keep(c.file),
      });
  }
  return records.map((c) => out.get(c.file)).filter((e): e is PruneEntry => e !== undefined);
}
