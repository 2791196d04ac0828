/**
 * @module contract/values
 * The shape each catalogue clause's value takes once it is known, and typed readers for checks. A reader
 * returns `undefined` for a missing or pending clause: callers turn that into `not-run`, never into a default.
 */
import { z } from 'zod';
import { CLAUSE, type ClauseId } from './ids.js';

export type { ClauseId } from './ids.js';

import type { JsonValue } from './schema.js';

const name = z.string().min(1);
const names = z.array(name);
/** A response path: dots between keys, `[]` for "every item", `[0]` for one item: `choices[].message.content`. */
const path = z
  .string()
  .regex(
    /^[A-Za-z_][\w-]*(\[\d*\])?(\.[A-Za-z_][\w-]*(\[\d*\])?)*$/,
    'expected a path like `choices[0].message.content`',
  );
const statuses = z.union([
  z.number().int().min(100).max(599),
  z.array(z.number().int().min(100).max(599)).min(1),
]);

/** What an error case looks like: status (one or several), whether it may be retried, and the body. */
export const ErrorExpectationSchema = z.strictObject({
  status: statuses,
  retryable: z.boolean(),
  type: z.string().optional(),
  code: z.string().nullable().optional(),
  /** `json` (the error envelope, default), `html` (an HTML page) or `redirect` (a 3xx with Location). */
  body: z.enum(['json', 'html', 'redirect']).optional(),
});
export type ErrorExpectation = z.infer<typeof ErrorExpectationSchema>;

const paths = z.array(path);
const SYNTAXES = ['integer', 'seconds', 'seconds-or-http-date', 'milliseconds', 'duration', 'token'] as const;
export type HeaderSyntax = (typeof SYNTAXES)[number];
/** What one field means: its type, allowed values, range, unit, and the fields it is the sum of. */
const FieldMeaningSchema = z.strictObject({
  type: z.enum(['string', 'integer', 'number', 'boolean', 'object', 'array']).optional(),
  enum: z
    .array(z.union([z.string(), z.number(), z.boolean()]))
    .min(1)
    .optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  /**
   * `unix-seconds`: a time in seconds since 1970 (not milliseconds); `tokens`: a token count; `index`: the
   * item's position in its list, so the items of one list carry 0..n-1, each once.
   */
  unit: z.enum(['unix-seconds', 'tokens', 'index']).optional(),
  /**
   * For a `unix-seconds` time, how it relates to the clock of the request: `near` (made when it was asked
   * for, like a completion's `created`), `past` (made before it, like a model's `created`). Absent: the unit only.
   */
  clock: z.enum(['near', 'past']).optional(),
  /** The value equals the sum of these fields (when all of them are present). */
  sum: paths.min(1).optional(),
  /** The value does not exceed this field: a breakdown (`usage.*_details.*`) of its parent count. */
  atMost: path.optional(),
  /** A string that must not be empty. */
  nonEmpty: z.boolean().optional(),
});
export type FieldMeaning = z.infer<typeof FieldMeaningSchema>;
/** The answers a meaning or media-type clause can speak about. */
export const ANSWER_KINDS = ['json', 'stream', 'models', 'error'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];
const byAnswer = <T extends z.ZodType>(inner: T) =>
  z.strictObject({
    json: inner.optional(),
    stream: inner.optional(),
    models: inner.optional(),
    error: inner.optional(),
  });

/**
 * Each catalogue clause's value schema, by id. Every id has one (a new clause without a schema does not
 * compile), and the value's TypeScript type is read from it (`ClauseValue`).
 */
