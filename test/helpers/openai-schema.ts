/**
 * An independent check against OpenAI's OpenAPI document (the vendored copy, see test/fixtures/openai/README.md):
 * ajv over the document's own component schemas, not chatproof's bundler or judges. OpenAPI's `nullable: true`
 * (which this 3.1 document still uses) becomes `anyOf [schema, null]`; `discriminator` and `x-` keys are dropped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';

export const OPENAI_DOCUMENT_FILE = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'openai',
  'openai-openapi.yaml',
);

/** The vendored document, parsed once. */
export const openaiDocument = parseYaml(readFileSync(OPENAI_DOCUMENT_FILE, 'utf8'), {
  maxAliasCount: -1,
}) as Record<string, unknown>;

function asJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(asJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'discriminator' || key.startsWith('x-')) continue;
    out[key] = asJsonSchema(value);
  }
  return (node as Record<string, unknown>).nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

const components = asJsonSchema(openaiDocument.components);
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });

export interface SchemaCheck {
  (value: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** A validator for `#/components/schemas/<name>` of the document. */
export function openaiSchema(name: string): SchemaCheck {
  return ajv.compile({ $ref: `#/components/schemas/${name}`, components } as Record<string, unknown>);
}
