/**
 * @module report/digest
 * What a reader sees first, shared by the Markdown and the HTML: findings ordered by how much they matter,
 * each reason's items once (an item a more specific reason explains points there instead of repeating it), and
 * the handled findings summarised per clause.
 */
import type { Packet, PacketFinding } from './schema.js';

/** One line under a reason: the item's own message, or a pointer to the reason that already explains it. */
export interface ReasonLine {
  ref: string;
  message: string;
  waivedBy: string | null;
  /** The rule whose reason lists this same item with its specific cause. */
  seeRule: string | null;
  /** What to change for this item (none when waived, or when another reason explains it). */
  hint: string | null;
}

export interface ReasonDigest {
  rule: string;
  effect: Packet['reasons'][number]['effect'];
  /** The rule's title and outcome (`… : not met.`), without the items. */
  headline: string;
  seed: string;
  lines: ReasonLine[];
}

/** Each reason with its items, each item once; items a fail or escalate reason names point to that reason. */
export function reasonDigests(packet: Packet): ReasonDigest[] {
  const specific = new Map<string, string>();
  for (const reason of packet.reasons) {
    if (reason.effect === 'required-for-pass') continue;
    const items = packet.rules.find((rule) => rule.id === reason.rule)?.items ?? [];
    for (const item of items) if (!specific.has(item.ref)) specific.set(item.ref, reason.rule);
  }
  return packet.reasons.map((reason) => {
    const items = packet.rules.find((rule) => rule.id === reason.rule)?.items ?? [];
    const seen = new Set<string>();
    const lines: ReasonLine[] = [];
    for (const item of items) {
      if (seen.has(item.ref)) continue;
      seen.add(item.ref);
      const elsewhere = specific.get(item.ref);
      lines.push({
        ref: item.ref,
        message: item.message,
        waivedBy: item.waivedBy ?? null,
        seeRule: elsewhere && elsewhere !== reason.rule ? elsewhere : null,
        hint: item.waivedBy || (elsewhere && elsewhere !== reason.rule) ? null : (item.hint ?? null),
      });
    }
    return {
      rule: reason.rule,
      effect: reason.effect,
      headline: headline(reason),
      seed: reason.seed,
      lines,
    };
  });
}

/**
 * `Title: not met.`; a waived rule keeps its whole sentence, which names the waivers, and so does a packet
 * written before reasons carried their title and outcome.
 */
function headline(reason: Packet['reasons'][number]): string {
  if (reason.title === undefined || reason.outcome === undefined || reason.outcome === 'waived')
    return reason.message;
  return `${reason.title}: ${reason.outcome}.`;
}

/** Handled findings grouped by the clause they matched (or their area when none), in packet order. */
export interface HandledGroup {
  clause: string | null;
  area: PacketFinding['area'];
  checks: string[];
  count: number;
  waived: number;
}

export function handledSummary(findings: readonly PacketFinding[]): HandledGroup[] {
  const groups = new Map<string, HandledGroup>();
  for (const finding of findings) {
    if (finding.class !== 'documented-handled') continue;
    const key = finding.clause ?? `area:${finding.area}`;
    const group = groups.get(key) ?? {
      clause: finding.clause,
      area: finding.area,
      checks: [],
      count: 0,
      waived: 0,
    };
    group.count += 1;
    if (finding.waivedBy) group.waived += 1;
    if (!group.checks.includes(finding.check)) group.checks.push(finding.check);
    groups.set(key, group);
  }
  return [...groups.values()];
}
