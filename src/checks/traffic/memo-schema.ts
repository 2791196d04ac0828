/**
 * @module checks/traffic/memo-schema
 * Which field names a JSON Schema constrains by value (an enum, a pattern, a range, a format...), walked once
 * per audit: a value under any other name can change a schema check, or the `oneOf` branch presence follows,
 * only through its type. A keyword this walk does not know, or a value constraint it cannot tie to a name,
 * makes every value count (`all`). Pure.
 */

type Schema = Record<string, unknown>;

export interface ValueNames {
  /** Every value may matter: nothing is reduced to its type. */
  all: boolean;
  /** Field names whose values a schema keyword reads. */
  names: Set<string>;
}

/** Keywords that read a value beyond its type. */
const VALUE_KEYWORDS = new Set([
  'enum',
  'const',
  'pattern',
  'format',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
]);

/** Keywords that read only types, keys and lengths, or nothing (annotations). */
const SHAPE_KEYWORDS = new Set([
  'type',
  'required',
  'nullable',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'title',
  'description',
  'example',
  'examples',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'discriminator',
  '$schema',
  '$id',
  '$comment',
  '$defs',
  'definitions',
]);

const isObject = (value: unknown): value is Schema =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The field names `schemas` constrain by value. `knownFormat` says which `format` values the validator checks
 * (one it does not know reads nothing).
 */
export function valueNames(
  schemas: readonly (Schema | undefined)[],
  knownFormat: (name: string) => boolean = () => true,
): ValueNames {
  const out: ValueNames = { all: false, names: new Set() };
  for (const root of schemas) if (root) walkRoot(root, out, knownFormat);
  return out;
}

// `name` is where a node applies: a field name, '' at the root, '*' for any key.
function walkRoot(root: Schema, out: ValueNames, knownFormat: (name: string) => boolean): void {
  const seen = new Map<object, Set<string>>();
  const resolve = (ref: string): unknown => {
    let node: unknown = root;
    for (const token of ref.slice(1).split('/').slice(1)) {
      if (!isObject(node)) return undefined;
      node = node[token.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    return node;
  };
  const mark = (name: string) => {
    if (name === '' || name === '*') out.all = true;
    else out.names.add(name);
  };
  const walk = (node: unknown, name: string): void => {
    if (out.all || typeof node === 'boolean') return;
    if (!isObject(node)) {
      out.all = true;
      return;
    }
    const names = seen.get(node) ?? new Set<string>();
    if (names.has(name)) return;
    names.add(name);
    seen.set(node, names);
    for (const [keyword, value] of Object.entries(node)) {
      if (keyword.startsWith('x-') || SHAPE_KEYWORDS.has(keyword)) continue;
      if (keyword === 'format' && typeof value === 'string' && !knownFormat(value)) continue;
      if (VALUE_KEYWORDS.has(keyword)) {
        mark(name);
        continue;
      }
      switch (keyword) {
        case '$ref':
          if (typeof value !== 'string' || !value.startsWith('#')) out.all = true;
          else walk(resolve(value), name);
          break;
        case 'properties':
          if (!isObject(value)) out.all = true;
          else for (const [child, schema] of Object.entries(value)) walk(schema, child);
          break;
        case 'additionalProperties':
        case 'unevaluatedProperties':
          walk(value, '*');
          break;
        case 'patternProperties':
          if (!isObject(value)) out.all = true;
          else for (const schema of Object.values(value)) walk(schema, '*');
          break;
        case 'items':
        case 'additionalItems':
        case 'unevaluatedItems':
          // A list's items apply under the list's own name (a body's walk passes lists through).
          if (Array.isArray(value)) for (const schema of value) walk(schema, name);
          else walk(value, name);
          break;
        case 'prefixItems':
        case 'allOf':
        case 'anyOf':
        case 'oneOf':
          if (!Array.isArray(value)) out.all = true;
          else for (const schema of value) walk(schema, name);
          break;
        default:
          // `not`, `if`, `contains`, `uniqueItems`, `propertyNames`, dependencies...: values may count anywhere.
          out.all = true;
      }
    }
  };
  walk(root, '');
}
