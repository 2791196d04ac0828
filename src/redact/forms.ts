/**
 * @module redact/forms
 * Every encoding a secret may take on its way into a capture, a log or a report. A secret is found in any of
 * them, and in any 12-character piece of it (a key cut by a line wrap or a log truncation still leaks).
 */

/** Shortest piece of a secret that still counts as the secret. */
export const MIN_FRAGMENT = 12;

export type Encoding =
  | 'raw'
  | 'base64'
  | 'base64url'
  | 'url'
  | 'json'
  | 'hex'
  | 'html'
  | 'escaped'
  | 'fragment';

export interface Needle {
  text: string;
  encoding: Encoding;
}

/**
 * The core of a secret's base64 at each of the three byte alignments. Base64 works on 3-byte groups, so a secret
 * embedded at an arbitrary offset of a larger payload (`user:secret` in Basic auth) encodes differently per
 * offset; the characters fully determined by the secret are the same wherever it sits.
 */
function base64Cores(secret: string, alphabet: 'base64' | 'base64url'): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (let pad = 0; pad < 3; pad++) {
    const padded = Buffer.concat([Buffer.alloc(pad), bytes]);
    const encoded = padded.toString(alphabet).replace(/=+$/, '');
    // Characters touched by the padding bytes, and the last partial group, depend on neighbours: drop them.
    // Character i covers bits [6i, 6i + 6); keep those that lie wholly inside the secret's bits.
    const start = Math.ceil((pad * 8) / 6);
    const end = Math.floor((padded.length * 8) / 6);
    const stable = encoded.slice(start, end);
    if (stable.length >= 4) cores.push(stable);
  }
  return cores;
}

