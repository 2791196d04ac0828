/**
 * @module checks/scan/judge
 * Pure: one literal found in a file, with what its surroundings say about it, becomes zero or more findings.
 * Source code and configuration files share these rules; only the rule a hit gets differs (a configuration
 * file holding a contract value is a `config-value`, the implementation location, not a defect).
 */
import { CLAUSE, type ClauseId } from '../../contract/index.js';
import { looksLikeSecret } from '../../redact/index.js';
import { SCAN_RULES, type ScanRuleId } from './rules.js';
import {
  BASE_URL_NAME,
  CHAT_API_HOST,
  CHAT_QUALIFIER,
  credentialShaped,
  KEY_NAME,
  MODEL_NAME,
  MODEL_SHAPE,
  NOT_CHAT_MODEL,
  NOT_SECRET_NAME,
  PRICE_NAME,
  RETRY_NAME,
  SECRET_NAME,
  TIMEOUT_NAME,
  TIMER_NAME,
  TOKEN_BUDGET_NAME,
} from './vocabulary.js';

/** Where a literal sits relative to the name it belongs to. */
export type LiteralRole =
  /** the value of a key, keyword argument, field or setter call */
  | 'value'
  /** a variable or constant declaration's value */
  | 'declaration'
  /** an object key, dictionary key or struct field name */
  | 'key'
  /** the first argument of a call (`headers.set('Authorization', …)`) */
  | 'argument'
  /** an index (`headers['x-api-key'] = …`) */
  | 'subscript'
  | 'other';

/** One part of a literal built from several (`base + '/chat' + '/completions'`): where its text starts. */
export interface LiteralPart {
  offset: number;
  line: number;
  column: number;
}

export interface Literal {
  form: 'string' | 'number' | 'key';
  /** The literal's text without quotes; interpolated parts are `\0`. */
  value: string;
  /** 1-based. */
  line: number;
  column: number;
  /** The nearest name the value belongs to: key, keyword, field, variable or setter. */
  name: string | null;
  role: LiteralRole;
  /** Inside a chat-API call, a chat client's construction, or a request body that carries messages. */
  chat: boolean;
  /** Part of a value read from the environment or configuration (a default): not hard-coded. */
  env: boolean;
  /** The name of what holds the literal's container (`PRICE_PER_MILLION` for `{ input: 2.0 }`). */
  outerName?: string | null;
  /** An argument of a call that is neither a chat call nor a setter named for the value (another client). */
  foreignCall?: boolean;
  /** The path of a route this service serves, not a request it sends. */
  route?: boolean;
  /** Inside a function that names another service's URL and nothing of the chat API. */
  otherService?: boolean;
  /** For concatenations: the parts, so a hit is reported on the line its text starts. */
  parts?: readonly LiteralPart[];
}

/** What the file around the literal says. */
export interface FileFacts {
  /** A configuration file (YAML, JSON, .env, .properties): hits are `config-value`. */
  config: boolean;
  /** The file talks to a chat API (imports an SDK, or holds a chat path). */
  chatFile: boolean;
  /** For configuration: the full key path of the literal, e.g. `llm.client.timeoutMs`. */
  keyPath?: string;
}

/** Values from the ledger that sharpen the scan: its chat path, base URL hosts, header and model ids. */
export interface ScanVocabulary {
  chatPaths: readonly string[];
  authHeaders: readonly string[];
  baseHosts: readonly string[];
  modelIds: readonly string[];
}

export interface Hit {
  rule: ScanRuleId;
  clause: ClauseId | null;
  line: number;
  column: number;
  /** The matched text, before redaction. */
  match: string;
}

function positionOf(literal: Literal, offset: number): { line: number; column: number } {
  if (!literal.parts || literal.parts.length === 0) return { line: literal.line, column: literal.column };
  let part = literal.parts[0]!;
  for (const candidate of literal.parts) if (candidate.offset <= offset) part = candidate;
  return { line: part.line, column: part.column };
}

function hostOf(url: string): string | null {
  try {
    return new URL(url.replace(/\0.*$/s, '')).host.toLowerCase();
  } catch {
    return null;
  }
}

/** Offset of a chat path used as a path: at a segment start, followed by the end, a query or a substitution. */
export function chatPathOffset(
  value: string,
  paths: readonly string[],
): { offset: number; path: string } | null {
  if (/\s/.test(value)) return null;
  for (const path of paths) {
    let from = 0;
    for (;;) {
      const offset = value.indexOf(path, from);
      if (offset < 0) break;
      const after = value[offset + path.length];
      if (after === undefined || after === '?' || after === '\0' || after === '#') return { offset, path };
      from = offset + 1;
    }
  }
  return null;
}

const BEARER = /^Bearer(?: +(\0.*|[A-Za-z0-9._~+/=-]*))?$/s;

