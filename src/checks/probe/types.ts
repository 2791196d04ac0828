/**
 * @module checks/probe/types
 * What `runProbe` returns: the versioned document `chatproof probe --json` prints. Fields are only added.
 */
import type { CheckName, ClassSummary, Finding } from '../../classify/index.js';
import type { Timings } from '../../http/index.js';
import type { BudgetLimits, BudgetStop } from './budget.js';
import type { ParserResult } from './judge-body.js';
import type { StreamSummary } from './judge-stream.js';
import type { ModelValidation } from './model.js';
import type { RunRefusal } from './refusal.js';
import type { TargetOverride } from './target.js';

/** The target as recorded: URLs (redacted), the key reference (never the key), and any overrides. */
export interface TargetRecord {
  baseUrl: string;
  url: string;
  keyRef: string;
  overrides: TargetOverride[];
}

export interface BudgetRecord {
  limits: BudgetLimits;
  used: { requests: number; tokens: number };
  stop?: BudgetStop;
}

/** Everything the seed's step 3 asks to record for one probe request. */
export interface ProbeRecord {
  check: CheckName;
  /** The URL the request went to (redacted). */
  endpoint: string;
  /** True when an HTTP answer came back (whatever its status). */
  reached: boolean;
  status?: number;
  /** Latency measured by chatproof's own client. */
  timings?: Timings;
  /** Redacted shape of the answer: path → JSON type. */
  shape?: Record<string, string>;
  parser: ParserResult;
  stream?: StreamSummary;
  /** The probe never retries; recorded because the seed asks for it. */
  retries: 0;
  requestId?: string;
  reproducer: string;
  error?: string;
}

/** Shared fields of the probe and negative documents. */
export interface RunDocument {
  schemaVersion: 1;
  startedAt: string;
  finishedAt: string;
  target?: TargetRecord;
  budget?: BudgetRecord;
  /** Pending clauses that kept some check from running. */
  pending: string[];
  /** Why the run did not open (nothing was sent); its `not-run` finding is among `findings`. */
  refused?: RunRefusal;
  findings: Finding[];
  summary: ClassSummary;
}

export interface ProbeResult extends RunDocument {
  command: 'probe';
  model?: ModelValidation;
  probes: ProbeRecord[];
}
