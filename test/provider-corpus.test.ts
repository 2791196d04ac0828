/**
 * Real answers recorded from the live OpenAI API by openai-python's own tests (JSON and SSE, see
 * test/fixtures/openai-python/PROVENANCE.md), judged with the OpenAI profile's ledger and with a ledger
 * imported from OpenAI's OpenAPI document. No answer may be `unexpected` unless an independent validator
 * (ajv over the document's own schema, not chatproof's bundler) says it breaks the schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { judgeChatAnswer } from '../src/checks/index.js';
import type { Finding, FindingCode } from '../src/classify/index.js';
import { type Contract, clausesFromOpenApi, initialLedger } from '../src/contract/index.js';
import { readSse } from '../src/http/index.js';
import { profileContract, testContract } from './builders.js';
import { openaiDocument, openaiSchema } from './helpers/openai-schema.js';

const CORPUS = join(import.meta.dirname, 'fixtures', 'openai-python');
const document = openaiDocument;
const validCompletion = openaiSchema('CreateChatCompletionResponse');
const validChunk = openaiSchema('CreateChatCompletionStreamResponse');

const read = (dir: string) =>
  readdirSync(join(CORPUS, dir))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(CORPUS, dir, name), 'utf8') }));
const responses = read('responses');
const streams = read('streams');

function contracts(): [string, Contract][] {
  const target = { baseUrl: 'http://127.0.0.1:9/v1', keyRef: 'env:OPENAI_TEST_KEY' };
  const profile = profileContract('openai', target);
  const imported = clausesFromOpenApi(document, 'test/fixtures/openai/openai-openapi.yaml', '2026-12-01');
  const ledger = initialLedger(imported.clauses, { openapi: imported.source });
  return [
    ['openai profile ledger', profile],
    ['ledger imported from the OpenAPI document', testContract(ledger)],
  ];
}

const codes = (findings: Finding[]) => findings.map((f) => f.code);
/** Recorded without a time, the answers are judged for the unit of their timestamps, not against a clock. */
const MEANING_HELD: FindingCode[] = ['meaning-matches', 'media-type-matches'];

const unexpected = (findings: Finding[]) =>
  findings.filter((f) => f.class === 'unexpected').map((f) => `${f.code}: ${f.message}`);

test('the corpus is the recorded one: 14 JSON answers and 13 streams', () => {
  expect(responses.length).toBe(14);
  expect(streams.length).toBe(13);
});

describe.each(contracts())('recorded OpenAI answers judged with the %s', (_name, contract) => {
  test.each(responses)('JSON $name: no false unexpected', ({ text }) => {
    const body = JSON.parse(text);
    const schemaValid = validCompletion(body);
    const { findings } = judgeChatAnswer(contract, {
      kind: 'json',
      request: { url: 'http://127.0.0.1:9/v1/chat/completions', body: JSON.stringify({ model: body.model }) },
      response: { status: 200, headers: { 'content-type': 'application/json' }, body: text },
    });
    if (schemaValid) expect(unexpected(findings)).toEqual([]);
    else expect(unexpected(findings).length).toBeGreaterThan(0);
    // The meaning checks ran (both ledgers state them), and held: units, the usage total, the media type.
    if (schemaValid) expect(codes(findings)).toEqual(expect.arrayContaining(MEANING_HELD));
    // Optional fields the answer leaves out (`service_tier`, `annotations`, `audio`, …) are never missing.
    expect(findings.filter((f) => f.code === 'field-missing')).toEqual([]);
  });

  test.each(streams)('SSE $name: no false unexpected', ({ text }) => {
    const chunks = readSse(text)
      .events.filter((e) => e.data !== '[DONE]')
      .map((e) => JSON.parse(e.data));
    const invalid = chunks.filter((chunk) => !validChunk(chunk));
    const model = chunks[0]?.model as string;
    const { findings } = judgeChatAnswer(contract, {
      kind: 'stream',
      request: {
        url: 'http://127.0.0.1:9/v1/chat/completions',
        body: JSON.stringify({ model, stream: true }),
      },
      response: { status: 200, headers: { 'content-type': 'text/event-stream' }, body: text },
    });
    if (invalid.length === 0) expect(unexpected(findings)).toEqual([]);
    else expect(unexpected(findings).length).toBeGreaterThan(0);
    expect(findings.some((f) => f.code === 'stream-done')).toBe(true);
    if (invalid.length === 0) expect(codes(findings)).toEqual(expect.arrayContaining(MEANING_HELD));
  });
});
