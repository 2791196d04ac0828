import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ChatproofError } from '../errors.js';
import { writeFolderAtomic } from './folder.js';
import { assertOutputDir } from './write.js';

vi.mock('node:fs/promises', async (original) => {
  const real = await original<typeof import('node:fs/promises')>();
  return { ...real, writeFile: vi.fn(real.writeFile) };
});

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'chatproof-folder-'));
});
afterEach(() => {
  vi.mocked(fsp.writeFile).mockClear();
  rmSync(root, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<ChatproofError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChatproofError);
  return error as ChatproofError;
}

describe('writing a folder whole or not at all', () => {
  test('a folder of an earlier run is replaced whole: no stale file is left beside the new ones', async () => {
    const dir = join(root, 'packet');
    await writeFolderAtomic(dir, { 'a.json': 'old', 'b.md': 'old' });
    await writeFolderAtomic(dir, { 'a.json': 'new' }, { owned: ['a.json', 'b.md'] });
    expect(readdirSync(dir)).toEqual(['a.json']);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('new');
    expect(readdirSync(root)).toEqual(['packet']);
  });

  test("the user's own files in the folder are kept", async () => {
    const dir = join(root, 'packet');
    mkdirSync(dir);
    writeFileSync(join(dir, 'chatproof.yaml'), 'mine');
    writeFileSync(join(dir, 'b.md'), 'stale');
    await writeFolderAtomic(dir, { 'a.json': 'new' }, { owned: ['a.json', 'b.md'] });
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'chatproof.yaml']);
  });

  test('ENOSPC half-way: exit-73 error, the earlier packet untouched, no temporary folder left', async () => {
    const dir = join(root, 'packet');
    await writeFolderAtomic(dir, { 'a.json': 'old', 'b.md': 'old' });
    let calls = 0;
    vi.mocked(fsp.writeFile).mockImplementation(async () => {
      calls++;
      if (calls === 2) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
    });
    const error = await failure(writeFolderAtomic(dir, { 'a.json': 'new', 'b.md': 'new' }));
    expect(error.code).toBe('E_CANNOT_CREATE_OUTPUT');
    expect(error.message).toMatch(/cannot create output .*no space left/);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('old');
    expect(readdirSync(root)).toEqual(['packet']);
  });

  test('/proc, a read-only tree (/sys) and a name over 255 bytes are refused up front with E_CANNOT_CREATE_OUTPUT', async () => {
    for (const dir of ['/proc/chatproof-out', '/sys/chatproof-out', join(root, 'x'.repeat(256))]) {
      const error = await failure(assertOutputDir(dir));
      expect(error.code, dir).toBe('E_CANNOT_CREATE_OUTPUT');
      expect(error.message).toMatch(/^cannot create output/);
    }
    expect(readdirSync(root)).toEqual([]);
    await assertOutputDir(join(root, 'new', 'deeper'));
    expect(readdirSync(root)).toEqual([]);
  });
});
