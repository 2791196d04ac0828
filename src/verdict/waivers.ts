/**
 * @module verdict/waivers
 * A waiver accepts one clause or one finding (`check:code`) until its expiry date, with a justification and an
 * approver. An expired waiver covers nothing; every waiver is listed in the packet either way.
 */
import type { Waiver } from '../contract/index.js';
import type { RuleItem, WaiverState, WaiverStatus } from './types.js';

/** Active through its expiry date (inclusive); expired from the day after. Dates compare as `YYYY-MM-DD`. */
export function waiverState(waiver: Waiver, today: string): WaiverState {
  return waiver.expires >= today ? 'active' : 'expired';
}

/** True when the waiver names this item: its ref, or (for a finding) the clause it was judged against. */
export function waiverMatches(waiver: Waiver, item: RuleItem): boolean {
  return (
    waiver.target === item.ref || (item.kind === 'finding' && !!item.clause && waiver.target === item.clause)
  );
}

/** Marks the items active waivers cover and reports every waiver with what it covers. */
export function applyWaivers(
  waivers: readonly Waiver[],
  items: readonly RuleItem[],
  today: string,
): { items: RuleItem[]; statuses: WaiverStatus[] } {
  const statuses: WaiverStatus[] = waivers.map((waiver) => ({
    target: waiver.target,
    justification: waiver.justification,
    approver: waiver.approver,
    expires: waiver.expires,
    state: waiverState(waiver, today),
    covers: [],
  }));
  const marked = items.map((item) => {
    let waivedBy: string | undefined;
    waivers.forEach((waiver, index) => {
      if (!waiverMatches(waiver, item)) return;
      const status = statuses[index];
      if (!status) return;
      if (!status.covers.includes(item.ref)) status.covers.push(item.ref);
      if (status.state === 'active') waivedBy ??= waiver.target;
    });
    return waivedBy === undefined ? { ...item } : { ...item, waivedBy };
  });
  return { items: marked, statuses };
}
