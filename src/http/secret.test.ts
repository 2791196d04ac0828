import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ChatproofError } from '../errors.js';
import { MAX_KEY_FILE_BYTES, parseKeyRef, resolveSecret, type SecretRead } from './secret.js';

const KEY = 'sk-never-echo-this-123456789';

/** The problem a read that must be refused reports: data, never a thrown error. */
async function failure(read: Promise<SecretRead>): Promise<string> {
  const result = await read;
  if (result.ok) throw new Error('expected the reference to be refused');
  return result.problem;
}

describe('secret references', () => {
  test('reads env: and file: references, dropping a trailing newline from files', async () => {
    expect(await resolveSecret('env:K', { env: { K: KEY } })).toEqual({ ok: true, secret: KEY });
    expect(await resolveSecret('file:/k', { env: {}, readFile: async () => `${KEY}\n` })).toEqual({
      ok: true,
      secret: KEY,
    });
  });

  test('an unset variable, unreadable file or empty file is refused as data naming only the reference', async () => {
    for (const problem of [
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
      expect(problem).toMatch(/^(env|file):/);
      expect(problem).not.toContain(KEY);
    }
  });

  test('a raw key passed where a reference belongs is refused without echoing it', async () => {
    let caught: unknown;
    try {
      parseKeyRef(KEY);
    } catch (error) {
      caught = error;
    }
    expect((caught as ChatproofError).code).toBe('E_SECRET_REF');
    expect((caught as ChatproofError).message).not.toContain(KEY);
    const read = await failure(resolveSecret(KEY, { env: { [KEY]: KEY } }));
    expect(read).toMatch(/^key reference must be env:NAME or file:PATH/);
    expect(read).not.toContain(KEY);
  });
});

describe('bounded, single-line keys', () => {
  const CANARY = 'zq7Canary0fRun4Vb9Lm2Xt';
  const tmp = () => mkdtempSync(join(tmpdir(), 'chatproof-key-'));

  test('a key with CR or LF inside (multi-line file, env value ending in CRLF) is refused without echo', async () => {
    const dir = tmp();
    try {
      writeFileSync(join(dir, 'k'), `${CANARY}\nsecond-line\n`);
      for (const problem of [
        await failure(resolveSecret('env:K', { env: { K: `${CANARY}\r\n` } })),
        await failure(resolveSecret('env:K', { env: { K: `${CANARY}\rX` } })),
        await failure(resolveSecret(`file:${join(dir, 'k')}`, { env: {} })),
      ]) {
        expect(problem).toMatch(/line break/);
        expect(problem).not.toContain(CANARY);
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
        const problem = await failure(resolveSecret(`file:${path}`, { env: {} }));
        expect(problem, path).toMatch(/not a regular file|bytes/);
      }
      expect(Date.now() - started).toBeLessThan(5_000);
      writeFileSync(join(dir, 'ok'), `${CANARY}\n`);
      expect(await resolveSecret(`file:${join(dir, 'ok')}`, { env: {} })).toEqual({
        ok: true,
        secret: CANARY,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
