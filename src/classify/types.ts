/**
 * @module classify/types
 * Findings: an observation judged against the clauses, in exactly one class. Findings are data, never errors.
 */
import type { Area, ClauseRef, JsonValue } from '../contract/index.js';
import type { ChatproofErrorCode } from '../errors.js';
import type { Exchange, RunLimit } from '../http/types.js';
import type { CheckName } from './check-names.js';
import type { FindingCode } from './codes.js';

/**
 * The four classes of the operator review, plus `not-run` for checks that could not run and `configuration` for
 * an answer that shows chatproof was pointed at the wrong place or with the wrong key (a 401 on the model list,
 * a base URL without its version prefix, a server that is not the API): the operator's to fix, never the
 * provider's, so it fails the review and is never escalated.
 */
export const FINDING_CLASSES = [
  'documented-handled',
  'documented-not-handled',
  'observed-not-documented',
  'unexpected',
  'configuration',
  'not-run',
] as const;
export type FindingClass = (typeof FINDING_CLASSES)[number];

/** What a finding points at: the captured exchange, the reproducer, and what was expected versus seen. */
export interface FindingEvidence {
  /** Redacted request and response (never a secret). */
  exchange?: Exchange;
  /** `curl` command with the secret shown as its reference. */
  reproducer?: string;
  expected?: JsonValue;
  observed?: JsonValue;
  requestId?: string;
  /** Free-form, redacted details (e.g. the attempt list of a client-audit scenario). */
  details?: JsonValue;
}

interface FindingBase {
  /** Which check produced it, e.g. `probe`, `probe-stream`, `negative:missing-auth`, `audit:429-retry-after`. */
  check: CheckName;
  area: Area;
  /**
   * Clause the finding was judged against, a catalogue `ClauseId` or a ledger's own id (`clauseRef`); null when
   * no clause covers it. A misspelled catalogue id does not compile here.
   */
  clause: ClauseRef | null;
  /**
   * Every clause the check judged with this observation, `clause` first: the request clause a negative case
   * exercised, the policy clauses an audit scenario's rules applied. The clause table reads validation from it.
   */
  clauses?: ClauseRef[];
  /** Stable machine code of what was found, e.g. `status-matches`, `field-undocumented`: one of the checks' tables. */
  code: FindingCode;
  message: string;
  evidence: FindingEvidence;
}

export interface JudgedFinding extends FindingBase {
  class: Exclude<FindingClass, 'not-run'>;
}

export interface NotRunFinding extends FindingBase {
  class: 'not-run';
  /** Why the check could not run (pending clauses, unreachable target, budget spent, …), in words. */
  reason: string;
  /** The pending or missing clauses that kept it from running; absent when something else did. */
  blockedBy?: ClauseRef[];
  /** The local limit that ended it (the stall limit, the run deadline, our timeout), when one did. */
  limit?: RunLimit;
  /** What would let it run, when its producer knows better than the general route (see verdict/hints). */
  hint?: string;
  /** The chatproof error that kept it from running (a key reference that cannot be read), as its code. */
  error?: ChatproofErrorCode;
}

/** A finding, discriminated on `class`. */
export type Finding = JudgedFinding | NotRunFinding;
