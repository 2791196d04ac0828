import { describe, expect, test } from 'vitest';
import { PROFILES } from '../../simulator/index.js';
import { ledgerEnvelope } from './envelope.js';
import { simulatorContractForUnit } from './scenarios.fixture.js';

const comet = PROFILES.cometapi;

describe('the audit injects errors in the ledger envelope', () => {
  test('the CometAPI ledger gets the CometAPI envelope, the request id inside the message', () => {
    const envelope = ledgerEnvelope(simulatorContractForUnit({}), comet);
    const answer = envelope({ status: 503, requestId: 'r1' });
    expect(JSON.parse(answer.body)).toEqual({
      error: {
        message: `${comet.errors.byStatus.value['503']?.message} (request id: r1)`,
        type: 'comet_api_error',
        param: '',
        code: '',
      },
    });
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
  });

  test('another wrapper, other keys and a request-id header come from the ledger, not the profile', () => {
    const contract = simulatorContractForUnit({
      'errors.envelope': { wrapper: 'detail', keys: ['message', 'code', 'retry_hint'] },
      'errors.request-id': 'header:X-Req',
    });
    const answer = ledgerEnvelope(contract, comet)({ status: 500, code: 'invalid_request', requestId: 'r2' });
    expect(JSON.parse(answer.body)).toEqual({
      detail: { message: 'invalid request', code: 'invalid_request', retry_hint: null },
    });
    expect(answer.headers['x-req']).toBe('r2');
  });

  test('a message pattern the profile suffix does not fit gets a suffix it does', () => {
    const contract = simulatorContractForUnit({ 'errors.request-id': 'message:\\[req ([a-z0-9-]+)\\]' });
    const message = JSON.parse(ledgerEnvelope(contract, comet)({ status: 429, requestId: 'r3' }).body).error
      .message;
    // No suffix the audit knows produces `[req …]`: the id is left out rather than placed where nothing finds it.
    expect(message).toBe('rate limit exceeded, please try again later');
    const plain = simulatorContractForUnit({ 'errors.request-id': 'message:request id: ([a-z0-9-]+)' });
    const found = JSON.parse(ledgerEnvelope(plain, comet)({ status: 429, requestId: 'r4' }).body).error
      .message;
    expect(found).toMatch(/request id: r4/);
  });

  test('a pending envelope clause falls back to the profile envelope', () => {
    const contract = simulatorContractForUnit({ 'errors.envelope': '<ERROR_ENVELOPE>' });
    const body = JSON.parse(ledgerEnvelope(contract, comet)({ status: 502, requestId: 'r5' }).body);
    expect(body.error).toMatchObject({ type: 'comet_api_error' });
  });
});
