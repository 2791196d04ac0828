/**
 * @module contract/value-schemas
 * The building blocks of clause value schemas (names, response paths, statuses, error expectations, field
 * meanings), shared by the clause tables.
 */
import { z } from 'zod';

export const name = z.string().min(1);
export const names = z.array(name);
/** A response path: dots between keys, `[]` for "every item", `[0]` for one item: `choices[].message.content`. */
export const path = z
  .string()
  .regex(
    /^[A-Za-z_][\w-]*(\[\d*\])?(\.[A-Za-z_][\w-]*(\[\d*\])?)*$/,
    'expected a path like `choices[0].message.content`',
  );
export const statuses = z.union([
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

export const paths = z.array(path);
export const SYNTAXES = [
  'integer',
  'seconds',
  'seconds-or-http-date',
  'milliseconds',
  'duration',
  'token',
] as const;
export type HeaderSyntax = (typeof SYNTAXES)[number];
/** What one field means: its type, allowed values, range, unit, and the fields it is the sum of. */
export const FieldMeaningSchema = z.strictObject({
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
export const byAnswer = <T extends z.ZodType>(inner: T) =>
  z.strictObject({
    json: inner.optional(),
    stream: inner.optional(),
    models: inner.optional(),
    error: inner.optional(),
  });
