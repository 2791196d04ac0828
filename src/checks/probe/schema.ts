/**
 * @module checks/probe/schema
 * Validates observations against a JSON Schema a clause carries (draft 2020-12, as `init --from-openapi`
 * bundles them). Each schema is compiled once per process and reused; a schema that does not compile is
 * reported, never thrown.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';

/** One schema violation, in the terms a finding reports. */
export interface SchemaViolation {
  /** JSON pointer into the observed value, e.g. `/created`. */
  path: string;
  keyword: string;
  message: string;
}

export type SchemaCheck =
  | { ok: true }
  | { ok: false; violations: SchemaViolation[] }
  | { ok: false; compileError: string };

// `ajv-formats` is CommonJS with a `default` property; under NodeNext the plugin is one level down.
const addFormats = (formats as unknown as { default: (ajv: Ajv2020) => void }).default ?? formats;
// strict: false because OpenAPI-derived schemas carry annotations (`example`, `discriminator`) ajv rejects.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
const compiled = new WeakMap<object, ValidateFunction | string>();

/** True when the validator checks `format: name` (a format it does not know is ignored, as ajv ignores it). */
export const knownFormat = (name: string): boolean => name in ajv.formats;

function compile(schema: Record<string, unknown>): ValidateFunction | string {
  const cached = compiled.get(schema);
  if (cached !== undefined) return cached;
  let result: ValidateFunction | string;
  try {
    result = ajv.compile(schema);
  } catch (error) {
    result = (error as Error).message;
  }
  compiled.set(schema, result);
  return result;
}

/** Validates `value`; at most `limit` violations are returned (one drift can cascade into many). */
export function checkSchema(schema: Record<string, unknown>, value: unknown, limit = 20): SchemaCheck {
  const validate = compile(schema);
  if (typeof validate === 'string') return { ok: false, compileError: validate };
  if (validate(value)) return { ok: true };
  const errors = (validate.errors ?? []) as ErrorObject[];
  return {
    ok: false,
    violations: mostSpecific(errors)
      .slice(0, limit)
      .map((error) => ({
        path: error.instancePath || '/',
        keyword: error.keyword,
        message: `${error.instancePath || '/'} ${error.message ?? error.keyword}`,
      })),
  };
}

/**
 * With `anyOf`/`oneOf`, ajv reports every failed branch plus the combinator itself; keep one error per
 * instance path, preferring the leaf keywords (`type`, `enum`, `required`) a reader can act on.
 */
function mostSpecific(errors: ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject>();
  const rank = (keyword: string) => (['anyOf', 'oneOf', 'allOf', 'if', 'not'].includes(keyword) ? 1 : 0);
  for (const error of errors) {
    const key = `${error.instancePath}|${error.keyword === 'required' ? error.params.missingProperty : ''}`;
    const current = byPath.get(key);
    if (!current || rank(error.keyword) < rank(current.keyword)) byPath.set(key, error);
  }
  return [...byPath.values()];
}
