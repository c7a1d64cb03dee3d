// Direct facts about the build's catalogue (src/theorems/catalogue.ts) checked in process, on a
// build root of its own: properties/catalogue.test.ts checks the real build (dist/) and the bin in
// child processes, which a mutation run cannot use. Pinned here: what a written catalogue holds
// (each family's module, each part's entry as `list` shows it), the content hash (recomputed
// independently), the two-step freshness rule (the stamp, else the hash; neither: stale), a
// missing or malformed catalogue, and that partEntries and loadPart answer as the registry does.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LAYERS, stamp } from '../../src/theorems/catalogue-stamp.cts';
import { CATALOGUE_FILE, entryOf, fingerprint, loadPart, partEntries, readCatalogue, writeCatalogue } from '../../src/theorems/catalogue.ts';
import { loadRegistry } from '../../src/theorems/registry.ts';
import type { TheoremPart } from '../../src/theorems/types.ts';
import { scratchRoot } from '../support/scratch.ts';

const scratch = scratchRoot('catalogue-facts');
const registry = await loadRegistry();

/** A build root holding a few modules of the registry's layers, and a file no layer counts. */
function buildRoot(): { dir: string; url: URL } {
  const dir = scratch.sub('root');
  mkdirSync(join(dir, 'theorems'));
  mkdirSync(join(dir, 'numeric'));
  writeFileSync(join(dir, 'theorems', 'a.js'), 'export const a = 1;\n');
  writeFileSync(join(dir, 'theorems', 'b.cjs'), 'module.exports = 2;\n');
  writeFileSync(join(dir, 'numeric', 'c.js'), 'export const c = 3;\n');
  writeFileSync(join(dir, 'numeric', 'c.d.ts'), 'export declare const c: number;\n');
  mkdirSync(join(dir, 'cli'));
  writeFileSync(join(dir, 'cli', 'outside.js'), 'export {};\n');
  return { dir, url: pathToFileURL(`${dir}/`) };
}

/** sha256 over each layer module's relative path and contents, in the layers' order, files sorted. */
function hashOf(dir: string, rels: string[]): string {
  const h = createHash('sha256');
  for (const rel of rels) h.update(`${rel}\0`).update(readFileSync(join(dir, rel))).update('\0');
  return h.digest('hex');
}

describe('the catalogue written for a build root', () => {
  it('lists every family in registry order, with the module that declares it and its parts as `list` shows them', async () => {
    const { dir, url } = buildRoot();
    const file = await writeCatalogue(url);
    expect(file).toBe(join(dir, CATALOGUE_FILE));
    const cat = JSON.parse(readFileSync(file, 'utf8'));
    expect(cat.families.map((f: { id: string }) => f.id)).toEqual(registry.families.map((f) => f.id));
    for (const [i, f] of registry.families.entries()) {
      // Declared in src/theorems/t1-gain-law.ts, built to theorems/t1-gain-law.js under the root.
      expect(f.origin).toMatch(/^src\/.*\.ts$/);
      expect(cat.families[i].module).toBe(f.origin.slice('src/'.length, -'.ts'.length) + '.js');
      expect(cat.families[i].parts).toEqual(f.parts.map(entryOf));
    }
    expect(cat.families.find((f: { id: string }) => f.id === registry.getPart('T1.a').family)?.module).toBe('theorems/t1-gain-law.js');
    expect(cat.fingerprint).toBe(fingerprint(url));
    expect(cat.stamp).toEqual(stamp(dir + '/'));
    expect(readCatalogue(url)).toEqual(cat);
  });

  it('the fingerprint hashes each .js and .cjs module of the layers, by path and contents, and nothing else', () => {
    const { dir, url } = buildRoot();
    // Layers in their fixed order (numeric before theorems), files sorted by name within each.
    expect(fingerprint(url)).toBe(hashOf(dir, ['numeric/c.js', 'theorems/a.js', 'theorems/b.cjs']));
    const before = fingerprint(url);
    writeFileSync(join(dir, 'numeric', 'c.d.ts'), 'changed\n');
    writeFileSync(join(dir, 'cli', 'outside.js'), 'changed\n');
    expect(fingerprint(url)).toBe(before);
    writeFileSync(join(dir, 'theorems', 'b.cjs'), 'module.exports = 3;\n');
    expect(fingerprint(url)).not.toBe(before);
  });
});

describe('freshness: the stamp first, then the content hash', () => {
  const written = async () => {
    const r = buildRoot();
    await writeCatalogue(r.url);
    const file = join(r.dir, CATALOGUE_FILE);
    return { ...r, file, cat: JSON.parse(readFileSync(file, 'utf8')) };
  };

  it('a matching stamp answers fresh even when the hash is wrong; a matching hash answers fresh when the stamp differs', async () => {
    const { url, file, cat } = await written();
    writeFileSync(file, JSON.stringify({ ...cat, fingerprint: 'not the hash' }));
    expect(readCatalogue(url)?.families).toEqual(cat.families);
    writeFileSync(file, JSON.stringify({ ...cat, stamp: ['theorems/a.js 0 0'] }));
    expect(readCatalogue(url)?.families).toEqual(cat.families);
    const { stamp: _, ...noStamp } = cat;
    writeFileSync(file, JSON.stringify(noStamp));
    expect(readCatalogue(url)?.families).toEqual(cat.families);
  });

  it('neither matching: stale (undefined), so callers load the registry', async () => {
    const { url, file, cat } = await written();
    writeFileSync(file, JSON.stringify({ ...cat, stamp: [], fingerprint: 'not the hash' }));
    expect(readCatalogue(url)).toBeUndefined();
  });

  it('an edited module makes a written catalogue stale; an added one too', async () => {
    const a = await written();
    writeFileSync(join(a.dir, 'theorems', 'a.js'), '// edited\n', { flag: 'a' });
    expect(readCatalogue(a.url)).toBeUndefined();
    const b = await written();
    writeFileSync(join(b.dir, 'theorems', 'z.js'), 'export {};\n');
    expect(readCatalogue(b.url)).toBeUndefined();
  });

  it('no catalogue, or one that is not JSON: undefined, not an error', () => {
    const { dir, url } = buildRoot();
    expect(readCatalogue(url)).toBeUndefined();
    writeFileSync(join(dir, CATALOGUE_FILE), '{ not json');
    expect(readCatalogue(url)).toBeUndefined();
  });
});

