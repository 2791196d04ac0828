/**
 * @module http/secret
 * Resolves a key reference (`env:NAME`, `file:PATH`) to the secret. Messages name the reference, never the
 * value. The environment and file reader are passed in so callers (and tests) control the I/O.
 */
import { readFile } from 'node:fs/promises';
import { ChatproofError } from '../errors.js';

/** A parsed key reference. */
export type KeyRef = { kind: 'env'; name: string } | { kind: 'file'; path: string };

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

/** Reads the secret a reference points at. Trailing newlines of a file are dropped; an empty secret is an error. */
export async function resolveSecret(ref: string, io: SecretIo): Promise<string> {
  const parsed = parseKeyRef(ref);
  if (parsed.kind === 'env') {
    const value = io.env[parsed.name];
    if (value === undefined || value === '') {
      throw new ChatproofError('E_SECRET_REF', `${ref}: the environment variable ${parsed.name} is not set`);
    }
    return value;
  }
  const read = io.readFile ?? ((path: string) => readFile(path, 'utf8'));
  let text: string;
  try {
    text = await read(parsed.path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'unreadable';
    // The cause carries only the errno: a read error never contains file contents, but keep it minimal.
    throw new ChatproofError('E_SECRET_REF', `${ref}: cannot read the key file (${code})`, { cause: code });
  }
  const value = text.replace(/[\r\n]+$/, '');
  if (value === '') throw new ChatproofError('E_SECRET_REF', `${ref}: the key file is empty`);
  return value;
}
