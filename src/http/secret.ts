/**
 * @module http/secret
 * Resolves a key reference (`env:NAME`, `file:PATH`) to the secret. Messages name the reference, never the
 * value. The environment and file reader are passed in so callers (and tests) control the I/O. Every resolved
 * key is taught to the run's redacting boundary before it is returned.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { ChatproofError } from '../errors.js';
import { learnSecret } from '../redact/boundary.js';

/** A parsed key reference. */
export type KeyRef = { kind: 'env'; name: string } | { kind: 'file'; path: string };

/** Largest key file read: keys are short, and a reference to `/dev/zero` or a log must not be read whole. */
export const MAX_KEY_FILE_BYTES = 64 * 1024;

export interface SecretIo {
  env: NodeJS.ProcessEnv;
  readFile?: (path: string) => Promise<string>;
}

/** What reading a key reference gives: the secret, or why it cannot be read (naming the reference, never a value). */
export type SecretRead = { ok: true; secret: string } | { ok: false; problem: string };

const KEY_REF_FORMAT =
  'key reference must be env:NAME or file:PATH (the key itself never goes in the ledger or on the command line)';

function keyRefOf(ref: string): KeyRef | undefined {
  const env = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(ref);
  if (env?.[1]) return { kind: 'env', name: env[1] };
  if (ref.startsWith('file:') && ref.length > 'file:'.length) return { kind: 'file', path: ref.slice(5) };
  return undefined;
}

/** Parses `env:NAME` or `file:PATH`; throws `E_SECRET_REF` on anything else. */
export function parseKeyRef(ref: string): KeyRef {
  const parsed = keyRefOf(ref);
  if (parsed === undefined) throw new ChatproofError('E_SECRET_REF', KEY_REF_FORMAT);
  return parsed;
}

const refused = (problem: string): SecretRead => ({ ok: false, problem });

/** A failed read as it may be shown: only the errno code, never what the error carried beside it. */
function unreadable(ref: string, cause: unknown): SecretRead {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'unreadable';
  return refused(`${ref}: cannot read the key file (${code})`);
}

/**
 * Reads a key file: a regular file of at most `MAX_KEY_FILE_BYTES`, opened without blocking (a FIFO would wait
 * for a writer forever) and read no further than the limit.
 */
async function readKeyFile(ref: string, path: string): Promise<SecretRead> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (cause) {
    return unreadable(ref, cause);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return refused(`${ref}: not a regular file; a key file must be a plain file`);
    if (info.size > MAX_KEY_FILE_BYTES) {
      return refused(
        `${ref}: the key file is ${info.size} bytes; a key file holds at most ${MAX_KEY_FILE_BYTES} bytes`,
      );
    }
    const buffer = Buffer.alloc(MAX_KEY_FILE_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > MAX_KEY_FILE_BYTES)
      return refused(`${ref}: the key file holds more than ${MAX_KEY_FILE_BYTES} bytes`);
    return { ok: true, secret: buffer.subarray(0, length).toString('utf8') };
  } catch (error) {
    // The file system reports by throwing; a failed stat or read is an answer about the file, kept as data.
    return unreadable(ref, error);
  } finally {
    await handle.close().catch(() => {});
  }
}

/** The file's text through the caller's reader, or why it cannot be read. */
async function readWith(
  ref: string,
  path: string,
  readFile: (path: string) => Promise<string>,
): Promise<SecretRead> {
  try {
    return { ok: true, secret: await readFile(path) };
  } catch (cause) {
    return unreadable(ref, cause);
  }
}

/**
 * Reads the secret a reference points at; never throws for a reference that cannot be read. Trailing newlines of
 * a file are dropped; an empty secret, or one that still holds a CR, LF or other control character (a multi-line
 * file, an `env:` value ending in `\r\n`), is refused without echoing the value: sent as a header it would split
 * the request or be refused by the client.
 */
export async function resolveSecret(ref: string, io: SecretIo): Promise<SecretRead> {
  const parsed = keyRefOf(ref);
  if (parsed === undefined) return refused(KEY_REF_FORMAT);
  let value: string;
  if (parsed.kind === 'env') {
    const raw = io.env[parsed.name];
    if (raw === undefined || raw === '')
      return refused(`${ref}: the environment variable ${parsed.name} is not set`);
    value = raw;
  } else {
    const text = io.readFile
      ? await readWith(ref, parsed.path, io.readFile)
      : await readKeyFile(ref, parsed.path);
    if (!text.ok) return text;
    value = text.secret.replace(/[\r\n]+$/, '');
    if (value === '') return refused(`${ref}: the key file is empty`);
  }
  // Known before any check runs, so even the refusal below cannot leak it through a later message.
  learnSecret(value);
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    const what = /[\r\n]/.test(value) ? 'a line break (CR or LF)' : 'a control character';
    return refused(`${ref}: the key holds ${what}; a key is one line (the value is not shown)`);
  }
  return { ok: true, secret: value };
}
