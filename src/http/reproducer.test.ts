import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { curlReproducer } from './reproducer.js';

/** Runs commands in one bash with `curl` replaced by a function that prints its argc and argv. */
function argvsOf(commands: string[], env: Record<string, string> = {}): string[][] {
  const script = `curl() { printf '%s\\0' "$#" "$@"; }\n${commands.join('\n')}`;
  const result = spawnSync('bash', ['-c', script], { env: { PATH: process.env.PATH ?? '', ...env } });
  expect(result.status).toBe(0);
  const fields = result.stdout.toString('utf8').split('\0');
  const out: string[][] = [];
  let at = 0;
  while (out.length < commands.length) {
    const count = Number(fields[at]);
    out.push(fields.slice(at + 1, at + 1 + count));
    at += 1 + count;
  }
  return out;
}

function argvOf(command: string, env: Record<string, string> = {}): string[] {
  return argvsOf([command], env)[0] ?? [];
}

describe('curl reproducer', () => {
  test('shows the key as its environment reference, exactly as an operator would type it', () => {
    const command = curlReproducer({
      method: 'post',
      url: 'https://api.example.test/v1/chat/completions',
      headers: { 'Content-Type': 'application/json' },
      body: '{"model":"m"}',
      auth: { header: 'Authorization', scheme: 'Bearer', keyRef: 'env:COMETAPI_KEY' },
      timeoutMs: 30000,
    });
    expect(command).toContain('-H "Authorization: Bearer $COMETAPI_KEY"');
    expect(command).toContain('--max-time 30');
    const argv = argvOf(command, { COMETAPI_KEY: 'the-key' });
    expect(argv).toContain('Authorization: Bearer the-key');
    expect(argv).toContain('{"model":"m"}');
  });

  test('reads a file reference with cat at run time, and a scheme-less header has no prefix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatproof-repro-'));
    try {
      const file = join(dir, "it's key");
      writeFileSync(file, 'file-key');
      const command = curlReproducer({
        method: 'GET',
        url: 'http://127.0.0.1:1/v1/models',
        headers: {},
        auth: { header: 'x-api-key', scheme: '', keyRef: `file:${file}` },
      });
      expect(command).toContain('$(cat ');
      expect(command).not.toContain('file-key');
      expect(argvOf(command)).toContain('x-api-key: file-key');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the shell receives every body and header byte for byte', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\0'));
    const samples = fc.sample(fc.tuple(text, text), { numRuns: 200, seed: 7 });
    const commands = samples.map(([body, headerValue]) =>
      curlReproducer({
        method: 'POST',
        url: 'http://127.0.0.1:9/x?a=1&b=$HOME',
        headers: { 'x-test': headerValue },
        body,
      }),
    );
    const argvs = argvsOf(commands);
    samples.forEach(([body, headerValue], index) => {
      const argv = argvs[index] ?? [];
      expect(argv.at(-1)).toBe(body);
      expect(argv).toContain(`x-test: ${headerValue}`);
      expect(argv).toContain('http://127.0.0.1:9/x?a=1&b=$HOME');
    });
  });
});
