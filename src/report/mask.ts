/**
 * @module report/mask
 * Replaces what legitimately changes between two runs of the same review (times, measured durations, unix
 * `created` stamps, loopback ports) with fixed markers, so packets can be compared byte for byte.
 */
import type { Packet } from './schema.js';

const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;
const HTTP_DATE = /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT\b/g;
const CREATED = /("created"\s*:\s*)\d+/g;
const LOOPBACK = /\b(127\.0\.0\.1|localhost|\[::1\]):\d{2,5}\b/g;
/** Durations written into messages ("retries waited 1585 ms"): measured, so they vary run to run. */
const MS_TEXT = /\b\d+(?:\.\d+)? ms\b/g;
/** Request ids the fault proxy makes up for injected errors. */
const PROXY_ID = /\bchatproof-[0-9a-f]{12}\b/g;
/** Measured numbers: every `…Ms` field (durations, delays, offsets) and the unix `created` stamp. */
const isVolatileKey = (key: string | undefined): boolean => !!key && (/Ms$/.test(key) || key === 'created');

/** Volatile values in any JSON-like value, masked. */
export function maskVolatile<T>(value: T): T {
  const walk = (node: unknown, key?: string): unknown => {
    if (typeof node === 'string') {
      return node
        .replace(ISO, '<TIME>')
        .replace(HTTP_DATE, '<TIME>')
        .replace(CREATED, '$10')
        .replace(LOOPBACK, '$1:<PORT>')
        .replace(MS_TEXT, '<N> ms')
        .replace(PROXY_ID, 'chatproof-<ID>');
    }
    if (typeof node === 'number') return isVolatileKey(key) ? 0 : node;
    if (Array.isArray(node)) return node.map((item) => walk(item, isVolatileKey(key) ? key : undefined));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, k)]));
    }
    return node;
  };
  return walk(value) as T;
}

/** A packet with its volatile values masked; every renderer gives identical bytes for identical masked packets. */
export function maskPacket(packet: Packet): Packet {
  return maskVolatile(packet);
}
