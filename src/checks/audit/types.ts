/**
 * @module checks/audit/types
 * The client audit's data: scenarios (a fault and what it stands for), what the client did under each, and the
 * rules it was judged by.
 */
import type { Finding } from '../../classify/types.js';
import type { Area, ClauseRef } from '../../contract/index.js';
import type { Attempt, FaultSpec } from '../../proxy/index.js';
import type { AuditRuleId, AuditScenarioName } from './codes.js';

/** What a scenario's fault stands for; rules apply by kind. */
export type ScenarioKind =
  | 'baseline'
  | 'invalid-request'
  | 'auth'
  | 'rate-limit'
  | 'transient'
  | 'persistent-failure'
  | 'should-not-retry'
  | 'timeout'
  | 'broken-stream'
  | 'cut-stream'
  | 'parser'
  | 'missing-field'
  | 'slow';

/** A client-audit scenario as planned: the fault the client runs under, what it stands for, what judges it. */
export interface AuditScenario {
  name: AuditScenarioName;
  kind: ScenarioKind;
  /** What the fault does, in words. */
  description: string;
  /** The fault on the primary route, as data (empty for none); built into middleware by the proxy. */
  fault: FaultSpec;
  /** The clause the scenario is judged against. */
  clause: ClauseRef | null;
  area: Area;
  /** Set when the scenario cannot run (a clause it needs is pending); the reason. */
  notRun?: string;
  /** The pending clauses behind `notRun`, when that is why. */
  blockedBy?: readonly ClauseRef[];
  /** For the timeout scenario: how long the proxy holds the request before dropping it. */
  hangMs?: number;
  /** This scenario's own time limit, when it differs from the audit's (a stretched timeout scenario). */
  limitMs?: number;
}

/** Where a rule's expectation is written down. */
export type AuditRuleSource =
  | {
      kind: 'ledger';
      /** The clause whose value the rule applied. */
      ref: ClauseRef;
      /** The value, as the ledger states it. */
      quote: string;
    }
  | {
      kind: 'seed' | 'provider';
      /** Seed section, or document and symbol. */
      ref: string;
      /** The words the rule rests on. */
      quote: string;
    };

/** One rule judged in one scenario. `id` is the rule's stable name. */
export interface AuditRuleOutcome {
  id: AuditRuleId;
  ok: boolean;
  message: string;
  source: AuditRuleSource;
}

/** The local policy and contract values the rules need, read from the ledger (undefined when pending). */
export interface AuditPolicy {
  maxAttempts?: number;
  maxTotalWaitMs?: number;
  timeoutMs?: number;
  /** Variable the application reads its fallback base URL from; undefined when it has none. */
  fallbackVariable?: string;
  /** True when the ledger says the application has no fallback (`none`). */
  noFallback: boolean;
}

/** How the command ran under one scenario. */
export interface CommandRun {
  exitCode: number | null;
  signal: string | null;
  /** The command outlived the scenario's time limit and was stopped. */
  timedOut: boolean;
  durationMs: number;
  /** Why the command could not start, if it could not. */
  spawnError?: string;
  /** Last lines of output, redacted. */
  stdoutTail: string;
  stderrTail: string;
}

/** One logical call: the attempts that share a call key, in order. */
export interface CallObservation {
  callKey: string;
  attempts: Attempt[];
  /** Gaps between the end of one attempt and the start of the next, in ms. */
  delaysMs: number[];
  /** Retry waits the proxy asked for before each retry (ms), when it sent a retry signal. */
  askedWaitMs: (number | undefined)[];
  /**
   * Before each retry, the time from when the previous answer's headers (which carry any retry signal) were
   * written to when the retry arrived (ms); undefined when that answer had no headers. The reference point of
   * `askedWaitMs`, so the two compare fairly.
   */
  sinceSignalMs: (number | undefined)[];
  /** Routes and models the call used, first one first. */
  routes: string[];
  models: string[];
}

/** One logical call as `audit.scenarios[].calls[]` reports it. */
export interface CallSummary {
  /** A streaming request (`stream: true`) rather than a JSON one. */
  stream: boolean;
  /** Requests sent for this call: 1 when it was never retried. */
  attempts: number;
  /** Waits between those requests, in ms (one fewer than `attempts`). */
  delaysMs: number[];
  /** Proxy routes the attempts took (`primary`, `fallback`), first one first. */
  routes: string[];
}

/** What the client did under one scenario, judged: as `audit-client --json` prints it under `audit.scenarios[]`. */
export interface AuditScenarioResult {
  name: string;
  kind: ScenarioKind;
  description: string;
  /** The fault in its text form (`sequence:1xstatus:503`; empty for none), as `--fault` would take it. */
  fault: string;
  /**
   * The most requests any one logical call took (a call is one request the client means to make, with its
   * retries): 1 means nothing was retried, 0 that no request was made.
   */
  attempts: number;
  /** Every wait between a request and its retry, call after call, in ms. */
  delaysMs: number[];
  /** Each logical call, in the order the client first made it. */
  calls: CallSummary[];
  /** Every request the client sent, across all its calls. */
  totalAttempts: number;
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  /** The last line the command wrote on stderr (redacted, control characters removed, cut short), if any. */
  stderrLine?: string;
  class: Finding['class'];
  rules: AuditRuleOutcome[];
  finding: Finding;
  /** The redacted attempt log of the scenario. */
  log: Attempt[];
}

/**
 * What the review packet keeps of a scenario's result (`packet.json` `audit.scenarios[]`): what the client did
 * and the rules it was judged by, without the attempt log and output the finding already carries.
 */
export type AuditScenarioRecord = Pick<
  AuditScenarioResult,
  'name' | 'attempts' | 'delaysMs' | 'exitCode' | 'class' | 'rules'
>;

export interface AuditResult {
  scenarios: AuditScenarioResult[];
  findings: Finding[];
  /** True when every scenario ran (none `not-run`) and none ended in `documented-not-handled` or `unexpected`. */
  passed: boolean;
  /** Set when Ctrl-C or SIGTERM stopped the audit (`partialOnInterrupt`): the rest of the scenarios are `not-run`. */
  incomplete?: true;
}
