/**
 * A third-party mock nobody here wrote: Stoplight Prism (5.14) serving OpenAI's OpenAPI document (the vendored
 * copy, trimmed to the chat-completions and model-list paths, see test/helpers/prism.ts) on loopback. The probe
 * and the negative suite run against it with a ledger imported from the document and with the OpenAI profile's
 * ledger, and every finding is checked against the document itself: an answer ajv finds conformant draws no
 * `unexpected`, and each `unexpected` is shown to rest on what the document says (or, for the profile ledger, on a
 * clause the profile marks as its own assumption, never presented as the document's).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runNegative, runProbe } from '../src/checks/index.js';
import type { Finding } from '../src/classify/index.js';
import {
  CLAUSE,
  type Clause,
  type ClauseRef,
  clausesFromOpenApi,
  initialLedger,
  type JsonValue,
  type LedgerInput,
} from '../src/contract/index.js';
import { atPointer, fieldPaths } from '../src/contract/openapi/index.js';
import { profileLedger } from '../src/simulator/index.js';
import { testContract } from './builders.js';
import { openaiDocument, openaiSchema } from './helpers/openai-schema.js';
import { type Prism, startPrism, trimDocument } from './helpers/prism.js';

const KEY_REF = 'env:PRISM_TEST_KEY';
const env = { PRISM_TEST_KEY: 'chatproof-prism-canary-key' };
type Json = Record<string, unknown>;
const operation = ((openaiDocument.paths as Json)['/chat/completions'] as Json).post as Json;
const documentedStatuses = Object.keys(operation.responses as Json);
const validRequest = openaiSchema('CreateChatCompletionRequest');
const validCompletion = openaiSchema('CreateChatCompletionResponse');
const validModels = openaiSchema('ListModelsResponse');

/** The description the document gives a schema node (through `$ref` and `anyOf`/`oneOf`/`allOf`). */
function described(node: unknown, depth = 0): string | undefined {
  if (node === null || typeof node !== 'object' || depth > 4) return undefined;
  const schema = node as Json;
  if (typeof schema.description === 'string') return schema.description;
  if (typeof schema.$ref === 'string') return described(atPointer(openaiDocument, schema.$ref), depth + 1);
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const found = ((schema[key] as unknown[] | undefined) ?? [])
      .map((b) => described(b, depth + 1))
      .find(Boolean);
    if (found) return found;
  }
  return undefined;
}
const documentFields = (component: string) =>
  fieldPaths(openaiDocument, { $ref: `#/components/schemas/${component}` }, '#/');

let prism: Prism;
/** The first model id Prism's model list serves: the ledger names a model the target lists. */
let model: string;
beforeAll(async () => {
  prism = await startPrism(trimDocument(openaiDocument, ['/chat/completions', '/models']));
  const list = await fetch(`${prism.url}/models`, { headers: { authorization: 'Bearer x' } });
  model = ((await list.json()) as { data: { id: string }[] }).data[0]?.id ?? '';
}, 90_000);
afterAll(() => prism?.stop());

/** The ledger `init --from-openapi` writes for the document, with the operator's local choices filled in. */
function importedLedger(): LedgerInput {
  const imported = clausesFromOpenApi(
    openaiDocument,
    'test/fixtures/openai/openai-openapi.yaml',
    '2026-12-01',
  );
  const ledger = initialLedger(imported.clauses, { openapi: imported.source });
  const local: Record<string, unknown> = {
    [CLAUSE.keyRef]: KEY_REF,
    [CLAUSE.modelId]: model,
    [CLAUSE.timeoutMs]: 10_000,
    'billing.review-budget': { requests: 40, tokens: 4_000 },
  };
  for (const clause of ledger.clauses as Clause[])
    if (clause.id in local) clause.value = local[clause.id] as JsonValue;
  return ledger;
}

const LEDGERS: [string, () => LedgerInput][] = [
  ['the ledger imported from the document', importedLedger],
  [
    'the OpenAI profile ledger',
    () => profileLedger('openai', { baseUrl: prism.url, keyRef: KEY_REF, models: [model] }),
  ],
];
const unexpected = (findings: Finding[]) => findings.filter((f) => f.class === 'unexpected');
const parseOrUndefined = (text: string | undefined): unknown => {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
};
const clauseOf = (ledger: LedgerInput, id: ClauseRef | null) =>
  (ledger.clauses as Clause[]).find((clause) => clause.id === id);

