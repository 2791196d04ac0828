import { describe, expect, test } from 'vitest';
import { ChatproofError } from '../errors.js';
import { parseKeyRef, resolveSecret } from './secret.js';

const KEY = 'sk-never-echo-this-123456789';

async function failure(promise: Promise<unknown>): Promise<ChatproofError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChatproofError);
  return error as ChatproofError;
}

describe('secret references', () => {
  test('reads env: and file: references, dropping a trailing newline from files', async () => {
    expect(await resolveSecret('env:K', { env: { K: KEY } })).toBe(KEY);
    expect(await resolveSecret('file:/k', { env: {}, readFile: async () => `${KEY}\n` })).toBe(KEY);
  });

  test('an unset variable, unreadable file or empty file is E_SECRET_REF naming only the reference', async () => {
    for (const error of [
      await failure(resolveSecret('env:MISSING', { env: {} })),
      await failure(resolveSecret('env:EMPTY', { env: { EMPTY: '' } })),
      await failure(
        resolveSecret('file:/nope', {
          env: {},
          readFile: async () => {
            throw Object.assign(new Error(`ENOENT ${KEY}`), { code: 'ENOENT' });
          },
        }),
      ),
      await failure(resolveSecret('file:/empty', { env: {}, readFile: async () => '\n' })),
    ]) {
      expect(error.code).toBe('E_SECRET_REF');
      expect(error.message).not.toContain(KEY);
      expect(String(error.cause ?? '')).not.toContain(KEY);
    }
  });

  test('a raw key passed where a reference belongs is refused without echoing it', () => {
    let caught: unknown;
    try {
      parseKeyRef(KEY);
    } catch (error) {
      caught = error;
    }
    expect((caught as ChatproofError).code).toBe('E_SECRET_REF');
    expect((caught as ChatproofError).message).not.toContain(KEY);
  });
});
