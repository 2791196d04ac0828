/**
 * @module classify/codes
 * Every finding code as one literal union. Each check owns its table (`checks/<check>/codes.ts`, data with no
 * imports of its own; the scan's rule ids in `checks/scan/rules.ts` beside its `codes.ts`); the union joins them, so a finding, a verdict
 * rule and a waiver can only name a code some check emits, and renaming one is a compile error wherever it is used.
 */
import type { AuditCode } from '../checks/audit/codes.js';
import type { LedgerCode } from '../checks/ledger/codes.js';
import type { NegativeCode } from '../checks/negative/codes.js';
import type { ProbeCode } from '../checks/probe/codes.js';
import type { ScanCode } from '../checks/scan/codes.js';
import type { ScanRuleId } from '../checks/scan/rules.js';
import type { SourceCode } from '../checks/sources/codes.js';
import type { TrafficOwnCode } from '../checks/traffic/codes.js';

/** A finding code any check emits. */
export type FindingCode =
  | ProbeCode
  | NegativeCode
  | AuditCode
  | SourceCode
  | TrafficOwnCode
  | ScanRuleId
  | ScanCode
  | LedgerCode;

export type {
  AuditCode,
  LedgerCode,
  NegativeCode,
  ProbeCode,
  ScanCode,
  ScanRuleId,
  SourceCode,
  TrafficOwnCode,
};