test('Prism starts on a free loopback port within the bound, and its answers conform to the document', async () => {
  expect(prism.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(prism.startMs).toBeLessThan(60_000);
  const models = await (
    await fetch(`${prism.url}/models`, { headers: { authorization: 'Bearer x' } })
  ).json();
  expect(validModels(models)).toBe(true);
  const answer = await fetch(`${prism.url}/chat/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
  expect(answer.status).toBe(200);
  expect(validCompletion(await answer.json())).toBe(true);
});

describe.each(LEDGERS)('the probe against Prism, judged with %s', (_name, ledgerOf) => {
  test('the JSON answer (conformant) draws no unexpected; the stream’s 500 is one the document rules out', async () => {
    const ledger = ledgerOf();
    const result = await runProbe(testContract(ledger), { env, baseUrl: prism.url });
    expect(result.model?.validation).toBe('models-endpoint');
    expect(result.findings.some((f) => f.check === 'probe' && f.code === 'fields-present')).toBe(true);
    for (const finding of unexpected(result.findings)) {
      const observed = finding.evidence.exchange?.response;
      if (finding.code === 'status-not-success') {
        // Prism cannot serialise the stream schema as text/event-stream and answers 500 with its own problem
        // document; the document lists a 200 (JSON or an event stream) and a 429, nothing else.
        expect(finding.check).toBe('probe-stream');
        expect(observed?.status).toBe(500);
        expect(observed?.body).toContain('NO_COMPLEX_OBJECT_TEXT');
        expect(documentedStatuses).toEqual(['200', '429']);
        const content = ((operation.responses as Json)['200'] as { content: Json }).content;
        expect(Object.keys(content)).toContain('text/event-stream');
      } else if (finding.code === 'meaning-time-far') {
        // `created: 0` is 1970; the document: "The Unix timestamp (in seconds) of when the chat completion was
        // created". The clause reading it is the profile's meaning clause, sourced from that passage.
        expect(JSON.parse(observed?.body ?? '{}').created).toBe(0);
        expect(clauseOf(ledger, finding.clause)?.source?.quote).toContain(
          'of when the chat completion was created',
        );
      } else {
        expect.unreachable(
          `an unexpected finding the document does not back: ${finding.code}: ${finding.message}`,
        );
      }
    }
  });
});

describe('the negative suite against Prism', () => {
  test('with the imported ledger: not run, since the document states no error answer the cases provoke', async () => {
    const result = await runNegative(testContract(importedLedger()), { env, baseUrl: prism.url });
    expect(result.findings.length).toBeGreaterThan(0);
    for (const finding of result.findings) {
      expect(finding.class).toBe('not-run');
      expect(finding.clause).toMatch(/^errors\./);
    }
    // Its only error answer is the 429 (TooManyRequests), which no negative case provokes.
    expect(documentedStatuses.filter((status) => !status.startsWith('2'))).toEqual(['429']);
  });

  test('with the profile ledger: each unexpected rests on the document or on a clause the profile assumes', async () => {
    const ledger = profileLedger('openai', { baseUrl: prism.url, keyRef: KEY_REF, models: [model] });
    const result = await runNegative(testContract(ledger), { env, baseUrl: prism.url });
    const backed: string[] = [];
    const assumed: string[] = [];
    for (const finding of unexpected(result.findings)) {
      const sent = finding.evidence.exchange?.request.body;
      // The malformed-JSON case sent half a body on purpose: not a request the schema can judge.
      const body = parseOrUndefined(sent);
      if (finding.code === 'accepted' && body !== undefined && !validRequest(body)) {
        // The document's request schema refuses what was sent (no model, temperature 3, no messages, an unknown
        // role), yet Prism answered 200 with a completion: the deviation is real.
        expect(finding.evidence.exchange?.response?.status).toBe(200);
        backed.push(finding.check);
        continue;
      }
      // Everything else is judged against the profile's own choices for what the document leaves open: which
      // keys and model ids exist, and the body, media type and request id of error answers the document never
      // lists (it lists a 429 only).
      const clause = clauseOf(ledger, finding.clause);
      const status = finding.evidence.exchange?.response?.status ?? 0;
      expect(documentedStatuses.includes(String(status)) && finding.code !== 'accepted').toBe(false);
      const outsideDocument =
        clause?.notes?.includes('Assumed') === true ||
        !clause?.source?.url?.includes('openai/openai-openapi') ||
        (clause.source.quote?.includes('TooManyRequests') === true && status !== 429);
      expect(outsideDocument, `${finding.check} ${finding.code} on ${finding.clause}`).toBe(true);
      assumed.push(`${finding.check}:${finding.code}`);
    }
    expect(backed.sort()).toEqual([
      'negative:empty-messages',
      'negative:invalid-role',
      'negative:missing-model',
      'negative:temperature-out-of-range',
    ]);
    // Prism accepts any bearer key and any model id (the document: `model` is any string), and answers the
    // broken requests it does catch with its own 401/400/404 problem documents.
    expect(assumed.sort()).toEqual([
      'negative:invalid-key:accepted',
      'negative:malformed-json:envelope-keys-missing',
      'negative:malformed-json:error-type-mismatch',
      'negative:malformed-json:request-id-missing',
      'negative:missing-auth:envelope-missing',
      'negative:missing-auth:request-id-missing',
      'negative:unknown-model:accepted',
      'negative:wrong-path:envelope-missing',
      'negative:wrong-path:request-id-missing',
    ]);
    // Their media type is observed, not contracted: the document gives the error media type for the 429 only.
    const media = result.findings.filter((f) => f.code.startsWith('media-type-'));
    expect(media.map((f) => `${f.check}:${f.class}`).sort()).toEqual([
      'negative:malformed-json:observed-not-documented',
      'negative:missing-auth:observed-not-documented',
      'negative:wrong-path:observed-not-documented',
    ]);
  });
});

describe('Prism generating every answer from the schema (--dynamic)', () => {
  const completionFields = documentFields('CreateChatCompletionResponse');
  const modelFields = documentFields('ListModelsResponse');
  const requestModel = described(
    atPointer(openaiDocument, '#/components/schemas/CreateChatCompletionRequest/allOf/1/properties/model'),
  );

  test.each(['chatproof-1'])(
    'seed %s: a schema-valid answer draws only meaning findings the document’s descriptions back',
    async (seed) => {
      const mock = await startPrism(trimDocument(openaiDocument, ['/chat/completions', '/models']), {
        dynamic: { seed },
      });
      try {
        const list = await fetch(`${mock.url}/models`, { headers: { authorization: 'Bearer x' } });
        const listed = ((await list.json()) as { data: { id: string }[] }).data[0]?.id ?? 'model';
        const ledger = profileLedger('openai', { baseUrl: mock.url, keyRef: KEY_REF, models: [listed] });
        const result = await runProbe(testContract(ledger), { env, baseUrl: mock.url, only: ['probe'] });
        const answer = result.findings.find((f) => f.check === 'probe')?.evidence.exchange?.response?.body;
        expect(validCompletion(JSON.parse(answer ?? '{}'))).toBe(true);
        for (const finding of unexpected(result.findings)) {
          if (finding.code === 'model-echo-different') {
            // The request's `model`: "Model ID used to generate the response"; the answer names another.
            expect(requestModel).toContain('Model ID used to generate the response');
            continue;
          }
          // Types and presence hold (ajv says so); what remains is meaning: a negative count, a timestamp
          // before 1970, a total that is not prompt + completion, a breakdown above its total.
          expect(finding.code, finding.message).toMatch(/^meaning-/);
          expect(finding.clause).toBe(CLAUSE.fieldMeaning);
          expect(clauseOf(ledger, finding.clause)?.source?.url).toContain('openai/openai-openapi');
          const path = /`([^`]+)`/.exec(finding.message)?.[1] ?? '';
          const fields = finding.check === 'probe-models' ? modelFields : completionFields;
          const field = fields.find((f) => f.path === path);
          expect(field, path).toBeDefined();
          expect(described(atPointer(openaiDocument, field?.pointer ?? '')), path).toBeTruthy();
          if (finding.code === 'meaning-sum-mismatch') {
            expect(described(atPointer(openaiDocument, field?.pointer ?? ''))).toContain(
              'prompt + completion',
            );
          }
        }
      } finally {
        await mock.stop();
      }
    },
    90_000,
  );
});
