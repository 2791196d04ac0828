/**
 * @module checks/traffic/decode
 * Turns a captured body into the text the API sent: base64 (HAR's `encoding`, or `bodyEncoding` in JSON
 * Lines) and the answer's `content-encoding` (gzip, deflate, brotli) undone. A body that is not text is
 * binary; one that cannot be decoded is undecodable. Neither is ever judged.
 */
import { isUtf8 } from 'node:buffer';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

export type Decoded = { ok: true; text: string } | { ok: false; reason: 'binary-body' | 'undecodable-body' };

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Decompresses `bytes` per `encoding`; undefined when it is not such a stream. */
function decompress(bytes: Buffer, encoding: string, maxBytes: number): Buffer | undefined {
  const options = { maxOutputLength: maxBytes };
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(bytes, options);
    if (encoding === 'br') return brotliDecompressSync(bytes, options);
    if (encoding === 'deflate') return inflateSync(bytes, options);
  } catch {
    return undefined;
  }
  return undefined;
}

/** Plain text: valid UTF-8 without control characters other than tab, line feed and carriage return. */
function looksLikeText(bytes: Buffer): boolean {
  if (bytes.length === 0 || !isUtf8(bytes)) return false;
  for (const byte of bytes) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
  return true;
}

function asText(bytes: Buffer): Decoded {
  // NUL never appears in JSON or in an event stream; a body with one is binary even when it is valid UTF-8.
  if (!isUtf8(bytes) || bytes.includes(0)) return { ok: false, reason: 'binary-body' };
  return { ok: true, text: bytes.toString('utf8') };
}

/**
 * Decodes a body. `base64` says the captured text is base64 of the bytes; `contentEncoding` is the answer's
 * header. A body captured as text with a `content-encoding` is taken as already decoded (browsers and most
 * gateways store it so); captured as bytes it is decompressed, and a stream that is not what the header says
 * is undecodable. Decompression stops at `maxBytes` of output (a compressed bomb is undecodable, not memory).
 */
export function decodeBody(
  text: string,
  base64: boolean,
  contentEncoding: string | undefined,
  maxBytes: number,
): Decoded {
  // The common case, text with no encoding: nothing to undo.
  if (!base64 && !contentEncoding) {
    return text.includes('\u0000') ? { ok: false, reason: 'binary-body' } : { ok: true, text };
  }
  const encodings = (contentEncoding ?? '')
    .toLowerCase()
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '' && e !== 'identity');
  if (!base64) {
    // Text with a gzip magic number was stored compressed as latin-1 characters: undo that.
    if (encodings.length > 0 && text.charCodeAt(0) === 0x1f && text.charCodeAt(1) === 0x8b) {
      return decodeBytes(Buffer.from(text, 'latin1'), encodings, maxBytes);
    }
    return text.includes('\u0000') ? { ok: false, reason: 'binary-body' } : { ok: true, text };
  }
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 === 1 || !BASE64.test(compact)) return { ok: false, reason: 'undecodable-body' };
  const bytes = Buffer.from(compact, compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64');
  return decodeBytes(bytes, encodings, maxBytes);
}

function decodeBytes(bytes: Buffer, encodings: readonly string[], maxBytes: number): Decoded {
  let current = bytes;
  // Encodings apply in the order listed; undo them last first.
  for (const encoding of [...encodings].reverse()) {
    if (encoding !== 'gzip' && encoding !== 'x-gzip' && encoding !== 'br' && encoding !== 'deflate') {
      return { ok: false, reason: 'undecodable-body' };
    }
    const out = decompress(current, encoding, maxBytes);
    if (out === undefined) {
      // Already decoded by whoever captured it (a HAR tool often keeps the header and stores plain bytes).
      if (encodings.length === 1 && looksLikeText(current)) return asText(current);
      return { ok: false, reason: 'undecodable-body' };
    }
    current = out;
  }
  return asText(current);
}
