/**
 * The maps index: which (part, dropped tags) rows have a boundary map or a phase diagram under
 * `counterexamples/maps/`, and what each found, for the necessity table's break-point column.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type MapSummary =
  | { readonly kind: 'map'; readonly breakPoint: number | null; readonly bracket: readonly [number, number] | null; readonly file: string }
  | { readonly kind: 'phase'; readonly robustCells: number; readonly cells: number; readonly file: string };

/** The necessity row a map belongs to: `T3.b|gaussian-latents+linear-judge` (tags sorted). */
export const rowKey = (id: string, dropped: readonly string[]): string => `${id}|${[...dropped].sort().join('+')}`;

/** Every map of `dir` (`<dir>/<part>/<tags>.json`) by row key; files that are not maps are passed over. */
export function readMapIndex(dir: string): Map<string, MapSummary> {
  const out = new Map<string, MapSummary>();
  if (!existsSync(dir)) return out;
  for (const part of readdirSync(dir, { withFileTypes: true })) {
    if (!part.isDirectory()) continue;
    for (const f of readdirSync(join(dir, part.name)).sort()) {
      if (!f.endsWith('.json')) continue;
      const file = join(dir, part.name, f);
      let m: Record<string, unknown>;
      try {
        m = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        continue; // the report lists an unreadable map; the table only shows what it can read
      }
      if (typeof m.part !== 'string') continue;
      if (typeof m.tag === 'string' && Array.isArray(m.points))
        out.set(rowKey(m.part, [m.tag]), { kind: 'map', breakPoint: (m.breakPoint as number | null) ?? null, bracket: (m.bracket as [number, number] | null) ?? null, file });
      else if (Array.isArray(m.tags) && Array.isArray(m.grid)) {
        const grid = m.grid as { robust?: boolean }[];
        out.set(rowKey(m.part, m.tags as string[]), { kind: 'phase', robustCells: grid.filter((c) => c.robust).length, cells: grid.length, file });
      }
    }
  }
  return out;
}
