/**
 * @module report/mask
 * Replaces what legitimately changes between two runs of the same review (times, durations, loopback ports)
 * with fixed markers, so packets can be compared byte for byte.
 */
import type { Packet } from './schema.js';

const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;
const LOOPBACK = /\b(127\.0\.0\.1|localhost|\[::1\]):\d{2,5}\b/g;
const DURATION_KEYS = new Set([
  'totalMs',
  'firstByteMs',
  'connectMs',
  'dnsMs',
  'tlsMs',
  'durationMs',
  'elapsedMs',
]);

/** Volatile values in any JSON-like value: ISO timestamps, `*Ms` timing fields, loopback ports. */
export function maskVolatile<T>(value: T): T {
  const walk = (node: unknown, key?: string): unknown => {
    if (typeof node === 'string') return node.replace(ISO, '<TIME>').replace(LOOPBACK, '$1:<PORT>');
    if (typeof node === 'number') return key && DURATION_KEYS.has(key) ? 0 : node;
    if (Array.isArray(node)) return node.map((item) => walk(item, key === 'delaysMs' ? key : undefined));
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
