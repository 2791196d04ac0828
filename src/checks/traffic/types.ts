/**
 * @module checks/traffic/types
 * What a traffic audit reads (one captured exchange per record) and what it returns: record counts, findings
 * aggregated by class, clause and code, and the model ids the capture used. Fields are only added.
 */

import type { FindingClass, FindingCode } from '../../classify/index.js';
import type { Area, JsonValue } from '../../contract/index.js';
import type { Exchange } from '../../http/index.js';

/** Why a record was not judged. Each is counted under `records.skipped`; none stops the run. */
export const SKIP_REASONS = [
  'blank',
  'truncated',
  'invalid-json',
  'not-utf8',
  'not-a-record',
  'no-response',
  'no-body',
  'binary-body',
  'undecodable-body',
  'too-large',
  'not-chat-api',
  'judge-error',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export type CaptureFormat = 'har' | 'jsonl';

/** Where a record sits: a JSON Lines line (1-based) or a HAR entry index (0-based, as in `log.entries[i]`). */
export type RecordRef = { file: string; line: number } | { file: string; entry: number };

/** One captured exchange, bodies decoded to text. */
export interface CapturedExchange {
  startedAt?: string;
  request: { method: string; url: string; headers: Record<string, string>; body?: string };
  response: { status: number; headers: Record<string, string>; body: string };
}

/** The first exchange that showed a finding, redacted. */
export interface TrafficExample {
  record: RecordRef;
  message: string;
  expected?: JsonValue;
  observed?: JsonValue;
  requestId?: string;
  /** The exchange, redacted (absent only where no exchange stands behind the finding). */
  exchange?: Exchange;
}

/** One finding over the whole capture: `count` is the number of exchanges that showed it. */
export interface TrafficFinding {
  class: FindingClass;
  /** The code the judges gave (a traffic code, or one of the probe and negative judges it reuses). */
  code: FindingCode;
  clause: string | null;
  area: Area;
  count: number;
  example: TrafficExample;
}

export type ModelValidationKind = 'ledger-validated' | 'models-endpoint' | 'not-validated';

/** A model id the capture's requests used. */
export interface TrafficModel {
  id: string;
  /** Chat requests that named it. */
  exchanges: number;
  /** True when it is the ledger's `request.model-id`. */
  inLedger: boolean;
  /** True when the ledger marks that model id `validated`. */
  ledgerValidated: boolean;
  /** True when a captured model-list answer named it. */
  listed: boolean;
  validation: ModelValidationKind;
  /** The first chat request that named it. */
  first: RecordRef;
}

export interface TrafficRecords {
  total: number;
  judged: number;
  skipped: Partial<Record<SkipReason, number>>;
}

/** `chatproof audit-traffic --json`, and `traffic.json`. */
export interface TrafficResult {
  schemaVersion: 1;
  command: 'audit-traffic';
  files: string[];
  /** `{k, n}` when this result covers every n-th record only (`--shard k/n`). */
  shard: { k: number; n: number } | null;
  records: TrafficRecords;
  findings: TrafficFinding[];
  models: TrafficModel[];
  /** Model ids captured model-list answers named (kept so shards merge exactly). */
  listedModels: string[];
}

/** Bytes `[start, end)` of a file: whole lines, the first of them line `firstLine` (1-based). */
export interface ByteRange {
  start: number;
  end: number;
  firstLine: number;
}
