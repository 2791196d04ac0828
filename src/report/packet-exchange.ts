/**
 * @module report/packet-exchange
 * A packet stores each captured exchange once (`exchanges`, by id) and its findings reference it
 * (`evidence.exchangeRef`); packets written before that embed the exchange in each finding. Every reader goes
 * through here and gets the exchange either way. Pure.
 */
import type { Packet, PacketFinding } from './schema.js';

export type PacketExchange = NonNullable<PacketFinding['evidence']['exchange']>;

/** The exchange a finding's evidence points at (referenced or embedded), or undefined. */
export function packetExchange(
  packet: Pick<Packet, 'exchanges'>,
  finding: Pick<PacketFinding, 'evidence'>,
): PacketExchange | undefined {
  const { exchange, exchangeRef } = finding.evidence;
  if (exchange) return exchange;
  return exchangeRef === undefined ? undefined : packet.exchanges?.[exchangeRef];
}
