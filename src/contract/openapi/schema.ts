/**
 * @module contract/openapi/schema
 * Pure helpers over an OpenAPI document's schemas: `$ref` chains, `allOf` merging, nullability (3.0 `nullable`,
 * 3.1 type arrays, `anyOf`/`oneOf` with null), field paths, and bundling a standalone JSON Schema.
 */

import { createHash } from 'node:crypto';

export type Schema = Record<string, unknown>;

/** JSON with object keys sorted, so equal content serialises equally whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Schema)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** `sha256:<hex>` of a node's canonical JSON: what a pointer-cited clause records, and what drift is checked against. */
export function nodeHash(node: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(node)).digest('hex')}`;
}

/** Decodes one JSON-pointer token (`~1` is `/`, `~0` is `~`). */
function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Encodes one JSON-pointer token. */
export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The value at a local JSON pointer (`#/components/schemas/Error`), or undefined. */
export function atPointer(document: unknown, pointer: string): unknown {
  if (!pointer.startsWith('#')) return undefined;
  let node = document;
  for (const token of pointer.slice(1).split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[unescapeToken(token)];
  }
  return node;
}

export interface Resolved {
  schema: Schema;
  /** Pointer of the last `$ref` followed (the schema's provenance), or the pointer it was found at. */
  pointer: string;
}

/** Follows a `$ref` chain (bounded, so a cycle of refs cannot hang). */
export function deref(document: unknown, schema: unknown, pointer: string): Resolved {
  let current = schema;
  let at = pointer;
  for (let hops = 0; hops < 32; hops++) {
    if (current === null || typeof current !== 'object') return { schema: {}, pointer: at };
    const ref = (current as Schema).$ref;
    if (typeof ref !== 'string') return { schema: current as Schema, pointer: at };
    at = ref;
    current = atPointer(document, ref);
  }
  return { schema: {}, pointer: at };
}

/** True when the schema admits null: 3.1 type arrays, `type: 'null'`, 3.0 `nullable`, or a null branch. */
export function isNullable(document: unknown, schema: unknown): boolean {
  const { schema: s } = deref(document, schema, '#');
  if (s.nullable === true) return true;
  if (s.type === 'null' || (Array.isArray(s.type) && s.type.includes('null'))) return true;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = s[key];
    if (Array.isArray(branches) && branches.some((branch) => isNullable(document, branch))) return true;
  }
  return false;
}

export interface ObjectView {
  properties: Record<string, { schema: unknown; pointer: string }>;
  required: Set<string>;
}

/**
 * The properties and required keys an object schema ends up with: `allOf` parts merged, and for `anyOf`/
 * `oneOf` the non-null branches merged (required only where every branch requires it).
 */
export function objectView(document: unknown, schema: unknown, pointer: string, depth = 0): ObjectView {
  const view = viewOf(document, schema, pointer, depth);
  return { properties: { ...view.properties }, required: new Set(view.required) };
}

/**
 * Views already built, per document and resolved pointer: an `allOf` chain that references the same schema
 * from several parts (`S0: allOf [S1, S1, S1]`, `S1: allOf [S2, S2, S2]` …) is merged once per schema instead of
 * once per path, which grew exponentially with the chain's length.
 */
const built = new WeakMap<object, Map<string, ObjectView>>();

function viewOf(document: unknown, schema: unknown, pointer: string, depth: number): ObjectView {
  const view: ObjectView = { properties: {}, required: new Set() };
  if (depth > 16) return view;
  const { schema: s, pointer: at } = deref(document, schema, pointer);
  let cache: Map<string, ObjectView> | undefined;
  if (document !== null && typeof document === 'object') {
    cache = built.get(document) ?? new Map();
    built.set(document, cache);
    const hit = cache.get(at);
    if (hit) return hit;
    // Registered before its parts are merged: a circular chain meets the view being built, not a new walk.
    cache.set(at, view);
  }
  const props = s.properties;
  if (props && typeof props === 'object') {
    for (const [name, value] of Object.entries(props as Schema)) {
      view.properties[name] = { schema: value, pointer: `${at}/properties/${escapeToken(name)}` };
    }
  }
  if (Array.isArray(s.required))
    for (const name of s.required) if (typeof name === 'string') view.required.add(name);
  if (Array.isArray(s.allOf)) {
    s.allOf.forEach((part, index) => {
      const inner = viewOf(document, part, `${at}/allOf/${index}`, depth + 1);
      Object.assign(view.properties, inner.properties);
      for (const name of inner.required) view.required.add(name);
    });
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = s[key];
    if (!Array.isArray(branches)) continue;
    const views = branches
      .map((branch, index) => ({ branch, index }))
      .filter(({ branch }) => deref(document, branch, at).schema.type !== 'null')
      .map(({ branch, index }) => viewOf(document, branch, `${at}/${key}/${index}`, depth + 1));
    for (const inner of views)
      for (const [name, prop] of Object.entries(inner.properties)) view.properties[name] ??= prop;
    const requiredEverywhere =
      views.length > 0
        ? [...(views[0]?.required ?? [])].filter((name) => views.every((v) => v.required.has(name)))
        : [];
    for (const name of requiredEverywhere) view.required.add(name);
  }
  return view;
}

