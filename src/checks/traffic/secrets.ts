/**
 * @module checks/traffic/secrets
 * The secrets a captured exchange carries: auth header values (with and without their scheme, and both
 * halves of Basic credentials), every cookie value, and secret query parameters. The redactor built from them
 * removes them in every encoding from whatever the audit keeps of that exchange.
 */
import { SECRET_KEY_NAMES } from '../../redact/index.js';
import type { CapturedExchange } from './types.js';

const SECRET_HEADERS = new Set([...SECRET_KEY_NAMES, 'x-auth-token', 'x-goog-api-key', 'api-key']);
const SECRET_QUERY = new Set([...SECRET_KEY_NAMES, 'key', 'sig', 'signature', 'code']);

function cookieValues(header: string, out: string[]): void {
  for (const line of header.split(/\n/)) {
    for (const pair of line.split(';')) {
      const eq = pair.indexOf('=');
      const value = (eq === -1 ? pair : pair.slice(eq + 1)).trim();
      if (value !== '') out.push(value, decodeSafe(value));
    }
  }
}

function decodeSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function authValues(value: string, out: string[]): void {
  out.push(value);
  const space = value.indexOf(' ');
  if (space === -1) return;
  const scheme = value.slice(0, space).toLowerCase();
  const credential = value.slice(space + 1).trim();
  out.push(credential);
  if (scheme === 'basic') {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon !== -1) out.push(decoded.slice(0, colon), decoded.slice(colon + 1));
    else out.push(decoded);
  }
}

/** A kept secret and, for an auth header value, its credential without the scheme (and Basic's halves). */
export function secretForms(value: string): string[] {
  const out: string[] = [];
  authValues(value, out);
  return out.filter((v) => v.length >= 4);
}

/** Secrets in the request's auth headers, cookies and query, and in the answer's cookies. */
export function exchangeSecrets(exchange: CapturedExchange): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(exchange.request.headers)) {
    if (name === 'cookie') cookieValues(value, out);
    else if (SECRET_HEADERS.has(name)) authValues(value, out);
  }
  const setCookie = exchange.response.headers['set-cookie'];
  if (setCookie !== undefined) {
    for (const line of setCookie.split('\n')) {
      const first = line.split(';')[0] ?? '';
      const eq = first.indexOf('=');
      const value = (eq === -1 ? first : first.slice(eq + 1)).trim();
      if (value !== '') out.push(value, decodeSafe(value));
    }
  }
  const query = exchange.request.url.indexOf('?');
  if (query !== -1) {
    const params = new URLSearchParams(exchange.request.url.slice(query + 1).split('#')[0]);
    for (const [name, value] of params)
      if (SECRET_QUERY.has(name.toLowerCase()) && value !== '') out.push(value);
  }
  // Values shorter than 4 characters cannot be told from ordinary text; the redactor ignores them.
  return [...new Set(out)].filter((value) => value.length >= 4);
}
