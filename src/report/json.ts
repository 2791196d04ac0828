/**
 * @module report/json
 * `packet.json`: the packet document itself, two-space indented, keys in the order the packet builds them.
 */
import type { Packet } from './schema.js';

export function renderJson(packet: Packet): string {
  return `${JSON.stringify(packet, null, 2)}\n`;
}
