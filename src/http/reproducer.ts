/**
 * @module http/reproducer
 * The `curl` command equivalent to a request, for a human to replay. The secret is written as its reference
 * (`$COMETAPI_KEY`, `$(cat /run/secrets/key)`), so the command is safe to paste into a ticket. Pure.
 */
import { type KeyRef, parseKeyRef } from './secret.js';

export interface ReproducerInput {
  method: string;
  url: string;
  /** Headers without the secret one; the auth header is added from `auth`. */
  headers: Record<string, string>;
  body?: string;
  /** The header that carries the key, its scheme, and the key reference; omitted for unauthenticated calls. */
  auth?: { header: string; scheme: string; keyRef: string };
  /** Local timeout, as `--max-time` seconds. */
  timeoutMs?: number;
}

/** Quotes a string for a POSIX shell: single quotes, each `'` written as `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Escapes text for the inside of double quotes, where only `$`, backtick, `"`, `\` are special. */
function inDoubleQuotes(value: string): string {
  return value.replace(/[\\"$`]/g, (ch) => `\\${ch}`);
}

function secretExpansion(ref: KeyRef): string {
  return ref.kind === 'env' ? `$${ref.name}` : `$(cat ${shellQuote(ref.path)})`;
}

/** Builds the `curl` command line; `-i` shows status and headers (curl, like chatproof, follows no redirect). */
export function curlReproducer(input: ReproducerInput): string {
  const parts = ['curl', '-sS', '-i', '-X', input.method.toUpperCase(), shellQuote(input.url)];
  for (const [name, value] of Object.entries(input.headers))
    parts.push('-H', shellQuote(`${name}: ${value}`));
  if (input.auth) {
    const prefix = input.auth.scheme === '' ? '' : `${input.auth.scheme} `;
    const secret = secretExpansion(parseKeyRef(input.auth.keyRef));
    parts.push('-H', `"${inDoubleQuotes(`${input.auth.header}: ${prefix}`)}${secret}"`);
  }
  if (input.timeoutMs !== undefined) parts.push('--max-time', String(input.timeoutMs / 1000));
  if (input.body !== undefined) parts.push('--data-binary', shellQuote(input.body));
  return parts.join(' ');
}
