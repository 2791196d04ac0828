import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { LineFile } from './line-file.js';

describe('LineFile', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  test('appends batches in order to what the file already holds, and reopens after close', async () => {
    dir = await mkdtemp(join(tmpdir(), 'chatproof-line-file-'));
    const path = join(dir, 'log.jsonl');
    const file = new LineFile(path);
    file.append('a\n');
    file.append('b\nc\n');
    file.append('d\n');
    await file.idle();
    expect(await readFile(path, 'utf8')).toBe('a\nb\nc\nd\n');
    await file.close();
    file.append('é\n');
    await file.close();
    expect(await readFile(path, 'utf8')).toBe('a\nb\nc\nd\né\n');
  });

  test('reports a failed write once, and later batches still land', async () => {
    dir = await mkdtemp(join(tmpdir(), 'chatproof-line-file-'));
    const path = join(dir, 'missing', 'log.jsonl');
    const file = new LineFile(path);
    file.append('lost\n');
    await expect(file.idle()).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(file.idle()).resolves.toBeUndefined();
    await mkdir(join(dir, 'missing'));
    file.append('kept\n');
    await file.close();
    expect(await readFile(path, 'utf8')).toBe('kept\n');
  });
});
