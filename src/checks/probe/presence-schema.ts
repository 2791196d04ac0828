/**
 * @module checks/probe/presence-schema
 * Presence read from a JSON Schema, walked beside the body it describes: `required`, the `oneOf`/`anyOf`
 * branch the body actually matches, `allOf` parts merged, `additionalProperties` maps (their keys are
 * documented), and null admitted by `type: [..., "null"]` or a null branch. Pure.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { BodyPresence, FieldPresence } from './presence-types.js';

type Schema = Record<string, unknown>;

// A separate instance from the judge's validator: branch schemas are compiled here with the root's `$defs`.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, logger: false });
const compiled = new WeakMap<object, ValidateFunction | null>();

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Follows `$ref` (local pointers only), bounded so a cycle cannot hang. */
function deref(root: Schema, schema: unknown): Schema {
  let current = schema;
  for (let hops = 0; hops < 32; hops++) {
    if (!isObject(current)) return {};
    const ref = current.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#')) return current;
    let node: unknown = root;
    for (const token of ref.slice(1).split('/').slice(1)) {
      if (!isObject(node)) return {};
      node = node[token.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    current = node;
  }
  return {};
}

function validator(root: Schema, branch: Schema): ValidateFunction | null {
  const cached = compiled.get(branch);
  if (cached !== undefined) return cached;
  let fn: ValidateFunction | null;
  try {
    const { $schema: _ignored, ...rest } = branch;
    fn = ajv.compile({ ...rest, $defs: root.$defs ?? {} });
  } catch {
    fn = null;
  }
  compiled.set(branch, fn);
  return fn;
}

/** Per root, a cache keyed by schema objects: what depends on the schema alone is worked out once. */
function cacheFor<T>(caches: WeakMap<Schema, WeakMap<object, T>>, root: Schema): WeakMap<object, T> {
  let cache = caches.get(root);
  if (!cache) {
    cache = new WeakMap();
    caches.set(root, cache);
  }
  return cache;
}

const nullCaches = new WeakMap<Schema, WeakMap<object, boolean>>();

/** True when the schema admits null (a property of the schema alone, so memoized per schema object). */
export function admitsNull(root: Schema, schema: unknown): boolean {
  if (!isObject(schema)) return nullable(root, schema, 0);
  const cache = cacheFor(nullCaches, root);
  let known = cache.get(schema);
  if (known === undefined) {
    known = nullable(root, schema, 0);
    cache.set(schema, known);
  }
  return known;
}

function nullable(root: Schema, schema: unknown, depth: number): boolean {
  if (depth > 16) return false;
  const s = deref(root, schema);
  if (s.nullable === true || s.type === 'null') return true;
  if (Array.isArray(s.type) && s.type.includes('null')) return true;
  if ('const' in s && s.const === null) return true;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = s[key];
    if (Array.isArray(branches) && branches.some((b) => nullable(root, b, depth + 1))) return true;
  }
  if (Array.isArray(s.allOf)) return s.allOf.every((part) => nullable(root, part, depth + 1));
  return false;
}

interface View {
  properties: Map<string, Schema[]>;
  required: Set<string>;
  /** Schemas every other key must match (`additionalProperties`, `patternProperties`): a documented map. */
  mapValues: Schema[];
  items: Schema[];
}

const emptyView = (): View => ({ properties: new Map(), required: new Set(), mapValues: [], items: [] });

function merge(into: View, from: View): void {
  for (const [name, schemas] of from.properties)
    into.properties.set(name, [...(into.properties.get(name) ?? []), ...schemas]);
  for (const name of from.required) into.required.add(name);
  into.mapValues.push(...from.mapValues);
  into.items.push(...from.items);
}

/** The branches of a `oneOf`/`anyOf` that `value` matches; when none does, the closest one. */
function matchingBranches(root: Schema, branches: unknown[], value: unknown): Schema[] {
  const candidates = branches.filter((b) => !(value !== null && deref(root, b).type === 'null'));
  const scored = candidates.map((branch) => {
    const schema = isObject(branch) ? branch : {};
    const fn = validator(root, schema);
    if (!fn) return { schema, errors: Number.POSITIVE_INFINITY };
    return { schema, errors: fn(value) ? 0 : (fn.errors?.length ?? 1) };
  });
  const passing = scored.filter((s) => s.errors === 0);
  if (passing.length > 0) return passing.map((s) => s.schema);
  const best = scored.reduce<(typeof scored)[number] | undefined>(
    (a, b) => (a === undefined || b.errors < a.errors ? b : a),
    undefined,
  );
  return best ? [best.schema] : [];
}

/**
 * Views that do not depend on the value (no `oneOf`/`anyOf` on the way, no depth cut), per root and schema
 * object: a traffic audit walks the same schema for every body, so each of these is built once. Read only.
 */
const viewCaches = new WeakMap<Schema, WeakMap<object, View>>();

/** The object/array view `value` meets under `schema`: `allOf` merged, matching branches merged. */
function viewOf(root: Schema, schema: unknown, value: unknown): View {
  return cacheFor(viewCaches, root).get(deref(root, schema)) ?? build(root, schema, value, 0).view;
}

function build(root: Schema, schema: unknown, value: unknown, depth: number): { view: View; fixed: boolean } {
  if (depth > 24) return { view: emptyView(), fixed: false };
  const s = deref(root, schema);
  const cache = cacheFor(viewCaches, root);
  const known = cache.get(s);
  if (known) return { view: known, fixed: true };
  const view = emptyView();
  let fixed = true;
  if (isObject(s.properties)) {
    for (const [name, prop] of Object.entries(s.properties))
      if (isObject(prop)) view.properties.set(name, [prop]);
  }
  if (Array.isArray(s.required))
    for (const name of s.required) if (typeof name === 'string') view.required.add(name);
  if (isObject(s.additionalProperties)) view.mapValues.push(s.additionalProperties);
  if (isObject(s.patternProperties))
    for (const inner of Object.values(s.patternProperties)) if (isObject(inner)) view.mapValues.push(inner);
  if (isObject(s.items)) view.items.push(s.items);
  if (Array.isArray(s.allOf)) {
    for (const part of s.allOf) {
      const built = build(root, part, value, depth + 1);
      merge(view, built.view);
      fixed &&= built.fixed;
    }
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = s[key];
    if (!Array.isArray(branches)) continue;
    fixed = false;
    for (const branch of matchingBranches(root, branches, value))
      merge(view, build(root, branch, value, depth + 1).view);
  }
  if (fixed) cache.set(s, view);
  return { view, fixed };
}

const combinations = new WeakMap<Schema[], Schema>();

/** Several schemas a value must meet as one `allOf`; the same list (from a cached view) gives the same object. */
function combinedOf(schemas: Schema[]): Schema {
  if (schemas.length === 1) return schemas[0] as Schema;
  let combined = combinations.get(schemas);
  if (!combined) {
    combined = { allOf: schemas };
    combinations.set(schemas, combined);
  }
  return combined;
}

function anyAdmitsNull(root: Schema, schemas: readonly Schema[]): boolean {
  for (const schema of schemas) if (admitsNull(root, schema)) return true;
  return false;
}

/** Walks `body` beside `schema` (a bundled JSON Schema with `$defs`), recording presence per field. */
export function presenceFromSchema(schema: Schema, body: unknown): BodyPresence {
  const out: BodyPresence = {
    basis: 'schema',
    present: [],
    absent: [],
    nulls: [],
    undocumented: [],
    mistyped: [],
  };
  const walk = (schemas: Schema[], value: unknown, path: string, depth: number): void => {
    // A leaf has no fields: nothing to record, so its view is never built.
    if (depth > 24 || schemas.length === 0 || value === null || typeof value !== 'object') return;
    const view = viewOf(schema, combinedOf(schemas), value);
    if (Array.isArray(value)) {
      for (const item of value) walk(view.items, item, `${path}[]`, depth + 1);
      return;
    }
    const fields = value as Record<string, unknown>;
    for (const key in fields) {
      if (!Object.hasOwn(fields, key)) continue;
      const inner = fields[key];
      const at = path === '' ? key : `${path}.${key}`;
      const props = view.properties.get(key);
      const target = props ?? (view.mapValues.length > 0 ? view.mapValues : undefined);
      if (!target) {
        out.undocumented.push(at);
        continue;
      }
      out.present.push(at);
      if (inner === null) {
        out.nulls.push({
          path: at,
          presence: 'required',
          nullable: anyAdmitsNull(schema, target),
        });
        continue;
      }
      walk(target, inner, at, depth + 1);
    }
    for (const [key, props] of view.properties) {
      if (key in fields) continue;
      const field: FieldPresence = {
        path: path === '' ? key : `${path}.${key}`,
        presence: view.required.has(key) ? 'required' : 'optional',
        nullable: anyAdmitsNull(schema, props),
      };
      out.absent.push(field);
    }
  };
  walk([schema], body, '', 0);
  return out;
}