function secretHit(literal: Literal, value: string): boolean {
  if (/^<[A-Z][A-Z0-9_]*>$/.test(value)) return false;
  if (looksLikeSecret(value.replace(/^Bearer\s*(\0|$)/, ''))) return true;
  const name = literal.name ?? '';
  const token = value.replace(/^Bearer\s+/, '');
  return (
    (SECRET_NAME.test(name) || KEY_NAME.test(name)) && !NOT_SECRET_NAME.test(name) && credentialShaped(token)
  );
}

const numeric = (value: string): boolean => /^-?\d[\d_]*(\.\d+)?([eE][-+]?\d+)?$/.test(value);

/** The findings one literal gives, before traceability and redaction. */
export function judgeLiteral(literal: Literal, facts: FileFacts, vocabulary: ScanVocabulary): Hit[] {
  const hits: Hit[] = [];
  const value = literal.value;
  const at = (offset: number) => positionOf(literal, offset);
  const hit = (rule: ScanRuleId, match: string, offset = 0, clause?: ClauseId | null): void => {
    const where = at(offset);
    const finalRule: ScanRuleId = facts.config && rule !== 'inline-secret' ? 'config-value' : rule;
    hits.push({ rule: finalRule, clause: clause ?? SCAN_RULES[rule].clause, match, ...where });
  };
  const name = literal.name ?? '';
  const qualified = facts.config
    ? CHAT_QUALIFIER.test(facts.keyPath ?? name)
    : CHAT_QUALIFIER.test(name) || literal.chat;

  if (literal.form !== 'number' && secretHit(literal, value)) hit('inline-secret', value);
  if (literal.env) return hits;

  if (literal.form === 'key') {
    if ((literal.chat || facts.chatFile) && vocabulary.authHeaders.includes(value.toLowerCase()))
      hit('hardcoded-auth-header', value, 0, SCAN_RULES['hardcoded-auth-header'].clause);
    return hits;
  }

  const isNumber = literal.form === 'number' || (facts.config && numeric(value));
  if (isNumber) {
    if (!name) return hits;
    const inChat = facts.config ? qualified : literal.chat || (literal.role === 'declaration' && qualified);
    if (PRICE_NAME.test(name) || PRICE_NAME.test(`${literal.outerName ?? ''}.${name}`))
      hit('hardcoded-price', value);
    else if (TOKEN_BUDGET_NAME.test(name)) {
      if (inChat || (literal.role === 'declaration' && facts.chatFile)) hit('hardcoded-token-budget', value);
    } else if (TIMEOUT_NAME.test(name) && !TIMER_NAME.test(name)) {
      if (inChat) hit('hardcoded-timeout', value);
    } else if (RETRY_NAME.test(name) && inChat) hit('hardcoded-retry-count', value);
    return hits;
  }

  // Strings.
  const chat = chatPathOffset(value, vocabulary.chatPaths);
  if (/^https?:\/\/[^\s\0/]/i.test(value) && !/\s/.test(value)) {
    const host = hostOf(value);
    const hostKnown = host !== null && vocabulary.baseHosts.includes(host);
    const named = BASE_URL_NAME.test(name);
    const isBase = facts.config
      ? chat !== null || hostKnown || (named && qualified)
      : chat !== null ||
        hostKnown ||
        literal.chat ||
        (named && literal.foreignCall === true && host !== null && CHAT_API_HOST.test(host)) ||
        (named && literal.foreignCall !== true && (facts.chatFile || CHAT_QUALIFIER.test(name)));
    if (isBase) hit('hardcoded-base-url', chat ? value.slice(0, chat.offset) : value);
  }
  if (chat && literal.route !== true) hit('hardcoded-chat-path', chat.path, chat.offset);

  // An auth header of another service (a moderation API, a webhook) is not the chat API's auth.
  if (!facts.config && (literal.chat || (facts.chatFile && literal.otherService !== true))) {
    if (BEARER.test(value)) hit('hardcoded-auth-header', value, 0, CLAUSE.authScheme);
    if (
      (literal.role === 'key' || literal.role === 'argument' || literal.role === 'subscript') &&
      vocabulary.authHeaders.includes(value.toLowerCase())
    )
      hit('hardcoded-auth-header', value);
  }

  const modelShaped =
    (MODEL_SHAPE.test(value) && !NOT_CHAT_MODEL.test(value)) || vocabulary.modelIds.includes(value);
  // A table of model ids (`MODELS = {"fast": "gpt-4o-mini"}`) names them one level up.
  // One level up, too: `model: provider('gpt-4o-mini')`.
  const outerModel = !facts.config && /model/i.test(literal.outerName ?? '');
  const table = outerModel && literal.role === 'value';
  if (modelShaped && (/model/i.test(name) || outerModel)) {
    const counts = facts.config
      ? MODEL_NAME.test(name) || qualified
      : literal.chat || ((literal.role === 'declaration' || table) && facts.chatFile);
    if (counts) hit('hardcoded-model-id', value);
  }
  return hits;
}