export const VALUE_SCHEMAS = {
  [CLAUSE.baseUrl]: z.url({ protocol: /^https?$/ }),
  [CLAUSE.chatPath]: z.string().startsWith('/'),
  [CLAUSE.modelsPath]: z.string().startsWith('/'),
  [CLAUSE.baseUrlVariable]: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
  [CLAUSE.authHeader]: z.string().regex(/^[A-Za-z0-9-]+$/),
  [CLAUSE.authScheme]: z.string(),
  [CLAUSE.keyRef]: z.string().regex(/^(env:[A-Za-z_][A-Za-z0-9_]*|file:.+)$/),
  [CLAUSE.modelField]: name,
  [CLAUSE.modelId]: name,
  [CLAUSE.requiredFields]: names.min(1),
  [CLAUSE.messagesField]: name,
  [CLAUSE.roleField]: name,
  [CLAUSE.contentField]: name,
  [CLAUSE.userRole]: name,
  [CLAUSE.roles]: names.min(1),
  [CLAUSE.optionalParameters]: names,
  [CLAUSE.maxTokensField]: name,
  [CLAUSE.streamField]: name,
  [CLAUSE.temperatureRange]: z.tuple([z.number(), z.number()]),
  [CLAUSE.contentPath]: path,
  [CLAUSE.finishReasonPath]: path,
  [CLAUSE.finishReasons]: names.min(1),
  [CLAUSE.responseFields]: z.array(path).min(1),
  [CLAUSE.parsedFields]: z.array(path),
  [CLAUSE.idField]: path,
  [CLAUSE.usageFields]: z.array(path),
  [CLAUSE.nullableFields]: z.array(path),
  [CLAUSE.streamDone]: name,
  [CLAUSE.streamUsage]: z.boolean(),
  [CLAUSE.fieldPresence]: z.strictObject({
    required: paths.optional(),
    optional: paths.optional(),
    unstated: paths.optional(),
    maps: paths.optional(),
  }),
  [CLAUSE.fieldMeaning]: byAnswer(z.record(path, FieldMeaningSchema)),
  [CLAUSE.mediaTypes]: byAnswer(
    z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'expected a media type like `application/json`'),
  ),
  [CLAUSE.responseHeaders]: z.record(
    z.string().regex(/^[a-z0-9-]+$/, 'header names in lower case'),
    z.enum(SYNTAXES),
  ),
  [CLAUSE.streamRules]: z.strictObject({
    sameId: z.boolean().optional(),
    finalFinishReason: z.boolean().optional(),
    usageChunkNoChoices: z.boolean().optional(),
  }),
  [CLAUSE.errorEnvelope]: z.strictObject({ wrapper: name, keys: names.min(1) }),
  [CLAUSE.badAuth]: ErrorExpectationSchema,
  [CLAUSE.invalidRequest]: ErrorExpectationSchema,
  [CLAUSE.invalidModel]: ErrorExpectationSchema,
  [CLAUSE.rateLimit]: ErrorExpectationSchema,
  [CLAUSE.timeout]: ErrorExpectationSchema,
  [CLAUSE.upstreamFailure]: ErrorExpectationSchema,
  [CLAUSE.wrongPath]: ErrorExpectationSchema,
  [CLAUSE.invalidRequest5xx]: ErrorExpectationSchema,
  /** `header:<name>` or `message:<regex with one capture group>`. */
  [CLAUSE.requestId]: z.string().regex(/^(header:[A-Za-z0-9-]+|message:.+)$/),
  /** A header name (`retry-after`, `retry-after-ms`) or `none` when the provider documents none. */
  [CLAUSE.retryAfter]: name,
  /** Requests per minute, or `not-relied-on` when the team relies on no numeric limit. */
  [CLAUSE.rateLimitValue]: z.union([z.number().positive(), z.literal('not-relied-on')]),
  [CLAUSE.billingUnits]: name,
  [CLAUSE.reviewBudget]: z.strictObject({
    requests: z.number().int().positive(),
    tokens: z.number().int().positive(),
  }),
  [CLAUSE.timeoutMs]: z.number().int().positive(),
  [CLAUSE.maxAttempts]: z.number().int().positive(),
  [CLAUSE.maxTotalWaitMs]: z.number().int().nonnegative(),
  /** An environment variable name, or `none` when the application has no fallback. */
  [CLAUSE.fallbackVariable]: z.string().regex(/^([A-Za-z_][A-Za-z0-9_]*)$/),
  [CLAUSE.escalationPath]: name,
  [CLAUSE.contractOwner]: name,
  [CLAUSE.configLocation]: name,
  [CLAUSE.fixturePath]: name,
} as const satisfies { readonly [I in ClauseId]: z.ZodType };

/** The parsed value of clause `I`, typed from its schema. */
export type ClauseValue<I extends ClauseId> = z.output<(typeof VALUE_SCHEMAS)[I]>;

/** Clause ids whose value is a `T`: what a reader of that type may be given. */
export type ClauseIdOf<T> = { [I in ClauseId]: ClauseValue<I> extends T ? I : never }[ClauseId];

/** Parses a known value with its clause's schema; undefined when it does not fit (the loader reports why). */
export function parseValue<I extends ClauseId>(id: I, value: JsonValue): ClauseValue<I> | undefined {
  const parsed = (VALUE_SCHEMAS[id] as z.ZodType).safeParse(value);
  return parsed.success ? (parsed.data as ClauseValue<I>) : undefined;
}

/** True for an id the catalogue knows. */
export function isClauseId(id: string): id is ClauseId {
  return Object.hasOwn(VALUE_SCHEMAS, id);
}

/** True when an expected status (one or several) includes `status`. */
export function statusMatches(expected: ErrorExpectation['status'], status: number): boolean {
  return Array.isArray(expected) ? expected.includes(status) : expected === status;
}
