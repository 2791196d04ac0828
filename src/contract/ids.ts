/**
 * @module contract/ids
 * The names checks use for clauses and documentation sources, so no id is spelled twice.
 */

import type { Area, JsonValue } from './schema.js';

/** Ids of the three documentation sources the operator review names. */
export const SOURCE_IDS = {
  chatDocs: 'chat-api-docs',
  docsIndex: 'docs-index',
  helpCenter: 'help-center',
} as const;

/** Clause ids by name, so checks never spell an id twice. */
export const CLAUSE = {
  baseUrl: 'endpoint.base-url',
  chatPath: 'endpoint.chat-path',
  modelsPath: 'endpoint.models-path',
  baseUrlVariable: 'endpoint.base-url-variable',
  authHeader: 'auth.header',
  authScheme: 'auth.scheme',
  keyRef: 'auth.key-ref',
  modelField: 'request.model-field',
  modelId: 'request.model-id',
  requiredFields: 'request.required-fields',
  messagesField: 'request.messages-field',
  roleField: 'request.role-field',
  contentField: 'request.content-field',
  userRole: 'request.user-role',
  roles: 'request.roles',
  optionalParameters: 'request.optional-parameters',
  maxTokensField: 'request.max-tokens-field',
  streamField: 'request.stream-field',
  temperatureRange: 'request.temperature-range',
  contentPath: 'response.content-path',
  finishReasonPath: 'response.finish-reason-path',
  finishReasons: 'response.finish-reasons',
  responseFields: 'response.fields',
  parsedFields: 'response.parsed-fields',
  idField: 'response.id-field',
  usageFields: 'response.usage-fields',
  nullableFields: 'response.nullable-fields',
  streamDone: 'response.stream-done',
  streamUsage: 'response.stream-usage',
  fieldPresence: 'response.field-presence',
  fieldMeaning: 'response.field-meaning',
  mediaTypes: 'response.media-types',
  responseHeaders: 'response.headers',
  streamRules: 'response.stream-rules',
  errorEnvelope: 'errors.envelope',
  badAuth: 'errors.bad-auth',
  invalidRequest: 'errors.invalid-request',
  invalidModel: 'errors.invalid-model',
  rateLimit: 'errors.rate-limit',
  timeout: 'errors.timeout',
  upstreamFailure: 'errors.upstream-failure',
  wrongPath: 'errors.wrong-path',
  invalidRequest5xx: 'errors.invalid-request-5xx',
  requestId: 'errors.request-id',
  retryAfter: 'limits.retry-after',
  rateLimitValue: 'limits.rate-limit',
  billingUnits: 'billing.units',
  reviewBudget: 'billing.review-budget',
  timeoutMs: 'policy.timeout-ms',
  maxAttempts: 'policy.max-attempts',
  maxTotalWaitMs: 'policy.max-total-wait-ms',
  fallbackVariable: 'policy.fallback-variable',
  escalationPath: 'support.escalation-path',
  contractOwner: 'support.contract-owner',
  configLocation: 'support.config-location',
  fixturePath: 'support.fixture-path',
} as const;

/** Every clause id the catalogue knows: a literal union, so a misspelt or renamed id is a compile error. */
export type ClauseId = (typeof CLAUSE)[keyof typeof CLAUSE];

/** One clause the catalogue lists: its id, area, statement and the placeholder `init` writes. */
export interface CatalogueEntry {
  id: ClauseId;
  area: Area;
  statement: string;
  /** Placeholder written by `init`: an id, never a value. */
  placeholder: JsonValue;
  source: (typeof SOURCE_IDS)[keyof typeof SOURCE_IDS];
  basis?: 'contracted' | 'local';
  /** Evidence kinds the operator should collect (from the review's "implementation evidence" column). */
  evidence: readonly string[];
}
