/**
 * @module redact/redactor
 * Everything chatproof stores or prints from a request or response goes through a redactor: structural rules
 * (secret headers, JSON keys and query parameters), exact values (the resolved secret in every encoding) and
 * pattern rules for keys chatproof was not told about.
 */
import type { Exchange } from '../http/types.js';
import { encodingOf, escapedMatcher, secretRegExp } from './forms.js';
import { SECRET_KEY_NAMES, SECRET_PATTERNS } from './patterns.js';

/** What a secret becomes. Contains no character a key is made of, so redaction cannot create a new match. */
export const REDACTED = '[REDACTED]';

export interface Redactor {
  /** Exact-value and pattern redaction of free text. */
  text(input: string): string;
  /** Secret headers replaced whole; every other value redacted as text. Names are lower-cased. */
  headers(
    headers: Readonly<Record<string, string | readonly string[] | number | undefined>>,
  ): Record<string, string>;
  /** Secret keys replaced whole at any depth; every string redacted as text. */
  json<T>(value: T): T;
  /** Secret query parameters replaced; the rest redacted as text. */
  url(input: string): string;
  /** A whole exchange: URL, headers and bodies. */
  exchange(exchange: Exchange): Exchange;
}

export interface RedactorOptions {
  /** Resolved secret values to remove wherever they appear, in any encoding. */
  secrets?: readonly (string | undefined)[];
}

const SECRET_KEYS = new Set(SECRET_KEY_NAMES);
/** Query parameters that carry keys in the wild (`?key=`, `?api_key=`). */
const SECRET_QUERY = new Set([...SECRET_KEY_NAMES, 'key', 'sig', 'signature']);

/** Creates a redactor for the given secrets. Secrets shorter than 4 characters are ignored as unredactable. */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  const secrets = (options.secrets ?? []).filter(
    (secret): secret is string => typeof secret === 'string' && secret.length >= 4,
  );
  const exact = secretRegExp(secrets);
  const escaped = escapedMatcher(secrets);

  const once = (input: string): string => {
    let output = exact ? input.replace(exact, REDACTED) : input;
    if (escaped) output = escaped(output, REDACTED);
    for (const { name, pattern } of SECRET_PATTERNS) {
      output = output.replace(pattern, (match) =>
        name === 'bearer-token' ? `${match.split(/\s+/)[0]} ${REDACTED}` : REDACTED,
      );
    }
    return output;
  };
  // Repeat until stable, so redaction is idempotent even where a replacement joins two pieces of a secret.
  const text = (input: string): string => {
    let current = input;
    for (let i = 0; i < 5; i++) {
      const next = once(current);
      if (next === current) return next;
      current = next;
    }
    return current;
  };

  const json = <T>(value: T): T => {
    const walk = (item: unknown): unknown => {
      if (typeof item === 'string') return text(item);
      if (Array.isArray(item)) return item.map(walk);
      if (item !== null && typeof item === 'object') {
        const out: Record<string, unknown> = {};
        for (const [key, inner] of Object.entries(item)) {
          out[text(key)] = SECRET_KEYS.has(key.toLowerCase()) && inner !== null ? REDACTED : walk(inner);
        }
        return out;
      }
      return item;
    };
    return walk(value) as T;
  };

  const headers: Redactor['headers'] = (input) => {
    const out: Record<string, string> = {};
    for (const [name, raw] of Object.entries(input)) {
      if (raw === undefined) continue;
      const value = Array.isArray(raw) ? raw.join(', ') : String(raw);
      const lower = name.toLowerCase();
      if (!SECRET_KEYS.has(lower)) out[lower] = text(value);
      else if (lower === 'authorization' || lower === 'proxy-authorization') {
        // Keep the scheme: "Bearer" versus a bare key is itself contract evidence.
        const scheme = /^([A-Za-z]+)\s+\S/.exec(value)?.[1];
        out[lower] = scheme ? `${scheme} ${REDACTED}` : REDACTED;
      } else out[lower] = REDACTED;
    }
    return out;
  };

  const url = (input: string): string => {
    const query = input.indexOf('?');
    if (query === -1) return text(input);
    const hash = input.indexOf('#', query);
    const end = hash === -1 ? input.length : hash;
    const params = input
      .slice(query + 1, end)
      .split('&')
      .map((pair) => {
        const [key = '', ...rest] = pair.split('=');
        const name = decodeURIComponentSafe(key).toLowerCase();
        return SECRET_QUERY.has(name) && rest.length > 0 ? `${key}=${REDACTED}` : pair;
      })
      .join('&');
    return text(`${input.slice(0, query + 1)}${params}${input.slice(end)}`);
  };

  const body = (content: string | undefined): string | undefined => {
    if (content === undefined) return undefined;
    try {
      return JSON.stringify(json(JSON.parse(content)));
    } catch {
      return text(content);
    }
  };

  const exchange = (input: Exchange): Exchange => {
    const request = {
      ...input.request,
      url: url(input.request.url),
      headers: headers(input.request.headers),
    };
    const requestBody = body(input.request.body);
    if (requestBody === undefined) delete request.body;
    else request.body = requestBody;
    const out: Exchange = { ...input, request };
    if (input.response) {
      out.response = {
        ...input.response,
        headers: headers(input.response.headers),
        body: body(input.response.body) ?? '',
      };
    }
    if (input.error) out.error = { code: input.error.code, message: text(input.error.message) };
    if (input.requestId !== undefined) out.requestId = text(input.requestId);
    return out;
  };

  return { text, headers, json, url, exchange };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Where a secret appears in a text, naming the encoding; undefined when it is clean. For artifact scans. */
export function findSecret(
  text: string,
  secrets: readonly string[],
): { encoding: string; index: number } | undefined {
  const nonEmpty = secrets.filter((secret) => secret.length > 0);
  const pattern = secretRegExp(nonEmpty);
  if (!pattern) return undefined;
  const match = pattern.exec(text);
  if (match) return { encoding: encodingOf(match[0], nonEmpty), index: match.index };
  // Per-character escapes (JSON \u, HTML entities, %XX): where the first redaction would start.
  const replaced = escapedMatcher(nonEmpty)?.(text, REDACTED) ?? text;
  if (replaced === text) return undefined;
  let index = 0;
  while (replaced[index] === text[index]) index++;
  return { encoding: 'escaped', index };
}
