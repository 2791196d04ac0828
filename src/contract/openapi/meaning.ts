/**
 * @module contract/openapi/meaning
 * What the document says about its answers beyond their schema: the media type of each answer (the content
 * types of its responses), the syntax of the headers it declares, and the units and relations its field
 * descriptions state in words ("The Unix timestamp (in seconds)", "(prompt + completion)"). What the document
 * does not say is not imported: those clauses stay pending. Pure.
 */
import { CLAUSE } from '../catalogue.js';
import type { JsonValue } from '../schema.js';
import type { FieldMeaning } from '../values.js';
import { deref, escapeToken, fieldPaths, type Schema } from './schema.js';
import { atProp, type Cite } from './sections.js';

type Add = (id: string, value: JsonValue, cite: Cite) => void;

const UNIX_SECONDS = /unix timestamp \(in seconds\)/i;
const PROMPT_PLUS_COMPLETION = /\(prompt \+ completion\)/i;

export interface AnswerSchemas {
  /** The chat operation's pointer and its responses. */
  chatPointer: string;
  responses: Record<string, unknown>;
  /** The model-list path, when the document has one. */
  modelsPath?: string;
}

const contentOf = (document: Schema, response: unknown, pointer: string) =>
  (deref(document, response, pointer).schema.content ?? {}) as Record<string, Schema>;

/** Units and relations the descriptions of `schema`'s fields state. */
function meaningsOf(
  document: Schema,
  schema: unknown,
  pointer: string,
  kind: 'json' | 'stream' | 'models',
  quotes: Map<string, string>,
): Record<string, FieldMeaning> {
  const out: Record<string, FieldMeaning> = {};
  const quote = (path: string, text: string) => {
    if (!quotes.has(path))
      quotes.set(
        path,
        text
          .replace(/\s+/g, ' ')
          .trim()
          .split(/(?<=\.)\s/)[0] ?? text,
      );
  };
  for (const field of fieldPaths(document, schema, pointer)) {
    const node = deref(document, atProp(document, field), field.pointer).schema;
    const text = typeof node.description === 'string' ? node.description : '';
    if (UNIX_SECONDS.test(text) && node.type === 'integer') {
      // A completion's (and chunk's) `created` is when it was made, so near the request; a model's is before.
      const created = kind === 'models' ? field.path === 'data[].created' : field.path === 'created';
      const clock = created ? { clock: kind === 'models' ? ('past' as const) : ('near' as const) } : {};
      out[field.path] = { type: 'integer', unit: 'unix-seconds', ...clock };
      quote(field.path, text);
    }
    if (field.path.endsWith('.total_tokens') && PROMPT_PLUS_COMPLETION.test(text)) {
      const base = field.path.slice(0, -'total_tokens'.length);
      out[field.path] = {
        type: 'integer',
        minimum: 0,
        sum: [`${base}prompt_tokens`, `${base}completion_tokens`],
      };
    }
  }
  return out;
}

function schemaAt(document: Schema, content: Record<string, Schema>, type: string, pointer: string) {
  const media = content[type];
  return media ? deref(document, media.schema, `${pointer}/content/${escapeToken(type)}/schema`) : undefined;
}

