// The registry and the declarations behind it: families own their tags and fields (nothing
// global changes when a variant is imported), clashes are DefinitionErrors naming both sides,
// and the field reference and JSON Schema are generated from the one vocabulary.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineField, THEORY_VOCABULARY } from '../src/instance/fields.ts';
import { instanceJsonSchema } from '../src/instance/schema.ts';
import { DefinitionError } from '../src/numeric/errors.ts';
import { fieldsMarkdown } from '../src/report/fields-doc.ts';
import { defineFamily, type Family } from '../src/theorems/family.ts';
import { loadRegistry, makeRegistry, THEORY_FAMILIES } from '../src/theorems/registry.ts';
import { defineTag, tagRule, tagsInForce, THEORY_TAGS, unmetTags } from '../src/theorems/tags.ts';

const registry = await loadRegistry();

/** A one-part family with a tag of its own named `tag` whose rule is `meets`. */
const familyWithTag = (file: string, id: string, tag: string, meets: (x: unknown) => boolean): Family =>
  defineFamily(`/virtual/${file}`, {
    id,
    paperClaims: ['R1'],
    tags: [tag],
    defines: { tags: [defineTag(tag, { meaning: `${tag} as ${id} reads it`, meets })] },
    arbitrary: () => fc.constant({ vStar: [1] }),
    parts: [{ id, title: id, statement: 'true', evaluate: () => ({ margin: 0, tol: 0, quantities: {}, pre: true }) }],
  });

describe('families own their tags and fields', () => {
  it('two variants may each define a tag of the same name; each part reads its own', () => {
    const a = familyWithTag('a.ts', 'Va', 'large-sample', () => true);
    const b = familyWithTag('b.ts', 'Vb', 'large-sample', () => false);
    const r = makeRegistry([...THEORY_FAMILIES, a, b]);
    const [pa, pb] = [r.getPart('Va'), r.getPart('Vb')];
    expect(unmetTags(pa, { vStar: [1] }, tagsInForce(pa))).toEqual([]);
    expect(unmetTags(pb, { vStar: [1] }, tagsInForce(pb))).toEqual(['large-sample']);
    expect(() => tagRule(r.getPart('T1'), 'large-sample')).toThrow(/T1 has no tag "large-sample"/);
  });

  it("THEORY's tags are frozen: nothing a variant does can change them", () => {
    expect(Object.isFrozen(THEORY_TAGS)).toBe(true);
    expect(Object.keys(THEORY_TAGS)).not.toContain('large-sample');
  });

  it('a part id declared twice names both files', () => {
    const a = familyWithTag('first.ts', 'Same', 'x', () => true);
    const b = familyWithTag('second.ts', 'Same', 'y', () => true);
    expect(() => makeRegistry([a, b])).toThrow(new DefinitionError('part id "Same" is declared twice: in /virtual/first.ts and in /virtual/second.ts'));
  });

  it("a family's own field is in its parts' vocabulary only", () => {
    const n = defineField({ name: 'pairs', doc: 'a count', type: 'number', discrete: true });
    const f = defineFamily('/virtual/f.ts', {
      id: 'Vf',
      paperClaims: ['R1'],
      tags: [],
      defines: { fields: [n] },
      arbitrary: () => fc.constant({ vStar: [1], pairs: 3 }),
      parts: [{ id: 'Vf', title: 'f', statement: 'true', evaluate: () => ({ margin: 0, tol: 0, quantities: {}, pre: true }) }],
    });
    expect(f.parts[0].vocabulary!.has('pairs')).toBe(true);
    expect(THEORY_VOCABULARY.has('pairs')).toBe(false);
    expect(registry.getPart('T1').vocabulary!.has('n')).toBe(false);
    expect(registry.getPart('R1n').vocabulary!.has('n')).toBe(true);
  });

  it('a malformed declaration fails where it is written', () => {
    expect(() => defineField({ name: 'x', doc: 'x', type: 'array', axes: ['nope' as 'd'] })).toThrow(/unknown axis "nope"/);
    expect(() => defineField({ name: 'x', doc: 'x', type: 'array', axes: ['d', 'k'], symmetric: true })).toThrow(/only a square matrix/);
    expect(() => familyWithTag('t.ts', 'bad id!', 'x', () => true)).toThrow(/must be letters, digits, dots and dashes/);
  });
});

describe('generated from the vocabulary', () => {
  it('docs/FIELDS.md is up to date (regenerate: rlaif-props fields --markdown > docs/FIELDS.md)', () => {
    const variants = registry.families.filter((f) => f.defines.fields.length).map((f) => ({ id: f.id, origin: f.origin, fields: f.defines.fields }));
    expect(readFileSync(new URL('../docs/FIELDS.md', import.meta.url), 'utf8')).toBe(fieldsMarkdown(THEORY_VOCABULARY, variants));
  });

  it("the JSON Schema names every field, and a part's schema adds its family's own", () => {
    const schema = instanceJsonSchema(THEORY_VOCABULARY) as { properties: Record<string, { 'x-axes'?: string[] }> };
    expect(Object.keys(schema.properties)).toEqual(THEORY_VOCABULARY.fields().map((f) => f.name));
    expect(schema.properties.Sigma['x-axes']).toEqual(['d', 'd']);
    const r1n = instanceJsonSchema(registry.getPart('R1n').vocabulary!) as { properties: Record<string, unknown> };
    expect(Object.keys(r1n.properties)).toContain('n');
    expect(Object.keys(schema.properties)).not.toContain('n');
  });

  it('every stored witness uses only fields of its part', async () => {
    const { listFiles, load } = await import('../src/runner/store.ts');
    for (const c of listFiles().map(load)) {
      const vocab = registry.getPart(c.theorem).vocabulary!;
      for (const k of Object.keys(c.instance)) expect(vocab.has(k), `${c.file}: ${k}`).toBe(true);
    }
  });
});
