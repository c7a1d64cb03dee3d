// The documents a clone reads are in the repository and up to date: the specification
// (docs/THEORY.md, a copy of the project's THEORY.md), the theorem catalogue (docs/THEOREMS.md,
// generated) and the README's links to them.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { relaxationMarkdown } from '../src/report/relaxation-doc.ts';
import { theoremsMarkdown } from '../src/report/theorems-doc.ts';
import { tableRows } from '../src/runner/necessity-file.ts';
import { loadRegistry } from '../src/theorems/registry.ts';

const read = (rel: string) => readFileSync(new URL(`../${rel}`, import.meta.url), 'utf8');
const SHARED_SPEC = new URL('../../shared/THEORY.md', import.meta.url);

describe('docs', () => {
  it('docs/THEOREMS.md is up to date (regenerate: npx rlaif-props list --markdown > docs/THEOREMS.md)', async () => {
    const registry = await loadRegistry();
    expect(read('docs/THEOREMS.md')).toBe(theoremsMarkdown(registry.parts, tableRows()));
  });

  it('docs/RELAXATION.md is up to date (regenerate: rlaif-props map --paths-markdown > docs/RELAXATION.md)', () => {
    expect(read('docs/RELAXATION.md')).toBe(relaxationMarkdown());
  });

  it('the catalogue lists every part, its tags, and the status of each dropped tag', async () => {
    const text = read('docs/THEOREMS.md');
    for (const p of (await loadRegistry()).parts) expect(text).toContain(`## ${p.id}: ${p.title}`);
    expect(text).toMatch(/\| `isotropic` \| Σ = I \| load-bearing: counterexample in d = \d/);
    expect(text).toMatch(/T4\.b.*\| fails, as declared \|/);
  });

  it.runIf(existsSync(SHARED_SPEC))('docs/THEORY.md is the specification, verbatim (copy ../shared/THEORY.md when it changes)', () => {
    expect(read('docs/THEORY.md')).toBe(readFileSync(SHARED_SPEC, 'utf8'));
  });

  it("esbuild works without its install script (the README explains npm's warning)", async () => {
    const esbuild = await import('esbuild');
    expect((await esbuild.transform('const x: number = 1;', { loader: 'ts' })).code.trim()).toBe('const x = 1;');
    expect(read('README.md')).toMatch(/install scripts were not run for `esbuild`[\s\S]*its postinstall only checks that binary/);
  });

  it('the README links the specification and the catalogue inside the repository', () => {
    const readme = read('README.md');
    expect(readme).toContain('](docs/THEORY.md)');
    expect(readme).toContain('](docs/THEOREMS.md)');
    expect(readme).not.toContain('../shared/');
  });
});