/** The item schema of an array schema (following refs and nullable wrappers). */
export function arrayItems(
  document: unknown,
  schema: unknown,
  pointer: string,
): { schema: unknown; pointer: string } | undefined {
  const { schema: s, pointer: at } = deref(document, schema, pointer);
  const isArray = s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array'));
  if (isArray && s.items !== undefined) return { schema: s.items, pointer: `${at}/items` };
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = s[key];
    if (!Array.isArray(branches)) continue;
    for (const [index, branch] of branches.entries()) {
      const found = arrayItems(document, branch, `${at}/${key}/${index}`);
      if (found) return found;
    }
  }
  return undefined;
}

export interface FieldInfo {
  path: string;
  pointer: string;
  required: boolean;
  nullable: boolean;
}

/**
 * Every field path under an object schema, `[]` marking array items, to a bounded depth. A field reached
 * through a `$ref` already on the path is not expanded again, so recursive schemas terminate.
 */
export function fieldPaths(document: unknown, schema: unknown, pointer: string, maxDepth = 5): FieldInfo[] {
  const out: FieldInfo[] = [];
  const walk = (
    node: unknown,
    at: string,
    prefix: string,
    depth: number,
    seen: ReadonlySet<string>,
  ): void => {
    if (depth > maxDepth) return;
    const ref = deref(document, node, at);
    if (seen.has(ref.pointer)) return;
    const nextSeen = new Set(seen).add(ref.pointer);
    const view = objectView(document, node, at);
    for (const [name, prop] of Object.entries(view.properties)) {
      const path = prefix ? `${prefix}.${name}` : name;
      out.push({
        path,
        pointer: prop.pointer,
        required: view.required.has(name),
        nullable: isNullable(document, prop.schema),
      });
      const items = arrayItems(document, prop.schema, prop.pointer);
      if (items) walk(items.schema, items.pointer, `${path}[]`, depth + 1, nextSeen);
      else walk(prop.schema, prop.pointer, path, depth + 1, nextSeen);
    }
  };
  walk(schema, pointer, '', 0, new Set());
  return out;
}

const DROP_KEYS = new Set(['discriminator', 'example', 'examples', 'xml', 'externalDocs']);

/**
 * A standalone JSON Schema (draft 2020-12) for one component: every schema it references copied into `$defs`,
 * references rewritten, OpenAPI-only keywords dropped and 3.0 `nullable` turned into a null branch.
 */
export function bundleSchema(document: unknown, pointer: string): Schema {
  const defs: Record<string, unknown> = {};
  const nameOf = (ref: string) => ref.split('/').map(unescapeToken).slice(-1)[0] ?? 'schema';
  const pending: string[] = [pointer];
  const names = new Map<string, string>();
  const convert = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(convert);
    if (node === null || typeof node !== 'object') return node;
    const out: Schema = {};
    for (const [key, value] of Object.entries(node as Schema)) {
      if (DROP_KEYS.has(key) || key.startsWith('x-') || key === 'nullable') continue;
      if (key === '$ref' && typeof value === 'string') {
        if (!names.has(value)) {
          names.set(value, uniqueName(nameOf(value), names));
          pending.push(value);
        }
        out.$ref = `#/$defs/${names.get(value)}`;
        continue;
      }
      out[key] = convert(value);
    }
    if ((node as Schema).nullable === true) return { anyOf: [out, { type: 'null' }] };
    return out;
  };
  names.set(pointer, nameOf(pointer));
  while (pending.length > 0) {
    const ref = pending.shift() as string;
    const name = names.get(ref) as string;
    if (name in defs) continue;
    defs[name] = {};
    defs[name] = convert(atPointer(document, ref) ?? {});
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $ref: `#/$defs/${names.get(pointer)}`,
    $defs: defs,
  };
}

function uniqueName(base: string, names: ReadonlyMap<string, string>): string {
  const taken = new Set(names.values());
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  return name;
}
