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

/** Parses `env:NAME` or `file:PATH`; throws `E_SECRET_REF` on anything else. */
export function parseKeyRef(ref: string): KeyRef {
  const env = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(ref);
  if (env?.[1]) return { kind: 'env', name: env[1] };
  if (ref.startsWith('file:') && ref.length > 'file:'.length) return { kind: 'file', path: ref.slice(5) };
  throw new ChatproofError(
    'E_SECRET_REF',
    'key reference must be env:NAME or file:PATH (the key itself never goes in the ledger or on the command line)',
  );
}

/**
 * Reads a key file: a regular file of at most `MAX_KEY_FILE_BYTES`, opened without blocking (a FIFO would wait
 * for a writer forever) and read no further than the limit.
 */
async function readKeyFile(ref: string, path: string): Promise<string> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'unreadable';
    // The cause carries only the errno: a read error never contains file contents, but keep it minimal.
    throw new ChatproofError('E_SECRET_REF', `${ref}: cannot read the key file (${code})`, { cause: code });
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      throw new ChatproofError('E_SECRET_REF', `${ref}: not a regular file; a key file must be a plain file`);
    }
    if (info.size > MAX_KEY_FILE_BYTES) {
      throw new ChatproofError(
        'E_SECRET_REF',
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
    if (length > MAX_KEY_FILE_BYTES) {
      throw new ChatproofError(
        'E_SECRET_REF',
        `${ref}: the key file holds more than ${MAX_KEY_FILE_BYTES} bytes`,
      );
    }
    return buffer.subarray(0, length).toString('utf8');
  } catch (error) {
    if (error instanceof ChatproofError) throw error;
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'unreadable';
    throw new ChatproofError('E_SECRET_REF', `${ref}: cannot read the key file (${code})`, { cause: code });
  } finally {
    await handle.close().catch(() => {});
  }
}

/**
 * Reads the secret a reference points at. Trailing newlines of a file are dropped; an empty secret, or one that
 * still holds a CR, LF or other control character (a multi-line file, an `env:` value ending in `\r\n`), is an
 * error that never echoes the value: sent as a header it would split the request or be refused by the client.
 */
export async function resolveSecret(ref: string, io: SecretIo): Promise<string> {
  const parsed = parseKeyRef(ref);
  let value: string;
  if (parsed.kind === 'env') {
    const raw = io.env[parsed.name];
    if (raw === undefined || raw === '') {
      throw new ChatproofError('E_SECRET_REF', `${ref}: the environment variable ${parsed.name} is not set`);
    }
    value = raw;
  } else {
    let text: string;
    if (io.readFile) {
      try {
        text = await io.readFile(parsed.path);
      } catch (cause) {
        const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'unreadable';
        throw new ChatproofError('E_SECRET_REF', `${ref}: cannot read the key file (${code})`, {
          cause: code,
        });
      }
    } else text = await readKeyFile(ref, parsed.path);
    value = text.replace(/[\r\n]+$/, '');
    if (value === '') throw new ChatproofError('E_SECRET_REF', `${ref}: the key file is empty`);
  }
  // Known before any check runs, so even the refusal below cannot leak it through a later message.
  learnSecret(value);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    const what = /[\r\n]/.test(value) ? 'a line break (CR or LF)' : 'a control character';
    throw new ChatproofError(
      'E_SECRET_REF',
      `${ref}: the key holds ${what}; a key is one line (the value is not shown)`,
    );
  }
  return value;
}
