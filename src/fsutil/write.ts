/**
 * @module fsutil/write
 * Writes that never leave a half-written file: write a sibling temp file, then rename over the target. Every
 * text written passes the run's redacting boundary.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ChatproofError } from '../errors.js';
import { redactOutput } from '../redact/boundary.js';

export interface WriteOptions {
  /** Replace an existing file; without it an existing file is an `E_OUTPUT_EXISTS` error. */
  overwrite?: boolean;
}

/** Refusals that mean "a file stands where a folder is needed" (or the reverse): a usage error, exit 64. */
const MISPLACED = new Set(['EEXIST', 'ENOTDIR', 'EISDIR']);

/**
 * Refusals of the file system itself (read-only, full, a name over 255 bytes, a folder like `/proc` that takes
 * no new files): `E_CANNOT_CREATE_OUTPUT`, exit 73 ("cannot create output").
 */
const CANNOT_CREATE = new Set([
  'EACCES',
  'EPERM',
  'EROFS',
  'EBUSY',
  'ENOENT',
  'ENOSPC',
  'EDQUOT',
  'EFBIG',
  'ENAMETOOLONG',
  'EIO',
  'EINVAL',
  'EMFILE',
  'ENFILE',
  'ELOOP',
  'EXDEV',
]);

/** Why an errno stops a write, in words. */
const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'a path component is longer than the file system allows (255 bytes)',
  ENOENT: 'the folder cannot hold new files',
};

/** Turns a refusal to write `path` into an error naming it; anything else is rethrown as is. */
export function outputError(path: string, error: unknown): unknown {
  if (error instanceof ChatproofError) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (!code) return error;
  if (MISPLACED.has(code)) {
    const why =
      code === 'EISDIR'
        ? 'is a folder, not a file'
        : 'cannot be created: a file stands where a folder is needed';
    return new ChatproofError('E_OUTPUT_UNWRITABLE', `${path}: ${why}`, { cause: error });
  }
  if (!CANNOT_CREATE.has(code)) return error;
  return new ChatproofError(
    'E_CANNOT_CREATE_OUTPUT',
    `cannot create output ${path}: ${WHY[code] ?? code} (${code})`,
    { cause: error },
  );
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
  assertNameFits(file);
  const temp = join(dirname(file), `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dirname(file), { recursive: true });
    // Every file leaves through the run's redacting boundary.
    await writeFile(temp, typeof content === 'string' ? redactOutput(content) : content);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw outputError(file, error);
  }
}

/** Largest file-name component most file systems take (ext4, xfs, btrfs, tmpfs: 255 bytes). */
const NAME_MAX = 255;

/** Refuses a path with a component over `NAME_MAX` bytes, before anything is sent or written. */
export function assertNameFits(path: string): void {
  for (const part of path.split(/[\\/]/)) {
    if (Buffer.byteLength(part) > NAME_MAX) {
      throw outputError(
        `${path.slice(0, 80)}…`,
        Object.assign(new Error('ENAMETOOLONG'), { code: 'ENAMETOOLONG' }),
      );
    }
  }
}

/**
 * Checks, before any work is done, that `dir` is a folder or can become one, and that a new entry can be created
 * where it will be written (the folder itself, or its nearest existing parent when it is still missing).
 */
export async function assertOutputDir(dir: string): Promise<void> {
  const existing = await statOrUndefined(dir);
  if (existing && !existing.isDirectory()) {
    throw new ChatproofError('E_OUTPUT_EXISTS', `${dir}: is a file; --out needs a folder`);
  }
  assertNameFits(dir);
  await assertCreatable(existing ? dir : dirname(dir), dir);
}

/**
 * Creates and removes a scratch folder in `where`, or in its nearest existing parent when `where` is missing
 * (nothing is left behind): proves that the writes to come will be allowed.
 */
export async function assertCreatable(where: string, shown: string = where): Promise<void> {
  let at = where;
  for (let found = await statOrUndefined(at); !found; found = await statOrUndefined(at)) {
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  const found = await statOrUndefined(at);
  if (found && !found.isDirectory()) {
    throw outputError(shown, Object.assign(new Error('ENOTDIR'), { code: 'ENOTDIR' }));
  }
  try {
    await rmdir(await mkdtemp(join(at, '.chatproof-probe-')));
  } catch (error) {
    throw outputError(shown, error);
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