/** Adds `response.media-types`, `response.headers` and `response.field-meaning` where the document states them. */
export function addAnswerMeaning(document: Schema, answers: AnswerSchemas, add: Add): void {
  const okPointer = `${answers.chatPointer}/responses/200`;
  const ok = contentOf(document, answers.responses['200'], okPointer);
  const modelsPointer = answers.modelsPath
    ? `#/paths/${escapeToken(answers.modelsPath)}/get/responses/200`
    : undefined;
  const paths = (document.paths ?? {}) as Record<string, Schema>;
  const modelsResponse = answers.modelsPath
    ? ((paths[answers.modelsPath]?.get as Schema | undefined)?.responses as Schema | undefined)?.['200']
    : undefined;
  const models = modelsPointer && modelsResponse ? contentOf(document, modelsResponse, modelsPointer) : {};
  const errorStatus = Object.keys(answers.responses).find((status) => /^[45](\d\d|XX)$/.test(status));
  const errorPointer = errorStatus ? `${answers.chatPointer}/responses/${errorStatus}` : undefined;
  const errors =
    errorStatus && errorPointer ? contentOf(document, answers.responses[errorStatus], errorPointer) : {};

  const media: Record<string, string | string[]> = {};
  if ('application/json' in ok) media.json = 'application/json';
  if ('text/event-stream' in ok) media.stream = 'text/event-stream';
  const first = (content: Record<string, Schema>) => Object.keys(content)[0];
  const modelsType = first(models);
  if (modelsType) media.models = modelsType;
  const errorType = first(errors);
  // The error media type holds for the error statuses the document gives it, not for every error.
  const errorStatuses = errorType
    ? Object.keys(answers.responses).filter(
        (status) =>
          /^[45](\d\d|XX)$/.test(status) &&
          errorType in
            contentOf(document, answers.responses[status], `${answers.chatPointer}/responses/${status}`),
      )
    : [];
  if (errorType) media.error = errorType;
  if (errorType) media.errorStatuses = errorStatuses;
  if (Object.keys(media).length > 0) {
    add(CLAUSE.mediaTypes, media, {
      pointer: okPointer,
      quote: `200 content: ${Object.keys(ok).join(', ')}${modelsType ? `; GET ${answers.modelsPath} 200: ${modelsType}` : ''}${errorType ? `; ${errorStatus}: ${errorType}` : ''}`,
    });
  }

  // Declared headers whose syntax the schema gives: integers (Retry-After's delay-seconds among them).
  const headers: Record<string, string> = {};
  let headerPointer: string | undefined;
  for (const [status, response] of Object.entries(answers.responses)) {
    const pointer = `${answers.chatPointer}/responses/${status}`;
    const declared = (deref(document, response, pointer).schema.headers ?? {}) as Record<string, Schema>;
    for (const [name, header] of Object.entries(declared)) {
      const schema = deref(document, header.schema, `${pointer}/headers/${escapeToken(name)}/schema`).schema;
      if (schema.type !== 'integer') continue;
      headers[name.toLowerCase()] = /^retry-after$/i.test(name) ? 'seconds' : 'integer';
      headerPointer ??= `${deref(document, response, pointer).pointer}/headers/${escapeToken(name)}`;
    }
  }
  if (headerPointer) {
    add(CLAUSE.responseHeaders, headers, {
      pointer: headerPointer,
      quote: Object.entries(headers)
        .map(([name, syntax]) => `${name}: ${syntax === 'seconds' ? 'integer (seconds)' : 'integer'}`)
        .join('; '),
    });
  }

  const meaning: Record<string, Record<string, FieldMeaning>> = {};
  const quotes = new Map<string, string>();
  const json = schemaAt(document, ok, 'application/json', okPointer);
  const stream = schemaAt(document, ok, 'text/event-stream', okPointer);
  const list =
    modelsPointer && modelsType ? schemaAt(document, models, modelsType, modelsPointer) : undefined;
  for (const [kind, at] of [
    ['json', json],
    ['stream', stream],
    ['models', list],
  ] as const) {
    if (!at) continue;
    const found = meaningsOf(document, at.schema, at.pointer, kind, quotes);
    if (Object.keys(found).length > 0) meaning[kind] = found;
  }
  if (Object.keys(meaning).length > 0) {
    // The descriptions the meanings were read from, each as the document words it.
    const quote = [...quotes].map(([path, text]) => `${path}: "${text.slice(0, 120)}"`).join('; ');
    add(CLAUSE.fieldMeaning, meaning as unknown as JsonValue, { pointer: json?.pointer ?? okPointer, quote });
  }
}