describe('entries and lookups answer as the registry does', () => {
  it('entryOf copies what `list` shows: a variant flag that is always a boolean, and `expected` only when declared', () => {
    const plain = registry.getPart('T1.a');
    const e = entryOf(plain);
    expect(e).toEqual({ id: 'T1.a', title: plain.title, statement: plain.statement, paperClaims: [...plain.paperClaims], tags: [...plain.tags], variant: false });
    expect('expected' in e).toBe(false);
    expect(e.tags).not.toBe(plain.tags);
    expect(e.paperClaims).not.toBe(plain.paperClaims);
    const declared = registry.parts.find((p) => p.expected);
    expect(declared, 'a part declares its expected outcome').toBeDefined();
    expect(entryOf(declared!).expected).toEqual(declared!.expected);
    const variant = { ...plain, variant: { of: 'T1.a' } } as unknown as TheoremPart;
    expect(entryOf(variant).variant).toBe(true);
    expect(entryOf(variant).tags).toEqual([...plain.tags]);
    expect(plain.tags.length).toBeGreaterThan(0);
  });

  it('partEntries (from the sources: no catalogue) lists every part in registry order', async () => {
    expect(await partEntries()).toEqual(registry.parts.map(entryOf));
  });

  it("loadPart returns the registry's part, and an unknown id is the registry's error", async () => {
    for (const id of ['T1.a', 'T3.c', registry.parts[registry.parts.length - 1].id]) expect(await loadPart(id)).toBe(registry.getPart(id));
    await expect(loadPart('T99.z')).rejects.toThrow(/T99\.z/);
  });
});

describe("the build's path: a fresh catalogue answers, and imports only the part's family", () => {
  // The build (dist/, which `npm test` makes first) copied with its catalogue: partEntries and
  // loadPart given that root read the catalogue instead of the registry.
  const DIST = new URL('../../dist/', import.meta.url);
  const copyOfBuild = (edit?: (cat: { families: { id: string; module: string; parts: { id: string }[] }[] }) => void) => {
    const dir = scratch.sub('build');
    for (const d of LAYERS) cpSync(new URL(d, DIST), join(dir, d), { recursive: true });
    const cat = JSON.parse(readFileSync(new URL(CATALOGUE_FILE, DIST), 'utf8'));
    edit?.(cat);
    writeFileSync(join(dir, CATALOGUE_FILE), JSON.stringify(cat));
    return pathToFileURL(`${dir}/`);
  };

  it("partEntries lists the catalogue's parts, and loadPart returns the built family's part", async () => {
    const root = copyOfBuild();
    expect(readCatalogue(root), 'the copied build is fresh by its content hash').toBeDefined();
    expect(await partEntries(root)).toEqual(registry.parts.map(entryOf));
    for (const id of ['T1.a', 'T3.c', 'T7.a']) {
      const part = await loadPart(id, root);
      // The built module's part object, not the registry's (which is loaded from src/).
      expect(part).not.toBe(registry.getPart(id));
      expect(entryOf(part)).toEqual(entryOf(registry.getPart(id)));
      expect(part.family).toBe(registry.getPart(id).family);
    }
  });

  it('what partEntries lists comes from the catalogue itself (its text is not part of the content hash)', async () => {
    const retitled = copyOfBuild((cat) => {
      (cat.families[0].parts[0] as { title?: string }).title = 'retitled in the catalogue';
    });
    const entries = await partEntries(retitled);
    expect(entries[0].title).toBe('retitled in the catalogue');
    expect(entries.slice(1)).toEqual(registry.parts.slice(1).map(entryOf));
  });

  it("a catalogue naming a part its module does not declare, or a module without a family, falls back to the registry", async () => {
    // T1.a listed under T7's module: that module has no T1.a, so the registry answers.
    const moved = copyOfBuild((cat) => {
      const t1 = cat.families.find((f) => f.parts.some((p) => p.id === 'T1.a'))!;
      const t7 = cat.families.find((f) => f.parts.some((p) => p.id === 'T7.a'))!;
      t1.module = t7.module;
    });
    // The content hash does not cover the catalogue itself: still fresh.
    expect(readCatalogue(moved)).toBeDefined();
    expect(await loadPart('T1.a', moved)).toBe(registry.getPart('T1.a'));
    // A module whose default export is not a family.
    const bare = copyOfBuild((cat) => {
      cat.families[0].module = 'numeric/format.js';
    });
    const first = registry.families[0].parts[0].id;
    expect(await loadPart(first, bare)).toBe(registry.getPart(first));
    // A part the catalogue does not list at all is the registry's, or its error.
    const root = copyOfBuild();
    await expect(loadPart('T99.z', root)).rejects.toThrow(/T99\.z/);
  });
});

