// The build's catalogue (dist/catalogue.json, src/theorems/catalogue.ts) is a cache of the
// registry: it must list exactly the registry's parts, name modules that declare them, and be
// ignored as soon as any module it was made from changes or a new variant appears.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_FILE, entryOf, readCatalogue } from '../src/theorems/catalogue.ts';
import { listText, stamp as stampOf } from '../src/theorems/catalogue-stamp.cts';
import type { Family } from '../src/theorems/family.ts';
import { loadRegistry } from '../src/theorems/registry.ts';
import { cli } from './cli/run.ts';
import { scratchRoot } from './support/scratch.ts';

const scratch = scratchRoot('catalogue');

const DIST = new URL('../dist/', import.meta.url);
const stamp = (root: URL) => stampOf(fileURLToPath(root));
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

describe("the bin's early `list` (bin/rlaif-props.cjs, before the ES modules load)", () => {
  // A copy of the package (bin, package.json, dist; node_modules linked), whose catalogue can be
  // edited: what `list` prints then says which path answered.
  const pkg = () => {
    const root = scratch.sub('pkg');
    cpSync(new URL('../bin', import.meta.url), join(root, 'bin'), { recursive: true });
    cpSync(new URL('../package.json', import.meta.url), join(root, 'package.json'));
    cpSync(DIST, join(root, 'dist'), { recursive: true });
    symlinkSync(fileURLToPath(new URL('../node_modules', import.meta.url)), join(root, 'node_modules'));
    return root;
  };
  const list = (root: string) => spawnSync(process.execPath, [join(root, 'bin', 'rlaif-props.cjs'), 'list'], { encoding: 'utf8', timeout: 60_000 });
  const registryText = listText(registry.parts.map(entryOf));

  it('prints what `list` prints from the registry', () => {
    const r = cli(['list']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(registryText);
  });

  it('answers from the catalogue while its stamp holds, and leaves a stale one to the command', () => {
    const root = pkg();
    const catFile = join(root, 'dist', CATALOGUE_FILE);
    const cat = JSON.parse(readFileSync(catFile, 'utf8'));
    // The copy's own stamp and a marked title: the early answer reads the catalogue.
    const marked = structuredClone(cat);
    marked.stamp = stampOf(join(root, 'dist') + '/');
    marked.families[0].parts[0].title = 'MARKED';
    writeFileSync(catFile, JSON.stringify(marked));
    expect(list(root).stdout).toContain('MARKED');
    // A stamp that does not match and a wrong content hash: stale, so `list` (dist/cli/list.js)
    // loads the registry, whose title is the real one.
    writeFileSync(catFile, JSON.stringify({ ...marked, stamp: ['not the stamp'], fingerprint: 'not the hash' }));
    const r = list(root);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(registryText);
  });
});

describe("the bin's shebang drops NODE_EXTRA_CA_CERTS (node parses that bundle at start; the suite opens no TLS connection)", () => {
  const BIN = fileURLToPath(new URL('../bin/rlaif-props.cjs', import.meta.url));
  // A bundle that does not exist: node warns about it at start whenever it reads the variable.
  const env = { ...process.env, NODE_EXTRA_CA_CERTS: join(scratch.root, 'no-such-bundle.pem') };
  it('run via node the variable is read (the warning), run as a command it is not', () => {
    const viaNode = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8', env });
    expect(viaNode.stderr).toMatch(/extra certs/i);
    const asCommand = spawnSync(BIN, ['--version'], { encoding: 'utf8', env });
    expect(asCommand.status).toBe(0);
    expect(asCommand.stderr).toBe('');
  });
});
