/**
 * @module verdict/types
 * What the verdict engine takes and returns. Plain data: the packet renders it, scripts read it.
 */
import type { Finding } from '../classify/types.js';
import type { ClauseRef, Contract } from '../contract/index.js';

export const VERDICTS = ['pass', 'fail', 'escalate'] as const;
/** The review's decision; also the exit code (0 pass, 1 fail, 2 escalate). */
export type Verdict = (typeof VERDICTS)[number];

/** What breaking a rule does: block a pass, fail the review, or escalate it. */
export type RuleEffect = 'required-for-pass' | 'fail' | 'escalate';

export interface VerdictInput {
  contract: Contract;
  /** Every check's findings; the client audit is judged by its own (`audit:<scenario>`, one per scenario). */
  findings: readonly Finding[];
  /** Today's date `YYYY-MM-DD` (UTC); waivers that expired before it no longer apply. Passed in, never read. */
  today: string;
  /** True when the review was interrupted: an incomplete review never passes. */
  incomplete?: boolean;
}

/** Something a rule points at: a clause, a finding (`check:code`), or a whole area. */
export interface RuleItem {
  kind: 'clause' | 'finding' | 'area' | 'review';
  ref: string;
  /** For a finding: the clause it was judged against (a clause waiver covers it too). */
  clause?: ClauseRef | null;
  message: string;
  /** True when the item is a clause nobody has filled in yet (pending), not one that is wrong. */
  pending?: boolean;
  /** The waiver target that covers this item, when an active waiver does. */
  waivedBy?: string;
  /** What to change so this item no longer keeps its rule from holding (the route to a pass). */
  hint?: string;
}

export type RuleStatus = 'satisfied' | 'violated' | 'waived';

export interface RuleResult {
  id: string;
  title: string;
  effect: RuleEffect;
  /** The review's words this rule enforces, quoted. */
  seed: string;
  status: RuleStatus;
  /** What broke the rule (waived items included, marked); empty when satisfied. */
  items: RuleItem[];
}

/** What a reason says about its rule. */
export type ReasonOutcome = 'met' | 'not met' | 'waived';

/** Why the verdict is what it is: one per rule that decided it. */
export interface Reason {
  rule: string;
  effect: RuleEffect;
  seed: string;
  /** The rule's title, e.g. `Invalid requests are not retried`. */
  title: string;
  outcome: ReasonOutcome;
  /** The whole sentence: title, outcome and the first items, for readers of the JSON. */
  message: string;
  clauses: string[];
  findings: string[];
  /** For a rule not met: what to change, one line per distinct step, from its open items. */
  hints: string[];
}

export type WaiverState = 'active' | 'expired';

export interface WaiverStatus {
  target: string;
  justification: string;
  approver: string;
  expires: string;
  state: WaiverState;
  /** Items this waiver covered (active) or would have covered (expired). */
  covers: string[];
}

export interface VerdictResult {
  verdict: Verdict;
  incomplete: boolean;
  reasons: Reason[];
  rules: RuleResult[];
  waivers: WaiverStatus[];
}

/** A rule: its identity, its quote, and a pure evaluation returning the items that break it. */
export interface Rule {
  id: string;
  title: string;
  effect: RuleEffect;
  seed: string;
  /** Items that break the rule, before waivers. Empty means satisfied. */
  evaluate(input: VerdictInput): RuleItem[];
}

/** `check:code`: how findings are named in reasons and waiver targets. */
export function findingKey(finding: Pick<Finding, 'check' | 'code'>): string {
  return `${finding.check}:${finding.code}`;
}
