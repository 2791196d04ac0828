/**
 * @module contract/openapi/clauses
 * Pure: an OpenAPI 3.0/3.1 document → ledger clauses for endpoint, auth, request, response and errors, each
 * citing the document and the JSON pointer its value came from. What the document does not say stays pending.
 */
import { CATALOGUE, CLAUSE } from '../catalogue.js';
import type { Clause, JsonValue, NamedSource } from '../schema.js';
import {
  arrayItems,
  atPointer,
  bundleSchema,
  deref,
  escapeToken,
  fieldPaths,
  nodeHash,
  objectView,
  type Schema,
} from './schema.js';

/** Id of the named source every imported clause cites. */
export const OPENAPI_SOURCE_ID = 'openapi';

export interface OpenApiImport {
  source: NamedSource;
  clauses: Clause[];
  /** The operation the clauses describe, e.g. `POST /chat/completions`. */
  operation: string;
}

interface Cite {
  pointer: string;
  quote: string;
}

/** Finds the chat-completions operation; undefined when the document has none. */
export function findChatOperation(
  document: Schema,
): { path: string; pointer: string; operation: Schema } | undefined {
  const paths = (document.paths ?? {}) as Record<string, Schema>;
  const path = Object.keys(paths).find((key) => /(^|\/)chat\/completions$/.test(key) && paths[key]?.post);
  if (!path) return undefined;
  return { path, pointer: `#/paths/${escapeToken(path)}/post`, operation: paths[path]?.post as Schema };
}

