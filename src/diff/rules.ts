/**
 * @module diff/rules
 * The rules that grade a change between two reviews, defined once: each has an id, the kind of change it
 * grades, its grade and the reason in one sentence. `chatproof diff --help` and the README list them.
 */
import type { ChangeGrade, ChangeKind } from '../report/schema-comparison.js';

export interface DiffRule {
  kind: ChangeKind;
  grade: ChangeGrade;
  says: string;
}

export const DIFF_RULES = {
  'verdict-worse': {
    kind: 'verdict',
    grade: 'breaking',
    says: 'the verdict moved away from pass',
  },
  'verdict-better': { kind: 'verdict', grade: 'info', says: 'the verdict moved towards pass' },
  'parsed-field-removed': {
    kind: 'response-field-removed',
    grade: 'breaking',
    says: 'a field the application parses (response.parsed-fields, usage, content, finish reason) is gone',
  },
  'documented-field-removed': {
    kind: 'response-field-removed',
    grade: 'breaking',
    says: 'a field response.fields documents is gone',
  },
  'undocumented-field-removed': {
    kind: 'response-field-removed',
    grade: 'warning',
    says: 'a field no clause documents is gone; nothing should read it, but something might',
  },
  'field-added': {
    kind: 'response-field-added',
    grade: 'info',
    says: 'a new field appeared; additive changes break no parser that ignores unknown keys',
  },
  'documented-field-type': {
    kind: 'response-field-type',
    grade: 'breaking',
    says: 'a documented or parsed field changed its JSON type',
  },
  'undocumented-field-type': {
    kind: 'response-field-type',
    grade: 'warning',
    says: 'an undocumented field changed its JSON type',
  },
  'field-now-intermittent': {
    kind: 'response-field-presence',
    grade: 'warning',
    says: 'a field that was in every response or chunk is now missing from some',
  },
  'field-now-constant': {
    kind: 'response-field-presence',
    grade: 'info',
    says: 'a field that was missing from some responses or chunks is now in all of them',
  },
  'field-now-null': {
    kind: 'response-field-nullability',
    grade: 'breaking',
    says: 'a documented or parsed field is now null and response.nullable-fields does not allow it',
  },
  'field-null-allowed': {
    kind: 'response-field-nullability',
    grade: 'info',
    says: 'a field is now null, which response.nullable-fields allows (or no clause documents the field)',
  },
  'field-no-longer-null': {
    kind: 'response-field-nullability',
    grade: 'info',
    says: 'a field that was null now has a value',
  },
  'error-status-changed': {
    kind: 'error-status',
    grade: 'breaking',
    says: "a negative case's status code changed: error classifiers branch on it",
  },
  'error-envelope-changed': {
    kind: 'error-envelope',
    grade: 'breaking',
    says: "a negative case's error envelope lost a key, changed its type or code, or is no longer JSON",
  },
  'error-envelope-extended': {
    kind: 'error-envelope',
    grade: 'info',
    says: "a negative case's error envelope gained a key",
  },
  'finding-now-unexpected': {
    kind: 'finding-class',
    grade: 'breaking',
    says: 'a finding is now unexpected: observed behaviour contradicts its source',
  },
  'finding-worse': {
    kind: 'finding-class',
    grade: 'warning',
    says: 'a finding moved to a more serious class (configuration, not handled, not run, or observed but not documented)',
  },
  'finding-better': { kind: 'finding-class', grade: 'info', says: 'a finding moved to a better class' },
  'new-unexpected-finding': {
    kind: 'finding-added',
    grade: 'breaking',
    says: 'a new finding is unexpected: observed behaviour contradicts its source',
  },
  'new-open-finding': {
    kind: 'finding-added',
    grade: 'warning',
    says: 'a new finding is not handled, not run, or observed but not documented',
  },
  'new-handled-finding': { kind: 'finding-added', grade: 'info', says: 'a new finding is handled' },
  'finding-gone': {
    kind: 'finding-removed',
    grade: 'info',
    says: 'a finding of the earlier review is no longer reported',
  },
  'audit-rule-broken': {
    kind: 'audit-rule',
    grade: 'breaking',
    says: 'a client-audit rule that held now breaks',
  },
  'audit-rule-fixed': { kind: 'audit-rule', grade: 'info', says: 'a client-audit rule that broke now holds' },
  'audit-attempts-changed': {
    kind: 'audit-attempts',
    grade: 'warning',
    says: 'the client makes a different number of attempts under the same fault',
  },
  'audit-waits-changed': {
    kind: 'audit-waits',
    grade: 'warning',
    says: 'the median wait between attempts moved by more than half and more than 100 ms',
  },
  'latency-p95-doubled': {
    kind: 'latency',
    grade: 'warning',
    says: 'p95 latency at least doubled and grew by at least 250 ms',
  },
  'latency-shifted': {
    kind: 'latency',
    grade: 'info',
    says: 'median or p95 latency moved by more than 20% and more than 5 ms',
  },
  'model-id-changed': {
    kind: 'model-id',
    grade: 'warning',
    says: 'the ledger asks for a different model (request.model-id)',
  },
  'echoed-model-changed': {
    kind: 'model-echo',
    grade: 'breaking',
    says: 'the response names a different model while the requested model id is unchanged',
  },
  'echoed-model-followed': {
    kind: 'model-echo',
    grade: 'info',
    says: 'the response names a different model because the requested model id changed',
  },
  'source-quote-changed': {
    kind: 'source-quote',
    grade: 'warning',
    says: "a clause's cited passage or document changed: re-read the source",
  },
  'source-hash-changed': {
    kind: 'source-hash',
    grade: 'warning',
    says: 'a cited document hashes differently than at the earlier review',
  },
  'clause-added': { kind: 'clause-added', grade: 'info', says: 'the ledger gained a clause' },
  'clause-removed': { kind: 'clause-removed', grade: 'warning', says: 'the ledger lost a clause' },
  'clause-now-pending': {
    kind: 'clause-value',
    grade: 'warning',
    says: "a clause's value is a placeholder again: checks that need it no longer run",
  },
  'clause-value-changed': {
    kind: 'clause-value',
    grade: 'warning',
    says: "a clause's value changed: the contract the review checks against moved",
  },
  'clause-source-changed': {
    kind: 'clause-source',
    grade: 'info',
    says: "a clause's source title, URL or access date changed",
  },
  'clause-owner-changed': { kind: 'clause-owner', grade: 'info', says: "a clause's owner changed" },
} as const satisfies Record<string, DiffRule>;

export type DiffRuleId = keyof typeof DIFF_RULES;
