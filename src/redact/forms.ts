/**
 * @module redact/forms
 * Every encoding a secret may take on its way into a capture, a log or a report. A secret is found in any of
 * them, and in any 12-character piece of it (a key cut by a line wrap or a log truncation still leaks).
 */

/** Shortest piece of a secret that still counts as the secret. */
export const MIN_FRAGMENT = 12;

export type Encoding = 'raw' | 'base64' | 'base64url' | 'url' | 'json' | 'hex' | 'fragment';

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
