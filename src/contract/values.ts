/**
 * @module contract/values
 * The shape each catalogue clause's value takes once it is known, and typed readers for checks. A reader
 * returns `undefined` for a missing or pending clause: callers turn that into `not-run`, never into a default.
 */
import type { z } from 'zod';
import { CLAUSES, type ClauseId } from './catalogue.js';

export type { ClauseId } from './catalogue.js';

import type { JsonValue } from './schema.js';

export {
  ANSWER_KINDS,
  type AnswerKind,
  type ErrorExpectation,
  ErrorExpectationSchema,
  type FieldMeaning,
  type HeaderSyntax,
} from './value-schemas.js';

import type { ErrorExpectation } from './value-schemas.js';

/**
 * Each clause's value schema, by id, from the clause table: every id has one, and the value's TypeScript type is
 * read from it (`ClauseValue`).
 */
export const VALUE_SCHEMAS = Object.fromEntries(CLAUSES.map((clause) => [clause.id, clause.value])) as {
  readonly [D in (typeof CLAUSES)[number] as D['id']]: D['value'];
};

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
