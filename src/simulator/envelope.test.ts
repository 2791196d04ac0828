import { expect, test } from 'vitest';
import { errorBody } from './envelope.js';

test('cometapi puts the request id in the message and uses comet_api_error with empty param', () => {
  const { headers, body } = errorBody('cometapi', { status: 503, message: 'busy', requestId: 'abc123' });
  expect(headers['x-request-id']).toBeUndefined();
  expect(JSON.parse(body)).toEqual({
    error: { message: 'busy (request id: abc123)', type: 'comet_api_error', param: '', code: '' },
  });
});

test('openai puts the request id in x-request-id and keeps all four keys with nulls', () => {
  const { headers, body } = errorBody('openai', { status: 429, message: 'slow down', requestId: 'req_1' });
  expect(headers['x-request-id']).toBe('req_1');
  expect(JSON.parse(body)).toEqual({
    error: { message: 'slow down', type: 'requests', param: null, code: null },
  });
});

test('an explicit type and code win over the profile defaults', () => {
  const { body } = errorBody('cometapi', {
    status: 500,
    message: 'bad',
    type: 'custom',
    code: 'invalid_request',
    requestId: 'r',
  });
  expect(JSON.parse(body).error).toMatchObject({ type: 'custom', code: 'invalid_request' });
});
