import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { MAX_FILE_BYTES } from './files.js';
import { scanRepository } from './scan.js';

const dir = mkdtempSync(join(tmpdir(), 'chatproof-scan-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a file is read whole; one over the size limit or holding a NUL byte is skipped', async () => {
  const line = "const CHAT_URL = 'https://api.example.test/v1/chat/completions';\n";
  // The literal sits past the first 64 KiB: a short read would miss it.
  writeFileSync(join(dir, 'whole.ts'), `${'// padding\n'.repeat(8000)}${line}`);
  writeFileSync(join(dir, 'large.ts'), `${line}${' '.repeat(MAX_FILE_BYTES)}`);
  writeFileSync(join(dir, 'binary.ts'), `${line}\0`);
  const result = await scanRepository(dir);
  expect(result.files).toBe(3);
  expect(result.findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([
    'whole.ts:8001 hardcoded-base-url',
    'whole.ts:8001 hardcoded-chat-path',
  ]);
});
