/**
 * @module fsutil/write
 * Writes that never leave a half-written file: write a sibling temp file, then rename over the target.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ChatproofError } from '../errors.js';

export interface WriteOptions {
  /** Replace an existing file; without it an existing file is an `E_OUTPUT_EXISTS` error. */
  overwrite?: boolean;
}

/** Writes `content` to `file` atomically, creating parent folders. */
export async function writeFileAtomic(
  file: string,
  content: string | Uint8Array,
  options: WriteOptions = {},
): Promise<void> {
  if (!options.overwrite && (await exists(file))) {
    throw new ChatproofError('E_OUTPUT_EXISTS', `${file}: already exists; pass --force to overwrite it`);
  }
  await mkdir(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
