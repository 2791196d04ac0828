/**
 * @module redact/boundary
 * The one redacting boundary every byte leaving the process passes: stdout, stderr and every file chatproof
 * writes. It learns each secret of the run as the run meets it (the key a reference resolves to, the password
 * and secret-named query parameters of a URL, header values sent under auth-like names), and redacts each in
 * every encoding the redactor knows, in structured values and raw text alike.
 *
 * The CLI runs each command inside `withBoundary`; code deeper down (the key resolver, file writers, the proxy)
 * reaches the run's boundary through `activeBoundary()` rather than having it threaded through every call.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { SECRET_KEY_NAMES } from './patterns.js';
import { createRedactor, type Redactor } from './redactor.js';

/** A value shorter than this from a URL or a header is not learnt: redacting `on` or `1` everywhere hides evidence. */
export const MIN_LEARNT_SECRET = 8;

/** Header names whose values are credentials, beyond the fixed list: `x-custom-auth`, `x-goog-api-key`, `x-token`. */
const AUTH_LIKE = /auth|key|token|secret|passw|cookie|credential|session|signature/i;

/** Query parameters that carry keys in the wild. */
const SECRET_QUERY = new Set([...SECRET_KEY_NAMES, 'key', 'sig', 'signature', 'code', 'auth']);

export interface TextSink {
  write(text: string): void;
}

export interface RedactionBoundary extends Redactor {
  /** Adds a secret of this run (a resolved key). Redacted from now on, in every encoding. */
  addSecret(value: string | undefined): void;
  /** Learns a URL's user-info password (and user name) and the values of its secret-named query parameters. */
  addUrl(url: string): void;
  /** Learns header values sent under auth-like names (`authorization`, `x-custom-auth`, `api-key`, …). */
  addHeaders(headers: Readonly<Record<string, string | readonly string[] | number | undefined>>): void;
  /** The secrets learnt so far. */
  secrets(): readonly string[];
  /** A sink that redacts every write before passing it on. */
  sink(out: TextSink): TextSink;
}

/** Creates a boundary knowing `secrets`; it learns more as the run goes. */
export function createBoundary(secrets: readonly (string | undefined)[] = []): RedactionBoundary {
  const known = new Set<string>();
  let redactor = createRedactor();
  const add = (value: string | undefined, min: number): void => {
    if (typeof value !== 'string') return;
    const trimmed = value.trim();
    if (trimmed.length < min || known.has(trimmed)) return;
    known.add(trimmed);
    redactor = createRedactor({ secrets: [...known] });
  };
  for (const secret of secrets) add(secret, 4);

  const addUrl = (input: string): void => {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      // Not a URL (`http//user:pw@host`, a typo): its `user:password@` part, if any, is still a secret.
      const userinfo = /^(?:[a-z][a-z0-9+.-]*:?)?\/*([^/?#@\s]*)@/i.exec(input)?.[1];
      if (userinfo) for (const part of userinfo.split(':')) add(safeDecode(part), MIN_LEARNT_SECRET);
      for (const [, name = '', value = ''] of input.matchAll(/[?&]([^=&#\s]+)=([^&#\s]*)/g)) {
        if (SECRET_QUERY.has(safeDecode(name).toLowerCase())) add(safeDecode(value), MIN_LEARNT_SECRET);
      }
      return;
    }
    if (url.password) add(safeDecode(url.password), MIN_LEARNT_SECRET);
    for (const [name, value] of url.searchParams) {
      if (SECRET_QUERY.has(name.toLowerCase())) add(value, MIN_LEARNT_SECRET);
    }
  };

  const addHeaders: RedactionBoundary['addHeaders'] = (headers) => {
    for (const [name, raw] of Object.entries(headers)) {
      if (raw === undefined || !AUTH_LIKE.test(name)) continue;
      for (const value of Array.isArray(raw) ? raw : [String(raw)]) {
        const [scheme = '', ...rest] = String(value).trim().split(/\s+/);
        const credential = rest.length > 0 ? rest.join(' ') : scheme;
        add(credential, MIN_LEARNT_SECRET);
        if (/^basic$/i.test(scheme) && rest.length > 0) {
          const decoded = Buffer.from(credential, 'base64').toString('utf8');
          const colon = decoded.indexOf(':');
          if (colon !== -1) add(decoded.slice(colon + 1), MIN_LEARNT_SECRET);
        }
      }
    }
  };

  return {
    text: (input) => redactor.text(input),
    headers: (input) => redactor.headers(input),
    json: (value) => redactor.json(value),
    url: (input) => redactor.url(input),
    exchange: (input) => redactor.exchange(input),
    addSecret: (value) => add(value, 4),
    addUrl,
    addHeaders,
    secrets: () => [...known],
    sink: (out) => ({ write: (text: string) => out.write(redactor.text(text)) }),
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const storage = new AsyncLocalStorage<RedactionBoundary>();

/** Runs `work` with `boundary` as the run's boundary: everything it starts sees it through `activeBoundary()`. */
export function withBoundary<T>(boundary: RedactionBoundary, work: () => T): T {
  return storage.run(boundary, work);
}

/** The boundary of the run in progress, if any (library callers outside the CLI may have none). */
export function activeBoundary(): RedactionBoundary | undefined {
  return storage.getStore();
}

/** Tells the run's boundary about a secret; a no-op outside a run. */
export function learnSecret(value: string | undefined): void {
  storage.getStore()?.addSecret(value);
}

/** Redacts `text` with the run's boundary; unchanged outside a run. */
export function redactOutput(text: string): string {
  return storage.getStore()?.text(text) ?? text;
}
