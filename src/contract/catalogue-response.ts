/**
 * @module contract/catalogue-response
 * The clause table's response clauses: fields, paths, stream behaviour, presence, meaning, media types, headers.
 */
import { z } from 'zod';
import { defineClauses, SOURCE_IDS } from './ids.js';
import { byAnswer, FieldMeaningSchema, name, names, path, paths, SYNTAXES } from './value-schemas.js';

/** Clauses of the `response` area, in review order. */
export const RESPONSE_CLAUSES = defineClauses([
  // response
  {
    key: 'contentPath',
    id: 'response.content-path',
    area: 'response',
    statement: 'The application reads the completion text at this path.',
    placeholder: '<CONTENT_LOCATION_FROM_DOCS>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'test'],
    value: path,
  },
  {
    key: 'finishReasonPath',
    id: 'response.finish-reason-path',
    area: 'response',
    statement: 'The completion status is read at this path.',
    placeholder: '<COMPLETION_STATUS_FIELD_FROM_DOCS>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['code'],
    value: path,
  },
  {
    key: 'finishReasons',
    id: 'response.finish-reasons',
    area: 'response',
    statement: 'The completion status takes one of these documented values.',
    placeholder: ['<FINISH_REASON_VALUES_FROM_DOCS>'],
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'test'],
    value: names.min(1),
  },
  {
    key: 'responseFields',
    id: 'response.fields',
    area: 'response',
    statement: 'A successful response documents these fields (paths; `[]` marks array items).',
    placeholder: ['<RESPONSE_FIELDS_FROM_DOCS>'],
    source: SOURCE_IDS.chatDocs,
    evidence: ['test'],
    value: z.array(path).min(1),
  },
  {
    key: 'parsedFields',
    id: 'response.parsed-fields',
    area: 'response',
    statement: 'The application parses these response fields; each must be documented.',
    placeholder: ['<FIELDS_THE_PARSER_READS>'],
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'test'],
    value: z.array(path),
  },
  {
    key: 'idField',
    id: 'response.id-field',
    area: 'response',
    statement: 'The completion id is read from this field.',
    placeholder: '<ID_FIELD_FROM_DOCS>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['code'],
    value: path,
  },
  {
    key: 'usageFields',
    id: 'response.usage-fields',
    area: 'response',
    statement: 'Token usage is reported in these fields.',
    placeholder: ['<USAGE_FIELDS_FROM_DOCS>'],
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'test', 'dashboard'],
    value: z.array(path),
  },
  {
    key: 'nullableFields',
    id: 'response.nullable-fields',
    area: 'response',
    statement: 'These response fields may be null and the parser handles null.',
    placeholder: ['<NULLABLE_FIELDS_FROM_DOCS>'],
    source: SOURCE_IDS.chatDocs,
    evidence: ['test'],
    value: z.array(path),
  },
  {
    key: 'streamDone',
    id: 'response.stream-done',
    area: 'response',
    statement: 'A stream ends with this sentinel data line.',
    placeholder: '<STREAM_TERMINATOR_FROM_DOCS>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'test'],
    value: name,
  },
  {
    key: 'streamUsage',
    id: 'response.stream-usage',
    area: 'response',
    statement: 'Whether a final usage chunk is documented for streams that ask for it (true or false).',
    placeholder: '<STREAM_USAGE_CHUNK_DOCUMENTED>',
    source: SOURCE_IDS.chatDocs,
    evidence: ['code'],
    value: z.boolean(),
  },
  {
    key: 'fieldPresence',
    id: 'response.field-presence',
    area: 'response',
    statement:
      'Whether each documented response field is always present: `required`, `optional` (may be omitted) or `unstated` (the documents do not say); `maps` are objects whose keys are free.',
    placeholder: {
      required: ['<ALWAYS_PRESENT_FIELDS_FROM_DOCS>'],
      optional: ['<OPTIONAL_FIELDS_FROM_DOCS>'],
    },
    source: SOURCE_IDS.chatDocs,
    evidence: ['test'],
    value: z.strictObject({
      required: paths.optional(),
      optional: paths.optional(),
      unstated: paths.optional(),
      maps: paths.optional(),
    }),
  },
  {
    key: 'fieldMeaning',
    id: 'response.field-meaning',
    area: 'response',
    statement:
      'What documented fields mean, per answer (`json`, `stream`, `models`, `error`): type, allowed values, range, unit, and relations such as a total that is the sum of its parts.',
    placeholder: { json: { '<FIELD_PATH>': { type: '<TYPE_FROM_DOCS>' } } },
    source: SOURCE_IDS.chatDocs,
    evidence: ['test'],
    value: byAnswer(z.record(path, FieldMeaningSchema)),
  },
  {
    key: 'mediaTypes',
    id: 'response.media-types',
    area: 'response',
    statement:
      'The media type (Content-Type) of each answer: `json`, `stream`, `models`, `error`; `errorStatuses`: the error statuses the `error` media type is documented for (`429`, `4XX`), when the documents state it for some only.',
    placeholder: { json: '<MEDIA_TYPE_FROM_DOCS>' },
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'test'],
    value: byAnswer(
      z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'expected a media type like `application/json`'),
    ).extend({
      errorStatuses: z
        .array(z.string().regex(/^[45](\d\d|XX)$/, 'expected a status like `429` or `4XX`'))
        .min(1)
        .optional(),
    }),
  },
  {
    key: 'responseHeaders',
    id: 'response.headers',
    area: 'response',
    statement:
      'Documented response headers and the syntax of their values (`integer`, `seconds`, `seconds-or-http-date`, `milliseconds`, `duration`, `token`); an empty map when none is documented.',
    placeholder: { '<HEADER_NAME_FROM_DOCS>': '<SYNTAX>' },
    source: SOURCE_IDS.docsIndex,
    evidence: ['code', 'test'],
    value: z.record(z.string().regex(/^[a-z0-9-]+$/, 'header names in lower case'), z.enum(SYNTAXES)),
  },
  {
    key: 'streamRules',
    id: 'response.stream-rules',
    area: 'response',
    statement:
      'What the documents say about a stream: every chunk has the same id (`sameId`), the final choice chunk carries the completion status (`finalFinishReason`), the usage chunk has no choices (`usageChunkNoChoices`).',
    placeholder: { sameId: '<DOCUMENTED_TRUE_OR_FALSE>' },
    source: SOURCE_IDS.chatDocs,
    evidence: ['code', 'test'],
    value: z.strictObject({
      sameId: z.boolean().optional(),
      finalFinishReason: z.boolean().optional(),
      usageChunkNoChoices: z.boolean().optional(),
    }),
  },
]);
