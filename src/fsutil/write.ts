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

/** File-system refusals that mean "you pointed me somewhere I cannot write", not a chatproof bug. */
const UNWRITABLE = new Set(['EEXIST', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'EROFS', 'EBUSY', 'ENOENT']);

/** Turns a refusal to write `path` into a usage error naming it; anything else is rethrown as is. */
export function outputError(path: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (!code || !UNWRITABLE.has(code)) return error;
  const why =
    code === 'EISDIR'
      ? 'is a folder, not a file'
      : code === 'ENOTDIR' || code === 'EEXIST'
        ? 'cannot be created: a file stands where a folder is needed'
        : `cannot be written (${code})`;
  return new ChatproofError('E_OUTPUT_UNWRITABLE', `${path}: ${why}`, { cause: error });
}

/** Writes `content` to `file` atomically, creating parent folders. */
export async function writeFileAtomic(
  file: string,
  content: string | Uint8Array,
  options: WriteOptions = {},
): Promise<void> {
  const existing = await statOrUndefined(file);
  if (existing?.isDirectory())
    throw outputError(file, Object.assign(new Error('EISDIR'), { code: 'EISDIR' }));
  if (existing && !options.overwrite) {
    throw new ChatproofError('E_OUTPUT_EXISTS', `${file}: already exists; pass --force to overwrite it`);
  }
  const temp = join(dirname(file), `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(temp, content);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw outputError(file, error);
  }
}

/** Checks, before any work is done, that `dir` is a folder or can become one. */
export async function assertOutputDir(dir: string): Promise<void> {
  const existing = await statOrUndefined(dir);
  if (existing && !existing.isDirectory()) {
    throw new ChatproofError('E_OUTPUT_EXISTS', `${dir}: is a file; --out needs a folder`);
  }
}

export async function exists(path: string): Promise<boolean> {
  return (await statOrUndefined(path)) !== undefined;
}

async function statOrUndefined(path: string) {
  try {
    return await stat(path);
  } catch {
    return undefined;
  }
}