/** Builds the clauses. `accessed` is the review date (passed in: this function reads no clock). */
export function clausesFromOpenApi(document: Schema, file: string, accessed: string): OpenApiImport {
  const chat = findChatOperation(document);
  if (!chat) throw new Error('no POST …/chat/completions operation');
  const info = (document.info ?? {}) as Schema;
  const source: NamedSource = {
    title:
      `${String(info.title ?? 'OpenAPI document')} ${String(info.version ?? '')} (OpenAPI ${String(document.openapi)})`.replace(
        /\s+/g,
        ' ',
      ),
    url: file,
    accessed,
    purpose: 'Machine-readable contract: request, response and error schemas.',
  };
  const clauses: Clause[] = [];
  const add = (id: string, value: JsonValue, cite: Cite, extra: Partial<Clause> = {}) => {
    const entry = CATALOGUE.find((item) => item.id === id);
    if (!entry) throw new Error(`unknown catalogue clause ${id}`);
    const clause: Clause = {
      id,
      area: entry.area,
      statement: entry.statement,
      value,
      // The hash of the cited node lets `sources check` tell a changed schema from an unchanged one, since a
      // summary quote such as `required: [messages, model]` is not a literal passage of the document.
      source: {
        ref: OPENAPI_SOURCE_ID,
        pointer: cite.pointer,
        quote: cite.quote,
        contentHash: nodeHash(atPointer(document, cite.pointer)),
      },
      implementation: entry.evidence.map((kind) => ({
        kind: kind as Clause['implementation'][number]['kind'],
        location: `<${kind.toUpperCase()}_LOCATION>`,
      })),
      owner: '<TEAM_OR_PERSON>',
      ...extra,
    };
    if (entry.basis && !clause.basis) clause.basis = entry.basis;
    clauses.push(clause);
  };
  const describe = (schema: unknown, fallback: string): string => {
    const text =
      typeof (schema as Schema | undefined)?.description === 'string'
        ? ((schema as Schema).description as string)
        : '';
    const sentence =
      text
        .replace(/\s+/g, ' ')
        .trim()
        .split(/(?<=\.)\s/)[0] ?? '';
    return sentence.length > 0 ? sentence.slice(0, 240) : fallback;
  };

  // Endpoint and auth.
  const servers = document.servers as Schema[] | undefined;
  const server = servers?.[0]?.url;
  if (typeof server === 'string' && /^https?:\/\//.test(server)) {
    add(CLAUSE.baseUrl, server, { pointer: '#/servers/0/url', quote: `servers: - url: ${server}` });
  }
  add(CLAUSE.chatPath, chat.path, {
    pointer: chat.pointer,
    quote: `paths: ${chat.path}: post: operationId: ${String(chat.operation.operationId ?? '')}`,
  });
  const paths = (document.paths ?? {}) as Record<string, Schema>;
  const modelsPath = Object.keys(paths).find((key) => /(^|\/)models$/.test(key) && paths[key]?.get);
  if (modelsPath)
    add(CLAUSE.modelsPath, modelsPath, {
      pointer: `#/paths/${escapeToken(modelsPath)}/get`,
      quote: `paths: ${modelsPath}: get`,
    });
  addAuth(document, chat.operation, add);

  // Request.
  const requestPointer = `${chat.pointer}/requestBody/content/application~1json/schema`;
  const request = deref(
    document,
    (((chat.operation.requestBody as Schema)?.content as Schema)?.['application/json'] as Schema)?.schema,
    requestPointer,
  );
  const view = objectView(document, request.schema, request.pointer);
  const prop = (name: string) => view.properties[name];
  const required = [...view.required].sort();
  add(
    CLAUSE.requiredFields,
    required,
    { pointer: `${request.pointer}`, quote: `required: [${required.join(', ')}]` },
    { schema: bundleSchema(document, request.pointer) },
  );
  for (const [id, name] of [
    [CLAUSE.modelField, 'model'],
    [CLAUSE.messagesField, 'messages'],
    [CLAUSE.streamField, 'stream'],
  ] as const) {
    const found = prop(name);
    if (found)
      add(id, name, {
        pointer: found.pointer,
        quote: describe(
          deref(document, found.schema, found.pointer).schema,
          `${name}: ${view.required.has(name) ? 'required' : 'optional'}`,
        ),
      });
  }
  const optional = Object.keys(view.properties)
    .filter((name) => !view.required.has(name))
    .sort();
  add(CLAUSE.optionalParameters, optional, {
    pointer: request.pointer,
    quote: `properties not in required: ${optional.length}`,
  });
  const maxTokens = Object.entries(view.properties)
    .filter(([name]) => /^max(_completion)?_tokens$/.test(name))
    .sort(
      ([, a], [, b]) =>
        Number(deref(document, a.schema, a.pointer).schema.deprecated === true) -
        Number(deref(document, b.schema, b.pointer).schema.deprecated === true),
    )[0];
  if (maxTokens)
    add(CLAUSE.maxTokensField, maxTokens[0], {
      pointer: maxTokens[1].pointer,
      quote: describe(deref(document, maxTokens[1].schema, maxTokens[1].pointer).schema, maxTokens[0]),
    });
  const temperature = prop('temperature');
  if (temperature) {
    const t = deref(document, temperature.schema, temperature.pointer).schema;
    const bounds = findBounds(document, t);
    if (bounds)
      add(CLAUSE.temperatureRange, bounds, {
        pointer: temperature.pointer,
        quote: `minimum: ${bounds[0]}, maximum: ${bounds[1]}`,
      });
  }
  addMessages(document, prop('messages'), add);
  const streamOptions = prop('stream_options');

  // Response.
  const responses = (chat.operation.responses ?? {}) as Record<string, Schema>;
  const okPointer = `${chat.pointer}/responses/200`;
  const ok = deref(document, responses['200'], okPointer);
  const okContent = (ok.schema.content ?? {}) as Record<string, Schema>;
  const json = deref(
    document,
    okContent['application/json']?.schema,
    `${ok.pointer}/content/application~1json/schema`,
  );
  const fields = fieldPaths(document, json.schema, json.pointer);
  const paths_ = fields.map((field) => field.path);
  add(
    CLAUSE.responseFields,
    paths_,
    { pointer: json.pointer, quote: `${paths_.length} fields under ${json.pointer}` },
    { schema: bundleSchema(document, json.pointer) },
  );
  const field = (path: string) => fields.find((f) => f.path === path);
  const content = field('choices[].message.content');
  if (content)
    add(CLAUSE.contentPath, 'choices[0].message.content', {
      pointer: content.pointer,
      quote: describe(
        deref(document, atProp(document, content), content.pointer).schema,
        'choices[].message.content',
      ),
    });
  const finish = field('choices[].finish_reason');
  if (finish) {
    add(CLAUSE.finishReasonPath, 'choices[0].finish_reason', {
      pointer: finish.pointer,
      quote: 'choices[].finish_reason',
    });
    const values = enumOf(document, atProp(document, finish));
    if (values.length > 0)
      add(CLAUSE.finishReasons, values, { pointer: finish.pointer, quote: `enum: [${values.join(', ')}]` });
  }
  const id = field('id');
  if (id)
    add(CLAUSE.idField, 'id', {
      pointer: id.pointer,
      quote: describe(deref(document, atProp(document, id), id.pointer).schema, 'id'),
    });
  const usage = fields.filter((f) => /^usage\.[^.[]+$/.test(f.path) && f.required).map((f) => f.path);
  if (usage.length > 0)
    add(CLAUSE.usageFields, usage, {
      pointer: field('usage')?.pointer ?? json.pointer,
      quote: `usage required: [${usage.join(', ')}]`,
    });
  const nullable = fields.filter((f) => f.nullable).map((f) => f.path);
  add(CLAUSE.nullableFields, nullable, {
    pointer: json.pointer,
    quote: `${nullable.length} fields admit null`,
  });
  const stream = okContent['text/event-stream'];
  if (stream) {
    const streamSchema = deref(document, stream.schema, `${ok.pointer}/content/text~1event-stream/schema`);
    const doneQuote = findText(document, [streamOptions?.schema, streamSchema.schema], /\[DONE\]/);
    if (doneQuote)
      add(
        CLAUSE.streamDone,
        '[DONE]',
        { pointer: streamSchema.pointer, quote: doneQuote },
        { schema: bundleSchema(document, streamSchema.pointer) },
      );
    if (streamOptions) {
      const usageQuote = findText(document, [streamOptions.schema], /include_usage|usage/);
      if (usageQuote) add(CLAUSE.streamUsage, true, { pointer: streamOptions.pointer, quote: usageQuote });
    }
  }

  // Errors.
  addErrors(document, chat.pointer, responses, add);
  return { source, clauses, operation: `POST ${chat.path}` };
}

type Add = (id: string, value: JsonValue, cite: Cite, extra?: Partial<Clause>) => void;

function atProp(document: unknown, field: { pointer: string }): unknown {
  return deref(document, { $ref: field.pointer }, field.pointer).schema;
}

function enumOf(document: unknown, schema: unknown): string[] {
  const { schema: s } = deref(document, schema, '#');
  if (Array.isArray(s.enum)) return s.enum.filter((v): v is string => typeof v === 'string');
  const out: string[] = [];
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = s[key];
    if (Array.isArray(branches)) for (const branch of branches) out.push(...enumOf(document, branch));
  }
  return [...new Set(out)];
}

function findBounds(document: unknown, schema: Schema): [number, number] | undefined {
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
function findText(document: unknown, schemas: unknown[], pattern: RegExp): string | undefined {
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

function addAuth(document: Schema, operation: Schema, add: Add): void {
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

function addMessages(
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

function addErrors(document: Schema, chatPointer: string, responses: Record<string, Schema>, add: Add): void {
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