/** All needles for one secret, longest first. */
export function needlesFor(secret: string): Needle[] {
  if (secret.length === 0) return [];
  const needles: Needle[] = [{ text: secret, encoding: 'raw' }];
  for (const core of base64Cores(secret, 'base64')) needles.push({ text: core, encoding: 'base64' });
  for (const core of base64Cores(secret, 'base64url')) needles.push({ text: core, encoding: 'base64url' });
  needles.push({ text: encodeURIComponent(secret), encoding: 'url' });
  needles.push({ text: encodeURIComponent(secret).replace(/%20/g, '+'), encoding: 'url' });
  needles.push({ text: JSON.stringify(secret).slice(1, -1), encoding: 'json' });
  const hex = Buffer.from(secret, 'utf8').toString('hex');
  needles.push({ text: hex, encoding: 'hex' }, { text: hex.toUpperCase(), encoding: 'hex' });
  if (secret.length > MIN_FRAGMENT) {
    for (let i = 0; i + MIN_FRAGMENT <= secret.length; i++) {
      needles.push({ text: secret.slice(i, i + MIN_FRAGMENT), encoding: 'fragment' });
    }
  }
  const unique = new Map<string, Needle>();
  for (const needle of needles)
    if (needle.text.length > 0 && !unique.has(needle.text)) unique.set(needle.text, needle);
  return [...unique.values()].sort((a, b) => b.text.length - a.text.length);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One regular expression matching every given secret in its literal encodings: raw, base64/base64url at each
 * alignment, URL, JSON, hex, and every 12-character piece, longest first so a whole secret is taken before any
 * piece of it. Undefined when there is nothing to match.
 */
export function secretRegExp(secrets: readonly string[]): RegExp | undefined {
  const needles = [...new Set(secrets.flatMap(needlesFor).map((n) => n.text))].sort(
    (a, b) => b.length - a.length,
  );
  return needles.length > 0 ? new RegExp(needles.map(escapeRegExp).join('|'), 'g') : undefined;
}

/** The raw secret or one of its pieces, for matching a decoded view of a text. */
function plainRegExp(secrets: readonly string[]): RegExp | undefined {
  const texts = [
    ...new Set(
      secrets
        .flatMap(needlesFor)
        .flatMap((n) => (n.encoding === 'raw' || n.encoding === 'fragment' ? [n.text] : [])),
    ),
  ].sort((a, b) => b.length - a.length);
  return texts.length > 0 ? new RegExp(texts.map(escapeRegExp).join('|'), 'g') : undefined;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  equals: '=',
  sol: '/',
  plus: '+',
  lowbar: '_',
  hyphen: '-',
  period: '.',
  colon: ':',
};

/**
 * Per-character escapes a writer may apply to some or all characters of a secret, mixed freely: JSON `\u006b`,
 * `\/`, HTML `&#107;` / `&#x6b;` / named entities, URL `%6B`.
 */
const ESCAPE =
  /\\u[0-9a-fA-F]{4}|\\[/"\\]|&#[0-9]{1,7};|&#[xX][0-9a-fA-F]{1,6};|&[a-zA-Z]{2,8};|%[0-9a-fA-F]{2}/g;

function decodeEscape(token: string): string | undefined {
  if (token.startsWith('\\u')) return String.fromCharCode(Number.parseInt(token.slice(2), 16));
  if (token.startsWith('\\')) return token.slice(1);
  if (token.startsWith('&#x') || token.startsWith('&#X'))
    return fromCode(Number.parseInt(token.slice(3, -1), 16));
  if (token.startsWith('&#')) return fromCode(Number.parseInt(token.slice(2, -1), 10));
  if (token.startsWith('&')) return NAMED_ENTITIES[token.slice(1, -1).toLowerCase()];
  if (token.startsWith('%')) return String.fromCharCode(Number.parseInt(token.slice(1), 16));
  return undefined;
}

function fromCode(code: number): string | undefined {
  return code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

/**
 * A matcher for secrets written with per-character escapes: it decodes the text once (keeping, for each decoded
 * character, the span it came from), finds the secret or a piece of it in the decoded view, and replaces the
 * source span. Text without any escape character is returned unchanged at the cost of one scan.
 */
export function escapedMatcher(
  secrets: readonly string[],
): ((input: string, replacement: string) => string) | undefined {
  const plain = plainRegExp(secrets);
  if (!plain) return undefined;
  return (input, replacement) => {
    if (!/[\\&%]/.test(input)) return input;
    ESCAPE.lastIndex = 0;
    let decoded = '';
    const starts: number[] = [];
    const ends: number[] = [];
    let last = 0;
    let escaped = false;
    for (let match = ESCAPE.exec(input); match; match = ESCAPE.exec(input)) {
      const value = decodeEscape(match[0]);
      if (value === undefined) continue;
      for (let i = last; i < match.index; i++) {
        decoded += input[i];
        starts.push(i);
        ends.push(i + 1);
      }
      for (const unit of value) {
        for (let k = 0; k < unit.length; k++) {
          decoded += unit[k];
          starts.push(match.index);
          ends.push(match.index + match[0].length);
        }
      }
      escaped = true;
      last = match.index + match[0].length;
    }
    if (!escaped) return input;
    for (let i = last; i < input.length; i++) {
      decoded += input[i];
      starts.push(i);
      ends.push(i + 1);
    }
    const spans: [number, number][] = [];
    plain.lastIndex = 0;
    for (let match = plain.exec(decoded); match; match = plain.exec(decoded)) {
      const from = starts[match.index] ?? 0;
      const to = ends[match.index + match[0].length - 1] ?? from;
      spans.push([from, to]);
    }
    if (spans.length === 0) return input;
    let output = '';
    let at = 0;
    for (const [from, to] of spans) {
      if (from < at) continue;
      output += input.slice(at, from) + replacement;
      at = to;
    }
    return output + input.slice(at);
  };
}

/** The encoding a matched text shows a secret in, for scan reports (never the text itself). */
export function encodingOf(match: string, secrets: readonly string[]): Encoding {
  for (const secret of secrets) {
    if (match === secret) return 'raw';
    for (const needle of needlesFor(secret)) if (needle.text === match) return needle.encoding;
  }
  if (match.includes('&')) return 'html';
  if (match.includes('%')) return 'url';
  return 'escaped';
}
