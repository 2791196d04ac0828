/**
 * @module contract/openapi/sections
 * Pure pieces of the OpenAPI import: reading enums, bounds and descriptions, and the auth, message and error
 * sections of the ledger.
 */
import { CLAUSE } from '../catalogue.js';
import type { Clause, JsonValue } from '../schema.js';
import { arrayItems, bundleSchema, deref, escapeToken, objectView, type Schema } from './schema.js';

/** Where a clause's value came from: a JSON pointer and a short quote of what it says. */
export interface Cite {
  pointer: string;
  quote: string;
}

export type Add = (id: string, value: JsonValue, cite: Cite, extra?: Partial<Clause>) => void;

export function atProp(document: unknown, field: { pointer: string }): unknown {
  return deref(document, { $ref: field.pointer }, field.pointer).schema;
}

export function enumOf(document: unknown, schema: unknown): string[] {
  const { schema: s } = deref(document, schema, '#');
  if (Array.isArray(s.enum)) return s.enum.filter((v): v is string => typeof v === 'string');
  const out: string[] = [];
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = s[key];
    if (Array.isArray(branches)) for (const branch of branches) out.push(...enumOf(document, branch));
  }
  return [...new Set(out)];
}

export function findBounds(document: unknown, schema: Schema): [number, number] | undefined {
  if (typeof schema.minimum === 'number' && typeof schema.maximum === 'number')
    return [schema.minimum, schema.maximum];
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = schema[key];
    if (!Array.isArray(branches)) continue;
    for (const branch of branches) {
      const found = findBounds(document, deref(document, branch, '#').schema);
      if (found) return found;
    }
  }
  return undefined;
}

