// The build's catalogue (dist/catalogue.json, src/theorems/catalogue.ts) is a cache of the
// registry: it must list exactly the registry's parts, name modules that declare them, and be
// ignored as soon as any module it was made from changes or a new variant appears.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_FILE, entryOf, readCatalogue, stamp } from '../src/theorems/catalogue.ts';
import type { Family } from '../src/theorems/family.ts';
import { loadRegistry } from '../src/theorems/registry.ts';
import { cli } from './cli/run.ts';
import { scratchRoot } from './support/scratch.ts';

const scratch = scratchRoot('catalogue');

const DIST = new URL('../dist/', import.meta.url);
const registry = await loadRegistry();

describe('the catalogue written by the build', () => {
  const cat = readCatalogue(DIST);

  it('is fresh for this build (npm test builds first)', () => {
    expect(cat).toBeDefined();
  });

  it("lists the registry's families and parts, in order, as `list` shows them", () => {
    expect(cat!.families.map((f) => f.id)).toEqual(registry.families.map((f) => f.id));
    expect(cat!.families.flatMap((f) => f.parts)).toEqual(registry.parts.map(entryOf));
  });

  it('names, for each family, the built module whose default export declares it', async () => {
    for (const f of cat!.families) {
      const mod = (await import(new URL(f.module, DIST).href)) as { default: Family };
      expect(mod.default.id).toBe(f.id);
      expect(mod.default.parts.map((p) => p.id)).toEqual(f.parts.map((p) => p.id));
    }
  });

  it('`list --json` (the built CLI, from the catalogue) prints the registry', () => {
    const r = cli(['list', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(registry.parts.map(entryOf));
  });

  const copy = () => {
    const root = scratch.sub('copy');
    cpSync(new URL(CATALOGUE_FILE, DIST), join(root, CATALOGUE_FILE));
    for (const d of ['numeric', 'linalg', 'model', 'instance', 'arbitraries', 'theorems', 'variants']) cpSync(new URL(d, DIST), join(root, d), { recursive: true });
    return root;
  };

  it("carries the build's stamp (path, size and time of each module), which the cheap check compares first", () => {
    expect(cat!.stamp).toEqual(stamp(DIST));
    // A copy whose catalogue carries the copy's stamp and a wrong content hash: the stamp alone
    // answers (fresh) while nothing changes, and the hash once a module is edited.
    const root = copy();
    const at = pathToFileURL(`${root}/`);
    const catFile = join(root, CATALOGUE_FILE);
    writeFileSync(catFile, JSON.stringify({ ...cat!, stamp: stamp(at), fingerprint: 'not the hash' }));
    expect(readCatalogue(at)?.families).toEqual(cat!.families);
    // An edit that keeps the size still changes the time, so the (wrong) hash decides: stale.
    const file = join(root, 'theorems', 'tags.js');
    const text = readFileSync(file, 'utf8');
    const i = text.indexOf('return');
    expect(i).toBeGreaterThan(0);
    writeFileSync(file, `${text.slice(0, i)}RETURN${text.slice(i + 6)}`);
    expect(readFileSync(file, 'utf8')).toHaveLength(text.length);
    expect(stamp(at)).not.toEqual(JSON.parse(readFileSync(catFile, 'utf8')).stamp);
    expect(readCatalogue(at)).toBeUndefined();
  });

  it('is stale once a module changes or a variant is added, so the registry is loaded instead', () => {
    const at = (root: string) => pathToFileURL(`${root}/`);
    const same = copy();
    expect(readCatalogue(at(same))).toEqual(cat);
    const added = copy();
    writeFileSync(join(added, 'variants', 'another.js'), 'export default {};\n');
    expect(readCatalogue(at(added))).toBeUndefined();
    const edited = copy();
    writeFileSync(join(edited, 'theorems', 'tags.js'), '// edited\n', { flag: 'a' });
    expect(readCatalogue(at(edited))).toBeUndefined();
  });
});
