/**
 * The catalogue's cheap freshness check and `list`'s text, in CommonJS on purpose: the bin
 * (bin/rlaif-props.cjs) answers a plain `list` from the build's catalogue before node's ES module
 * loader has started (about 12 ms of a start whose floor is node's own 75–115 ms here), so what
 * it needs must be loadable by `require`. src/theorems/catalogue.ts imports the same functions,
 * so there is one definition of the stamp and of the listing.
 */
import { readdirSync, statSync } from 'node:fs';

/** What `list` prints of a part (src/theorems/catalogue.ts's CatalogueEntry is one). */
export interface ListedPart {
  readonly id: string;
  readonly title: string;
  readonly statement: string;
  readonly paperClaims: readonly string[];
  readonly tags: readonly string[];
  readonly variant: boolean;
  readonly expected?: object;
}

/** What the registry can import: a change to any of it may change a part. */
export const LAYERS = ['numeric', 'linalg', 'model', 'instance', 'arbitraries', 'theorems', 'variants'];

/**
 * Every JavaScript module of those layers under the directory `base` (ending in a separator), in
 * a fixed order: its file and its path relative to `base`.
 */
export function modules(base: string): { file: string; rel: string }[] {
  const out: { file: string; rel: string }[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(base + rel, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(`${rel}${e.name}/`);
      else if (e.name.endsWith('.js') || e.name.endsWith('.cjs')) out.push({ file: `${base}${rel}${e.name}`, rel: `${rel}${e.name}` });
    }
  };
  for (const layer of LAYERS) {
    try {
      walk(`${layer}/`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  return out;
}

/** Each module's path, size and modification time: what an edit, an added or a removed module changes. */
export function stamp(base: string): string[] {
  return modules(base).map((m) => {
    const s = statSync(m.file);
    return `${m.rel} ${s.size} ${s.mtimeMs}`;
  });
}

export const sameStamp = (a: readonly string[] | undefined, b: readonly string[]): boolean => a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

/** `list`'s text: each part's id, paper claims and tags, then its title and statement. */
export function listText(rows: readonly ListedPart[]): string {
  const w = Math.max(...rows.map((r) => r.id.length));
  return rows
    .map(
      (r) =>
        `${r.id.padEnd(w)}  ${r.paperClaims.join(',').padEnd(5)}  [${r.tags.join(', ') || 'no tags'}]${r.variant ? ' (variant)' : ''}${r.expected ? ' (declared to fail)' : ''}\n${' '.repeat(w + 2)}${r.title}: ${r.statement}\n`,
    )
    .join('');
}
