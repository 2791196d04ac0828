/**
 * @module contract/catalogue
 * Every clause the operator review names, with the placeholder `chatproof init` writes for it. Checks look
 * clauses up by these ids. No provider value lives here: every value is a placeholder.
 */
import { OPERATION_ENTRIES } from './catalogue-operations.js';
import { SOURCE_IDS } from './ids.js';
import type { Area, JsonValue } from './schema.js';

export { CLAUSE, SOURCE_IDS } from './ids.js';

export interface CatalogueEntry {
  id: string;
  area: Area;
  statement: string;
  /** Placeholder written by `init`: an id, never a value. */
  placeholder: JsonValue;
  source: (typeof SOURCE_IDS)[keyof typeof SOURCE_IDS];
  basis?: 'contracted' | 'local';
  /** Evidence kinds the operator should collect (from the review's "implementation evidence" column). */
  evidence: readonly string[];
}

/** The full catalogue, in the order the review lists areas. */
export const CATALOGUE: readonly CatalogueEntry[] = [
  // endpoint
  {
    id: 'endpoint.base-url',
    area: 'endpoint',
    statement: 'The service calls this base URL.',
    placeholder: '<COMETAPI_BASE_URL_FROM_DOCS>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['config', 'code'],
  },
  {
    id: 'endpoint.chat-path',
    area: 'endpoint',
    statement: 'Chat completions are requested with POST on this path, relative to the base URL.',
    placeholder: '<COMETAPI_CHAT_PATH_FROM_DOCS>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['config', 'code'],
  },
  {
    id: 'endpoint.models-path',
    area: 'endpoint',
    statement: 'The model list is served with GET on this path, relative to the base URL.',
    placeholder: '<MODELS_PATH_FROM_DOCS>',
    source: SOURCE_IDS.docsIndex,
    evidence: ['config'],
  },
  {
    id: 'endpoint.base-url-variable',
    area: 'endpoint',
    statement: 'The application reads its base URL from this environment variable.',
    placeholder: '<BASE_URL_ENV_VARIABLE>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['config'],
  },
  // auth
  {
    id: 'auth.header',
    area: 'auth',
    statement: 'Requests carry the key in this header.',
    placeholder: '<AUTH_HEADER_FROM_DOCS>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'test'],
  },
  {
    id: 'auth.scheme',
    area: 'auth',
    statement: 'The header value is the key prefixed with this scheme (empty when the key stands alone).',
    placeholder: '<AUTH_SCHEME_FROM_DOCS>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'test'],
  },
  {
    id: 'auth.key-ref',
    area: 'auth',
    statement: 'The key is read from this secret reference (env:NAME or file:PATH), never stored inline.',
    placeholder: '<SECRET_REFERENCE>',
    source: SOURCE_IDS.chatDocs,
    basis: 'local',
    evidence: ['config', 'runbook'],
  },
  // request
  {
    id: 'request.model-field',
    area: 'request',
    statement: 'The model is selected with this request field.',
    placeholder: '<MODEL_FIELD_FROM_DOCS>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'test'],
  },
  {
    id: 'request.model-id',
    area: 'request',
    statement: 'The service uses this model id, validated against the model list or documented evidence.',
    placeholder: '<VALIDATED_MODEL_ID>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['config', 'test'],
  },
  {
    id: 'request.required-fields',
    area: 'request',
    statement: 'A valid chat request must carry these fields.',
    placeholder: ['<REQUIRED_REQUEST_FIELDS_FROM_DOCS>'],
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'test'],
  },
  {
    id: 'request.messages-field',
    area: 'request',
    statement: 'The conversation is sent in this array field.',
    placeholder: '<MESSAGES_ARRAY_FIELD_FROM_DOCS>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'test'],
  },
  {
    id: 'request.role-field',
    area: 'request',
    statement: 'Each message names its author in this field.',
    placeholder: '<ROLE_FIELD_FROM_DOCS>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['code'],
  },
  {
    id: 'request.content-field',
    area: 'request',
    statement: 'Each message carries its text in this field.',
    placeholder: '<CONTENT_FIELD_FROM_DOCS>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['code'],
  },
  {
    id: 'request.user-role',
    area: 'request',
    statement: 'A user message uses this role value.',
    placeholder: '<USER_ROLE_VALUE_FROM_DOCS>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['code'],
  },
  {
    id: 'request.roles',
    area: 'request',
    statement: 'These role values are allowed.',
    placeholder: ['<ALLOWED_ROLES_FROM_DOCS>'],
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'test'],
  },
  {
    id: 'request.optional-parameters',
    area: 'request',
    statement: 'These optional request parameters are documented and may be sent.',
    placeholder: ['<OPTIONAL_PARAMETERS_FROM_DOCS>'],
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'test'],
  },
  {
    id: 'request.max-tokens-field',
    area: 'request',
    statement: 'The completion length is capped with this field.',
    placeholder: '<MAX_TOKENS_FIELD_FROM_DOCS>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['code'],
  },
  {
    id: 'request.stream-field',
    area: 'request',
    statement: 'Streaming (server-sent events) is requested with this boolean field.',
    placeholder: '<STREAM_FIELD_FROM_DOCS>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'test'],
  },
  {
    id: 'request.temperature-range',
    area: 'request',
    statement: 'The temperature parameter accepts values in this inclusive range [min, max].',
    placeholder: ['<TEMPERATURE_MIN_FROM_DOCS>', '<TEMPERATURE_MAX_FROM_DOCS>'],
    source: SOURCE_IDS.chatDocs,
    basis: 'contracted',
    evidence: ['test'],
  },
  // response
  {
    id: 'response.content-path',
    area: 'response',
    statement: 'The application reads the completion text at this path.',
    placeholder: '<CONTENT_LOCATION_FROM_DOCS>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'test'],
  },
  {
    id: 'response.finish-reason-path',
    area: 'response',
    statement: 'The completion status is read at this path.',
    placeholder: '<COMPLETION_STATUS_FIELD_FROM_DOCS>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['code'],
  },
  {
    id: 'response.finish-reasons',
    area: 'response',
    statement: 'The completion status takes one of these documented values.',
    placeholder: ['<FINISH_REASON_VALUES_FROM_DOCS>'],
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'test'],
  },
  {
    id: 'response.fields',
    area: 'response',
    statement: 'A successful response documents these fields (paths; `[]` marks array items).',
    placeholder: ['<RESPONSE_FIELDS_FROM_DOCS>'],
    source: SOURCE_IDS.chatDocs,
    evidence: ['test'],
  },
  {
    id: 'response.parsed-fields',
    area: 'response',
    statement: 'The application parses these response fields; each must be documented.',
    placeholder: ['<FIELDS_THE_PARSER_READS>'],
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'test'],
  },
  {
    id: 'response.id-field',
    area: 'response',
    statement: 'The completion id is read from this field.',
    placeholder: '<ID_FIELD_FROM_DOCS>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['code'],
  },
  {
    id: 'response.usage-fields',
    area: 'response',
    statement: 'Token usage is reported in these fields.',
    placeholder: ['<USAGE_FIELDS_FROM_DOCS>'],
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'test', 'dashboard'],
  },
  {
    id: 'response.nullable-fields',
    area: 'response',
    statement: 'These response fields may be null and the parser handles null.',
    placeholder: ['<NULLABLE_FIELDS_FROM_DOCS>'],
    source: SOURCE_IDS.chatDocs,
    evidence: ['test'],
  },
  {
    id: 'response.stream-done',
    area: 'response',
    statement: 'A stream ends with this sentinel data line.',
    placeholder: '<STREAM_TERMINATOR_FROM_DOCS>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'test'],
  },
  {
    id: 'response.stream-usage',
    area: 'response',
    statement: 'Whether a final usage chunk is documented for streams that ask for it (true or false).',
    placeholder: '<STREAM_USAGE_CHUNK_DOCUMENTED>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['code'],
  },
  ...OPERATION_ENTRIES,
];