/** The first sentence mentioning `pattern` in the descriptions of the given schemas or their properties. */
export function findText(document: unknown, schemas: unknown[], pattern: RegExp): string | undefined {
  const seen = new Set<unknown>();
  const visit = (node: unknown, depth: number): string | undefined => {
    if (depth > 6 || node === null || typeof node !== 'object' || seen.has(node)) return undefined;
    seen.add(node);
    const s = deref(document, node, '#').schema;
    if (typeof s.description === 'string' && pattern.test(s.description)) {
      const text = s.description.replace(/\s+/g, ' ');
      const sentence = text.split(/(?<=\.)\s/).find((part) => pattern.test(part)) ?? text;
      return sentence.trim().slice(0, 300);
    }
    for (const value of Object.values(s)) {
      const found = typeof value === 'object' ? visit(value, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  };
  for (const schema of schemas) {
    const found = visit(schema, 0);
    if (found) return found;
  }
  return undefined;
}

export function addAuth(document: Schema, operation: Schema, add: Add): void {
  const requirements = (operation.security ?? document.security) as Record<string, unknown>[] | undefined;
  const name = requirements?.[0] ? Object.keys(requirements[0])[0] : undefined;
  const schemes = ((document.components as Schema | undefined)?.securitySchemes ?? {}) as Record<
    string,
    Schema
  >;
  const scheme = name ? schemes[name] : undefined;
  if (!name || !scheme) return;
  const pointer = `#/components/securitySchemes/${escapeToken(name)}`;
  if (scheme.type === 'http' && typeof scheme.scheme === 'string') {
    const quote = `${name}: type: http, scheme: ${scheme.scheme}`;
    add(CLAUSE.authHeader, 'Authorization', { pointer, quote });
    const value =
      scheme.scheme.toLowerCase() === 'bearer'
        ? 'Bearer'
        : scheme.scheme.toLowerCase() === 'basic'
          ? 'Basic'
          : scheme.scheme;
    add(CLAUSE.authScheme, value, { pointer, quote });
  } else if (scheme.type === 'apiKey' && scheme.in === 'header' && typeof scheme.name === 'string') {
    const quote = `${name}: type: apiKey, in: header, name: ${scheme.name}`;
    add(CLAUSE.authHeader, scheme.name, { pointer, quote });
    add(CLAUSE.authScheme, '', { pointer, quote });
  }
}

export function addMessages(
  document: unknown,
  messages: { schema: unknown; pointer: string } | undefined,
  add: Add,
): void {
  if (!messages) return;
  const items = arrayItems(document, messages.schema, messages.pointer);
  if (!items) return;
  const view = objectView(document, items.schema, items.pointer);
  const role = view.properties.role;
  if (role) {
    add(CLAUSE.roleField, 'role', {
      pointer: role.pointer,
      quote: 'role: required in every message variant',
    });
    const roles = enumOf(document, { $ref: role.pointer });
    // Each message variant declares its own role enum; collect them all.
    const { schema: itemSchema, pointer: itemPointer } = deref(document, items.schema, items.pointer);
    const variants = (itemSchema.oneOf ?? itemSchema.anyOf ?? []) as unknown[];
    for (const [index, variant] of variants.entries()) {
      const variantRole = objectView(document, variant, `${itemPointer}/oneOf/${index}`).properties.role;
      if (variantRole)
        roles.push(...enumOf(document, deref(document, variantRole.schema, variantRole.pointer).schema));
    }
    const unique = [...new Set(roles)];
    if (unique.length > 0)
      add(CLAUSE.roles, unique, {
        pointer: itemPointer,
        quote: `role enum across message variants: [${unique.join(', ')}]`,
      });
    if (unique.includes('user')) add(CLAUSE.userRole, 'user', { pointer: itemPointer, quote: 'role: user' });
  }
  const content = view.properties.content;
  if (content)
    add(CLAUSE.contentField, 'content', { pointer: content.pointer, quote: 'content: the message text' });
}

export function addErrors(
  document: Schema,
  chatPointer: string,
  responses: Record<string, Schema>,
  add: Add,
): void {
  let envelopePointer: string | undefined;
  for (const [status, response] of Object.entries(responses)) {
    if (!/^(4|5)\d\d$|^default$/.test(status)) continue;
    const pointer = `${chatPointer}/responses/${status}`;
    const resolved = deref(document, response, pointer);
    const schema = (
      (resolved.schema.content as Schema | undefined)?.['application/json'] as Schema | undefined
    )?.schema;
    if (schema && !envelopePointer)
      envelopePointer = deref(
        document,
        schema,
        `${resolved.pointer}/content/application~1json/schema`,
      ).pointer;
    const quote = String(resolved.schema.description ?? `${status} response`)
      .replace(/\s+/g, ' ')
      .slice(0, 240);
    const id = { '400': CLAUSE.invalidRequest, '401': CLAUSE.badAuth, '429': CLAUSE.rateLimit }[status];
    if (id)
      add(
        id,
        { status: Number(status), retryable: `<RETRYABLE_${status}_FROM_DOCS>` },
        { pointer: resolved.pointer, quote },
      );
    if (status === '429') {
      const headers = (resolved.schema.headers ?? {}) as Record<string, Schema>;
      const name = Object.keys(headers).find((header) => /^retry-after(-ms)?$/i.test(header));
      if (name)
        add(CLAUSE.retryAfter, name.toLowerCase(), {
          pointer: `${resolved.pointer}/headers/${escapeToken(name)}`,
          quote: String(headers[name]?.description ?? name)
            .replace(/\s+/g, ' ')
            .slice(0, 240),
        });
    }
  }
  const schemas = ((document.components as Schema | undefined)?.schemas ?? {}) as Schema;
  envelopePointer ??= 'ErrorResponse' in schemas ? '#/components/schemas/ErrorResponse' : undefined;
  if (!envelopePointer) return;
  const view = objectView(document, { $ref: envelopePointer }, envelopePointer);
  const wrapper = [...view.required][0] ?? Object.keys(view.properties)[0];
  const inner = wrapper ? view.properties[wrapper] : undefined;
  if (!wrapper || !inner) return;
  const innerView = objectView(document, inner.schema, inner.pointer);
  const keys = innerView.required.size > 0 ? [...innerView.required] : Object.keys(innerView.properties);
  add(
    CLAUSE.errorEnvelope,
    { wrapper, keys },
    { pointer: envelopePointer, quote: `${wrapper}: required [${keys.join(', ')}]` },
    { schema: bundleSchema(document, envelopePointer) },
  );
}
