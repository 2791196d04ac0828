import { describe, expect, test } from 'vitest';
import { CLAUSE, initialLedger, type JsonValue, LedgerSchema, toContract } from '../contract/index.js';
import { planChecks } from './plan.js';

function contractWith(values: Record<string, JsonValue>, validatedModel = false) {
  const ledger = LedgerSchema.parse(initialLedger());
  for (const clause of ledger.clauses) {
    const value = values[clause.id];
    if (value !== undefined) clause.value = value;
    if (validatedModel && clause.id === CLAUSE.modelId)
      clause.validated = { on: '2026-01-01', evidence: 'model list' };
  }
  return toContract(ledger);
}

const SEND: Record<string, JsonValue> = {
  [CLAUSE.baseUrl]: 'http://127.0.0.1:1/v1',
  [CLAUSE.chatPath]: '/chat/completions',
  [CLAUSE.authHeader]: 'Authorization',
  [CLAUSE.authScheme]: 'Bearer',
  [CLAUSE.keyRef]: 'env:KEY',
  [CLAUSE.timeoutMs]: 5000,
  [CLAUSE.reviewBudget]: { requests: 20, tokens: 2000 },
  [CLAUSE.modelField]: 'model',
  [CLAUSE.modelId]: 'm-1',
  [CLAUSE.messagesField]: 'messages',
  [CLAUSE.roleField]: 'role',
  [CLAUSE.contentField]: 'content',
  [CLAUSE.userRole]: 'user',
  [CLAUSE.maxTokensField]: 'max_tokens',
};

describe('plan', () => {
  test('a fresh ledger blocks every probe and names the pending clauses it needs', () => {
    const plan = planChecks(contractWith({}), 'probe');
    expect(plan.checks.every((check) => check.status === 'blocked')).toBe(true);
    expect(plan.pending).toContain(CLAUSE.chatPath);
    expect(plan.pending).toContain(CLAUSE.modelsPath);
    expect(plan.requests).toBe(0);
  });

  test('an unvalidated model needs the model-list path; a ledger-validated one does not', () => {
    const unvalidated = planChecks(contractWith(SEND), 'probe', {}, ['probe']);
    expect(unvalidated.pending).toEqual([CLAUSE.modelsPath]);
    const validated = planChecks(contractWith(SEND, true), 'probe', {}, ['probe']);
    expect(validated.checks[0]?.status).toBe('ready');
    expect(validated.requests).toBe(1);
  });

  test('the stream probe also needs the stream field and terminator', () => {
    const plan = planChecks(contractWith({ ...SEND, [CLAUSE.modelsPath]: '/models' }), 'probe');
    const stream = plan.checks.find((check) => check.spec.id === 'probe-stream');
    expect(stream).toMatchObject({ status: 'blocked', pending: [CLAUSE.streamField, CLAUSE.streamDone] });
    expect(plan.requests).toBe(2);
  });

  test('command-line overrides stand in for the base URL and key reference', () => {
    const values = { ...SEND, [CLAUSE.baseUrl]: '<B>', [CLAUSE.keyRef]: '<K>' };
    const plain = planChecks(contractWith(values, true), 'probe', {}, ['probe']);
    expect(plain.pending).toEqual([CLAUSE.baseUrl, CLAUSE.keyRef]);
    const overridden = planChecks(
      contractWith(values, true),
      'probe',
      { baseUrl: 'http://x', keyRef: 'env:K' },
      ['probe'],
    );
    expect(overridden.pending).toEqual([]);
  });

  test('each negative case is blocked only by its own expectation clause, and pending judges are listed', () => {
    const plan = planChecks(
      contractWith({ ...SEND, [CLAUSE.badAuth]: { status: 401, retryable: false } }),
      'negative',
    );
    const auth = plan.checks.find((check) => check.spec.id === 'negative:missing-auth');
    expect(auth).toMatchObject({
      status: 'ready',
      pendingJudges: [
        CLAUSE.errorEnvelope,
        CLAUSE.requestId,
        CLAUSE.fieldMeaning,
        CLAUSE.mediaTypes,
        CLAUSE.responseHeaders,
      ],
    });
    const model = plan.checks.find((check) => check.spec.id === 'negative:unknown-model');
    expect(model).toMatchObject({ status: 'blocked', pending: [CLAUSE.invalidModel] });
    const temperature = plan.checks.find((check) => check.spec.id === 'negative:temperature-out-of-range');
    expect(temperature).toMatchObject({ pending: [CLAUSE.invalidRequest, CLAUSE.temperatureRange] });
  });
});
