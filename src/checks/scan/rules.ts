/**
 * @module checks/scan/rules
 * The scan's fixed rule vocabulary: each rule id once, with the clause it is judged against and the help text
 * SARIF consumers show. Adding a rule means adding it here; the union type is this table.
 */
import { CLAUSE, type ClauseId } from '../../contract/index.js';

export const SCAN_RULE_IDS = [
  'hardcoded-base-url',
  'hardcoded-chat-path',
  'hardcoded-auth-header',
  'hardcoded-model-id',
  'hardcoded-retry-count',
  'hardcoded-timeout',
  'hardcoded-token-budget',
  'hardcoded-price',
  'inline-secret',
  'config-value',
] as const;
export type ScanRuleId = (typeof SCAN_RULE_IDS)[number];

export interface ScanRule {
  id: ScanRuleId;
  /** One line, shown as SARIF `shortDescription` and in the text report. */
  title: string;
  /** What to do about it; SARIF `help.text`. */
  help: string;
  /** SARIF level: endpoint, auth and secrets block the review; the rest are warnings or notes. */
  level: 'error' | 'warning' | 'note';
  /** The clause a finding of this rule is judged against, unless the finding names a more precise one. */
  clause: ClauseId | null;
}

export const SCAN_RULES: Readonly<Record<ScanRuleId, ScanRule>> = {
  'hardcoded-base-url': {
    id: 'hardcoded-base-url',
    title: 'Chat API base URL written in code',
    help: 'Read the base URL from configuration or the environment, or name this file and line as the implementation evidence of endpoint.base-url in the ledger.',
    level: 'error',
    clause: CLAUSE.baseUrl,
  },
  'hardcoded-chat-path': {
    id: 'hardcoded-chat-path',
    title: 'Chat completions path written in code',
    help: 'Name this file and line as the implementation evidence of endpoint.chat-path, or let the SDK build the path from a configured base URL.',
    level: 'error',
    clause: CLAUSE.chatPath,
  },
  'hardcoded-auth-header': {
    id: 'hardcoded-auth-header',
    title: 'Auth header or scheme set in code',
    help: 'Name this file and line as the implementation evidence of auth.header (the header) or auth.scheme (a `Bearer ` prefix), so the review can trace it to the documented scheme.',
    level: 'error',
    clause: CLAUSE.authHeader,
  },
  'hardcoded-model-id': {
    id: 'hardcoded-model-id',
    title: 'Model id passed to the chat API as a literal',
    help: 'Read the model id from configuration, or name this location as the implementation evidence of request.model-id.',
    level: 'warning',
    clause: CLAUSE.modelId,
  },
  'hardcoded-retry-count': {
    id: 'hardcoded-retry-count',
    title: 'Retry count of the chat client written in code',
    help: 'Name this location as the implementation evidence of policy.max-attempts, or read it from configuration.',
    level: 'warning',
    clause: CLAUSE.maxAttempts,
  },
  'hardcoded-timeout': {
    id: 'hardcoded-timeout',
    title: 'Timeout of the chat client written in code',
    help: 'Name this location as the implementation evidence of policy.timeout-ms, or read it from configuration.',
    level: 'warning',
    clause: CLAUSE.timeoutMs,
  },
  'hardcoded-token-budget': {
    id: 'hardcoded-token-budget',
    title: 'Token cap of a chat request written in code',
    help: 'Name this location as the implementation evidence of request.max-tokens-field, or read the cap from configuration.',
    level: 'warning',
    clause: CLAUSE.maxTokensField,
  },
  'hardcoded-price': {
    id: 'hardcoded-price',
    title: 'Token price written in code',
    help: 'Prices change: cite them in billing.units with a source and name this location as its implementation evidence.',
    level: 'warning',
    clause: CLAUSE.billingUnits,
  },
  'inline-secret': {
    id: 'inline-secret',
    title: 'Secret written in the source',
    help: 'Remove the secret from the repository, rotate it, and read it from a reference (auth.key-ref: env:NAME or file:PATH).',
    level: 'error',
    clause: CLAUSE.keyRef,
  },
  'config-value': {
    id: 'config-value',
    title: 'Contract value held in a configuration file',
    help: 'Not a defect: this is where the value is configured. Name it as the clause implementation evidence so the review can verify it.',
    level: 'note',
    clause: null,
  },
};

/** Rules whose untraceable findings fail the scan (exit 1) and the review. */
export const BLOCKING_RULES: ReadonlySet<ScanRuleId> = new Set<ScanRuleId>([
  'hardcoded-base-url',
  'hardcoded-chat-path',
  'hardcoded-auth-header',
  'inline-secret',
]);
