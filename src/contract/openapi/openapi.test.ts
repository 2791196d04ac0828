import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { ChatproofError } from '../../errors.js';
import { CLAUSE } from '../catalogue.js';
import type { Clause } from '../schema.js';
import { clausesFromOpenApi } from './clauses.js';
import { parseOpenApi } from './load.js';
import { atPointer } from './schema.js';

/** Vendored with its licence; see test/fixtures/openai/README.md. */
const OPENAI = fileURLToPath(new URL('../../../test/fixtures/openai/openai-openapi.yaml', import.meta.url));

describe("OpenAI's OpenAPI document", () => {
  let document: Record<string, unknown>;
  let clauses: Map<string, Clause>;

  beforeAll(() => {
    document = parseOpenApi(readFileSync(OPENAI, 'utf8'), OPENAI);
    const imported = clausesFromOpenApi(document, OPENAI, '2026-11-26');
    clauses = new Map(imported.clauses.map((clause) => [clause.id, clause]));
  });

  test('model and messages come out required', () => {
    expect(clauses.get(CLAUSE.requiredFields)?.value).toEqual(expect.arrayContaining(['messages', 'model']));
    expect(clauses.get(CLAUSE.modelField)?.value).toBe('model');
    expect(clauses.get(CLAUSE.messagesField)?.value).toBe('messages');
  });

  test('choices[].message.content is nullable', () => {
    expect(clauses.get(CLAUSE.nullableFields)?.value).toContain('choices[].message.content');
    expect(clauses.get(CLAUSE.contentPath)?.value).toBe('choices[0].message.content');
  });

  test('the error object has type, message, param and code', () => {
    const envelope = clauses.get(CLAUSE.errorEnvelope)?.value as { wrapper: string; keys: string[] };
    expect(envelope.wrapper).toBe('error');
    expect([...envelope.keys].sort()).toEqual(['code', 'message', 'param', 'type']);
  });

  test('media types, the Retry-After syntax and the units and sums the descriptions state are imported', () => {
    expect(clauses.get(CLAUSE.mediaTypes)?.value).toEqual({
      json: 'application/json',
      stream: 'text/event-stream',
      models: 'application/json',
      error: 'application/json',
      // The document's only error answer is the 429: the error media type holds for it, not for every error.
      errorStatuses: ['429'],
    });
    expect(clauses.get(CLAUSE.responseHeaders)?.value).toEqual({ 'retry-after': 'seconds' });
    const meaning = clauses.get(CLAUSE.fieldMeaning)?.value as Record<string, Record<string, unknown>>;
    expect(meaning.json?.created).toEqual({ type: 'integer', unit: 'unix-seconds', clock: 'near' });
    // An expiry is a time too, but not one near the request: its unit only.
    expect(meaning.json?.['choices[].message.audio.expires_at']).toEqual({
      type: 'integer',
      unit: 'unix-seconds',
    });
    expect(meaning.json?.['usage.total_tokens']).toMatchObject({
      sum: ['usage.prompt_tokens', 'usage.completion_tokens'],
    });
    expect(meaning.stream?.created).toMatchObject({ clock: 'near' });
    expect(meaning.models?.['data[].created']).toEqual({
      type: 'integer',
      unit: 'unix-seconds',
      clock: 'past',
    });
  });

  test('every clause cites a JSON pointer that exists in the document', () => {
    for (const clause of clauses.values()) {
      const pointer = clause.source?.pointer;
      expect(pointer, clause.id).toMatch(/^#\//);
      expect(atPointer(document, pointer as string), `${clause.id} → ${pointer}`).toBeDefined();
      expect(clause.source?.ref).toBe('openapi');
      expect(clause.source?.quote?.length).toBeGreaterThan(0);
    }
  });

  test('request, response and error schemas are kept as standalone JSON Schemas', () => {
    for (const id of [CLAUSE.requiredFields, CLAUSE.responseFields, CLAUSE.errorEnvelope]) {
      const schema = clauses.get(id)?.schema as { $ref: string; $defs: Record<string, unknown> };
      expect(schema.$ref).toMatch(/^#\/\$defs\//);
      expect(JSON.stringify(schema)).not.toContain('#/components/');
    }
  });

  test('the documented finish reasons, roles, bounds and retry signal are read from the document', () => {
    expect(clauses.get(CLAUSE.finishReasons)?.value).toEqual(
      expect.arrayContaining(['stop', 'length', 'tool_calls', 'content_filter']),
    );
    expect(clauses.get(CLAUSE.roles)?.value).toEqual(
      expect.arrayContaining(['system', 'user', 'assistant', 'tool']),
    );
    expect(clauses.get(CLAUSE.temperatureRange)?.value).toEqual([0, 2]);
    expect(clauses.get(CLAUSE.retryAfter)?.value).toBe('retry-after');
    expect(clauses.get(CLAUSE.authScheme)?.value).toBe('Bearer');
  });

  test('nothing the document does not state is filled in', () => {
    const rateLimit = clauses.get(CLAUSE.rateLimit)?.value as { status: number; retryable: string };
    expect(rateLimit.status).toBe(429);
    expect(rateLimit.retryable).toMatch(/^<[A-Z0-9_]+>$/);
    for (const id of [
      CLAUSE.modelId,
      CLAUSE.keyRef,
      CLAUSE.parsedFields,
      CLAUSE.escalationPath,
      CLAUSE.timeoutMs,
    ]) {
      expect(clauses.has(id), id).toBe(false);
    }
  });
});

describe('OpenAPI 3.0 documents', () => {
  const doc30 = {
    openapi: '3.0.3',
    info: { title: 'Gateway', version: '1' },
    paths: {
      '/v1/chat/completions': {
        post: {
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Req' } } } },
          responses: {
            '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Res' } } } },
          },
        },
      },
    },
    components: {
      schemas: {
        Req: { type: 'object', required: ['model'], properties: { model: { type: 'string' } } },
        Res: {
          type: 'object',
          properties: {
            note: { type: 'string', nullable: true },
            self: { $ref: '#/components/schemas/Res' },
          },
        },
      },
    },
  };

  test('`nullable: true` marks a field nullable and becomes a null branch in the bundled schema', () => {
    const { clauses } = clausesFromOpenApi(doc30, 'gw.json', '2026-11-26');
    const byId = new Map(clauses.map((clause) => [clause.id, clause]));
    expect(byId.get(CLAUSE.nullableFields)?.value).toContain('note');
    expect(JSON.stringify(byId.get(CLAUSE.responseFields)?.schema)).toContain('"type":"null"');
  });

  test('a recursive schema terminates: a schema already on the path is listed, not expanded again', () => {
    const { clauses } = clausesFromOpenApi(doc30, 'gw.json', '2026-11-26');
    const fields = clauses.find((clause) => clause.id === CLAUSE.responseFields)?.value as string[];
    expect(fields).toEqual(['note', 'self']);
  });

  test('a document without a chat operation, or not OpenAPI 3, is rejected with E_OPENAPI_INVALID', () => {
    expect(() => parseOpenApi('openapi: 3.1.0\npaths: {}\n', 'x.yaml')).toThrow(/chat\/completions/);
    expect(() => parseOpenApi('swagger: "2.0"\n', 'x.yaml')).toThrow(/OpenAPI 3.0 or 3.1/);
    expect(() => parseOpenApi('{ "openapi": ', 'x.json')).toThrow(ChatproofError);
  });

  test('random documents never crash the importer: every failure is a ChatproofError', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const text = JSON.stringify({ openapi: '3.1.0', paths: { '/chat/completions': { post: value } } });
        try {
          clausesFromOpenApi(parseOpenApi(text, 'fuzz.json'), 'fuzz.json', '2026-11-26');
        } catch (error) {
          expect(error).toBeInstanceOf(ChatproofError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
