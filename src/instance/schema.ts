/**
 * The instance JSON Schema (draft 2020-12), generated from a vocabulary (fields.ts): what an
 * editor or another tool can check instances against. It says what THEORY §4 says about
 * shapes and kinds; the numeric conditions (Σ positive definite, v* ≠ 0 …) are the readers'.
 */
import type { FieldSpec, Vocabulary } from './fields.ts';

type Schema = Record<string, unknown>;

const NUMBER: Schema = { type: 'number' };

function nested(levels: number, item: Schema): Schema {
  return levels === 0 ? item : { type: 'array', minItems: 1, items: nested(levels - 1, item) };
}

function fieldSchema(spec: FieldSpec, vocab: Vocabulary): Schema {
  const doc = { description: spec.doc };
  if (spec.type === 'number') return { ...doc, ...(spec.discrete ? { type: 'integer' } : NUMBER) };
  if (spec.type === 'array') return { ...doc, ...nested(spec.axes!.length, NUMBER), 'x-axes': spec.axes };
  const members = (spec.members ?? []).map((m) => [m.name.split('.')[1], fieldSchema(vocab.get(m.name) ?? m, vocab)] as const);
  return {
    ...doc,
    type: 'object',
    required: ['kind'],
    properties: { kind: { enum: spec.kinds }, ...Object.fromEntries(members) },
    additionalProperties: false,
  };
}

/** The JSON Schema of instances whose fields are `vocab`'s. */
export function instanceJsonSchema(vocab: Vocabulary, title = 'rlaif-props instance'): Schema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title,
    description: 'One flat JSON object (THEORY §4); absent fields take their defaults.',
    type: 'object',
    properties: Object.fromEntries(vocab.fields().map((f) => [f.name, fieldSchema(f, vocab)])),
    additionalProperties: false,
  };
}
