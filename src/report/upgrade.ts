/**
 * @module report/upgrade
 * A packet stored by an earlier chatproof (history, `report`) lacks fields added since, within the same schema
 * version. Renderers read it through here: every added field gets the value that says least (no qualifier
 * claimed, the ledger target, no pending field), never a value that would make the packet say more.
 */
import { headlineOf } from './labels.js';
import type { Packet } from './schema.js';

export function upgradePacket(packet: Packet): Packet {
  const p = packet as Partial<Packet> & Packet;
  if (p.target && p.qualifiers && p.headline && p.clauses.every((c) => c.pendingFields)) return packet;
  const target = p.target ?? {
    kind: 'ledger' as const,
    url: p.review.target.baseUrl,
    ledgerUrl: p.review.target.baseUrl,
    label: 'the ledger target',
  };
  const qualifiers = p.qualifiers ?? [];
  return {
    ...p,
    target,
    qualifiers,
    headline: p.headline ?? headlineOf(p, qualifiers),
    clauses: p.clauses.map((c) => ({ ...c, pendingFields: c.pendingFields ?? [] })),
    findings: p.findings.map((f) => ({ ...f, clauses: f.clauses ?? (f.clause ? [f.clause] : []) })),
  };
}
