import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ChatproofError } from '../errors.js';
import { MAX_KEY_FILE_BYTES, parseKeyRef, resolveSecret } from './secret.js';

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

describe('bounded, single-line keys', () => {
  const CANARY = 'zq7Canary0fRun4Vb9Lm2Xt';
  const tmp = () => mkdtempSync(join(tmpdir(), 'chatproof-key-'));

  test('a key with CR or LF inside (multi-line file, env value ending in CRLF) is refused without echo', async () => {
    const dir = tmp();
    try {
      writeFileSync(join(dir, 'k'), `${CANARY}\nsecond-line\n`);
      for (const error of [
        await failure(resolveSecret('env:K', { env: { K: `${CANARY}\r\n` } })),
        await failure(resolveSecret('env:K', { env: { K: `${CANARY}\rX` } })),
        await failure(resolveSecret(`file:${join(dir, 'k')}`, { env: {} })),
      ]) {
        expect(error.code).toBe('E_SECRET_REF');
        expect(error.message).toMatch(/line break/);
        expect(error.message).not.toContain(CANARY);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a FIFO, /dev/zero, a folder and a file over 64 KiB are refused, never read whole', async () => {
    const dir = tmp();
    try {
      execFileSync('mkfifo', [join(dir, 'fifo')]);
      writeFileSync(join(dir, 'huge'), Buffer.alloc(MAX_KEY_FILE_BYTES + 1, 'a'));
      const started = Date.now();
      for (const path of [join(dir, 'fifo'), '/dev/zero', dir, join(dir, 'huge')]) {
        const error = await failure(resolveSecret(`file:${path}`, { env: {} }));
        expect(error.code, path).toBe('E_SECRET_REF');
      }
      expect(Date.now() - started).toBeLessThan(5_000);
      writeFileSync(join(dir, 'ok'), `${CANARY}\n`);
      expect(await resolveSecret(`file:${join(dir, 'ok')}`, { env: {} })).toBe(CANARY);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
