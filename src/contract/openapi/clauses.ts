/**
 * @module contract/openapi/clauses
 * Pure: an OpenAPI 3.0/3.1 document → ledger clauses for endpoint, auth, request, response and errors, each
 * citing the document and the JSON pointer its value came from. What the document does not say stays pending.
 */
import { CATALOGUE, CLAUSE } from '../catalogue.js';
import type { Clause, JsonValue, NamedSource } from '../schema.js';
import { addAnswerMeaning } from './meaning.js';
import { type RefProblem, unresolvedRefs } from './refs.js';
import {
  atPointer,
  bundleSchema,
  deref,
  escapeToken,
  fieldPaths,
  nodeHash,
  objectView,
  type Schema,
} from './schema.js';
import {
  addAuth,
  addErrors,
  addMessages,
  atProp,
  type Cite,
  enumOf,
  findBounds,
  findText,
} from './sections.js';

/** Id of the named source every imported clause cites. */
export const OPENAPI_SOURCE_ID = 'openapi';

export interface OpenApiImport {
  source: NamedSource;
  clauses: Clause[];
  /** The operation the clauses describe, e.g. `POST /chat/completions`. */
  operation: string;
  /** `$ref`s under the operation that could not be followed (their clauses stay pending). */
  unresolved: RefProblem[];
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
  const base =
    typeof server === 'string' && /^https?:\/\//.test(server) ? withoutCredentials(server) : undefined;
  // A server URL that carries a password or a key is imported without them: the ledger never holds a secret.
  if (base !== undefined) {
    add(CLAUSE.baseUrl, base, { pointer: '#/servers/0/url', quote: `servers: - url: ${base}` });
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
  // A request schema that names no required field (or a `$ref` that is circular, external or missing)
  // leaves the clause a placeholder: the ledger needs at least one, and the document states none.
  if (required.length > 0)
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
  // No field (a circular, external or missing `$ref`): left a placeholder, the ledger needs at least one.
  if (paths_.length > 0)
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
    // What the descriptions say about a whole stream, in their words; what they do not say is left out.
    const sameId = findText(document, [streamSchema.schema], /each chunk has the same id/i);
    const noChoices = findText(document, [streamOptions?.schema], /choices[\s\S]{0,60}empty\s+array/i);
    if (sameId || noChoices)
      add(
        CLAUSE.streamRules,
        { ...(sameId ? { sameId: true } : {}), ...(noChoices ? { usageChunkNoChoices: true } : {}) },
        { pointer: streamSchema.pointer, quote: [sameId, noChoices].filter(Boolean).join(' … ') },
      );
  }

  // Errors.
  addErrors(document, chat.pointer, responses, add);
  // Media types, declared headers, and the units and relations the descriptions state.
  addAnswerMeaning(
    document,
    { chatPointer: chat.pointer, responses, ...(modelsPath ? { modelsPath } : {}) },
    add,
  );
  return {
    source,
    clauses,
    operation: `POST ${chat.path}`,
    unresolved: unresolvedRefs(document, chat.operation, chat.pointer),
  };
}

/** Query parameters that carry credentials in a server URL. */
const CREDENTIAL_QUERY =
  /^(?:api[-_]?key|apikey|key|access[-_]?token|token|secret|password|client[-_]secret|sig|signature)$/i;

/** `server` without its user-info and credential query parameters; undefined when it does not parse. */
function withoutCredentials(server: string): string | undefined {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return undefined;
  }
  if (!url.username && !url.password && ![...url.searchParams.keys()].some((k) => CREDENTIAL_QUERY.test(k))) {
    return server;
  }
  url.username = '';
  url.password = '';
  for (const name of [...url.searchParams.keys()])
    if (CREDENTIAL_QUERY.test(name)) url.searchParams.delete(name);
  return url.toString().replace(/\/$/, server.endsWith('/') ? '/' : '');
}
