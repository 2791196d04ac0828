/**
 * @module redact/patterns
 * Shapes of secrets seen in the wild. Each rule has true- and false-positive samples in its test.
 */

export interface SecretPattern {
  name: string;
  /** Global regex; every match is a secret. */
  pattern: RegExp;
}

/** Rules for keys whose value chatproof was not told (it cannot redact them by exact value). */
export const SECRET_PATTERNS: readonly SecretPattern[] = [
  // OpenAI-style and CometAPI keys: `sk-` then a long token (project keys add `proj-`).
  { name: 'sk-key', pattern: /\bsk-(?:[A-Za-z0-9]+-)*[A-Za-z0-9_]{20,}/g },
  { name: 'bearer-token', pattern: /\bBearer\s+(?!<)[A-Za-z0-9._~+/-]{16,}=*/g },
  { name: 'aws-access-key', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { name: 'github-token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g },
  { name: 'slack-token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g },
  { name: 'google-api-key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { name: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  // The password of a URL's user-info (`https://user:password@host`); only the password is replaced.
  { name: 'url-password', pattern: /(?<=\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:)[^\s/?#@]+(?=@)/gi },
];

/** Key names whose values are secrets wherever they appear (headers, JSON, query strings). */
export const SECRET_KEY_NAMES: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'api_key',
  'apikey',
  'x-goog-api-key',
  'access_token',
  'password',
  'secret',
  'client_secret',
  'token',
];

/** True when a string contains something shaped like a secret. */
export function looksLikeSecret(value: string): boolean {
  return SECRET_PATTERNS.some(({ pattern }) => {
    pattern.lastIndex = 0;
    const hit = pattern.test(value);
    pattern.lastIndex = 0;
    return hit;
  });
}
