import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { initialLedger, renderLedgerYaml } from '../src/contract/index.js';
import { runCli } from './helpers/cli.js';

const valid = renderLedgerYaml(initialLedger());

describe('validate names the problem precisely', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chatproof-validate-'));
  });

  test('key-shaped text in a YAML comment is rejected with file and line, never echoed', async () => {
    const secret = 'sk-live-AbCdEfGhIjKlMnOpQrStUvWxYz0123';
    writeFileSync(join(dir, 'comment.yaml'), `${valid}# old key: ${secret}\n`);
    const result = await runCli(['validate', 'comment.yaml'], { cwd: dir });
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/comment\.yaml:\d+:\d+:/);
    expect(result.stdout + result.stderr).not.toContain(secret.slice(8, 20));
  });

  test('a misspelled clause id suggests the nearest catalogue id', async () => {
    writeFileSync(join(dir, 'id.yaml'), valid.replace('id: endpoint.chat-path', 'id: endpoint.chat-pth'));
    const result = await runCli(['validate', 'id.yaml'], { cwd: dir });
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/did you mean `endpoint\.chat-path`/);
  });

  test('a type error names the expected type', async () => {
    writeFileSync(join(dir, 'type.yaml'), valid.replace('version: 1', "version: '1'"));
    const result = await runCli(['validate', 'type.yaml'], { cwd: dir });
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/expected number, got string/);
  });
});
