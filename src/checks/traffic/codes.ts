/**
 * @module checks/traffic/codes
 * The finding codes the traffic check adds to those of the probe and negative judges it reuses. The type is the
 * table: a code not listed here does not compile.
 */
import type { NegativeCode } from '../negative/codes.js';
import type { ProbeCode } from '../probe/codes.js';

export const TRAFFIC_CODES = ['model-undocumented', 'nothing-judged', 'status-undocumented'] as const;
export type TrafficOwnCode = (typeof TRAFFIC_CODES)[number];

/** Any code a traffic finding can carry: its own, or one from the judges it shares with probe and negative. */
export type TrafficCode = TrafficOwnCode | ProbeCode | NegativeCode;

/** The traffic audit's check name; its findings are named per clause, `traffic:<clause>` (`classify/checks.ts`). */
export const TRAFFIC_CHECK = 'traffic';
