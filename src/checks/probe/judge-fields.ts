/**
 * @module checks/probe/judge-fields
 * A successful JSON body against the response clauses: documented and present, documented and missing,
 * present but undocumented, unexpected null, fields the parser reads, and the clause's JSON Schema. Pure.
 */
import { CLAUSE, type ClauseId, type ClauseRef, type JsonValue, values } from '../../contract/index.js';
import { emit, type JudgeContext, judgeable } from './judging.js';
import { normalizePath } from './paths.js';
import { type BodyPresence, bodyPresence, describeMissing, missingRead, parsedUnder } from './presence.js';
import { checkSchema } from './schema.js';

/** Documented paths: `response.fields` plus the paths the other response clauses name. */
export function documentedPaths(ctx: JudgeContext): Set<string> {
  const c = ctx.contract;
  // The same for every answer of a contract (a traffic audit asks once per exchange): built once. Shared: read only.
  const fields = values.strings(c, CLAUSE.responseFields);
  const known = documentedCache.get(c);
  if (known && known.fields === fields) return known.paths;
  const listed = [
    ...(fields ?? []),
    ...(values.strings(c, CLAUSE.usageFields) ?? []),
    ...[CLAUSE.contentPath, CLAUSE.finishReasonPath, CLAUSE.idField].flatMap(
      (id) => values.string(c, id) ?? [],
    ),
  ];
  const paths = new Set(listed.map(normalizePath));
  documentedCache.set(c, { fields, paths });
  return paths;
}

const documentedCache = new WeakMap<object, { fields: string[] | undefined; paths: Set<string> }>();

export function nullablePaths(ctx: JudgeContext): Set<string> {
  return new Set((values.strings(ctx.contract, CLAUSE.nullableFields) ?? []).map(normalizePath));
}

/** The fields the parser reads, normalized; empty when the clause is pending or absent. */
export function parsedPaths(ctx: JudgeContext): string[] {
  return (values.strings(ctx.contract, CLAUSE.parsedFields) ?? []).map(normalizePath);
}

/** Presence of `body` as a JSON answer: from the schema of `response.fields`, else the ledger's lists. */
export function presenceOf(ctx: JudgeContext, body: unknown): BodyPresence {
  return bodyPresence(
    ctx.contract,
    CLAUSE.responseFields,
    body,
    () => documentedPaths(ctx),
    () => nullablePaths(ctx),
  );
}

/** Presence of one stream chunk: from the chunk schema of `response.stream-done`, else the ledger's lists. */
export function chunkPresence(ctx: JudgeContext, chunk: unknown): BodyPresence {
  return bodyPresence(
    ctx.contract,
    CLAUSE.streamDone,
    chunk,
    () => documentedPaths(ctx),
    () => nullablePaths(ctx),
  );
}

/** The clause that states presence: the schema of `response.fields`, or `response.field-presence`. */
export function presenceClause(presence: BodyPresence): ClauseId {
  return presence.basis === 'schema' ? CLAUSE.responseFields : CLAUSE.fieldPresence;
}

/** Judges presence, nulls and undocumented fields of `body`. */
export function judgeFields(ctx: JudgeContext, body: unknown): void {
  if (!judgeable(ctx, CLAUSE.responseFields)) return;
  const presence = presenceOf(ctx, body);
  const parsed = parsedPaths(ctx);
  for (const n of presence.nulls) {
    if (n.nullable) {
      emit(
        ctx,
        'matches',
        CLAUSE.nullableFields,
        'field-null-documented',
        `\`${n.path}\` is null, as documented`,
        {
          observed: null,
        },
      );
    } else {
      emit(
        ctx,
        'contradicts',
        CLAUSE.nullableFields,
        'field-null',
        `\`${n.path}\` is null; no clause says it may be`,
        {
          expected: 'a value',
          observed: null,
        },
      );
    }
  }
  if (presence.present.length > 0) {
    emit(
      ctx,
      'matches',
      CLAUSE.responseFields,
      'fields-present',
      `${presence.present.length} documented fields present`,
      {
        observed: presence.present,
      },
    );
  }
  const clause = presenceClause(presence);
  const optional: string[] = [];
  const unstated: string[] = [];
  for (const absent of presence.absent) {
    if (absent.presence === 'required') {
      emit(
        ctx,
        'contradicts',
        clause,
        'field-missing',
        `\`${absent.path}\` is missing; the documents mark it required`,
        { expected: absent.path, observed: { at: absent.path, kind: 'missing' } },
      );
      continue;
    }
    // A field the parser reads is judged by judgeParsed, with the parser's stake in it.
    if (parsedUnder(parsed, absent.path).length > 0) continue;
    (absent.presence === 'optional' ? optional : unstated).push(absent.path);
  }
  if (optional.length > 0) {
    emit(
      ctx,
      'handled',
      clause,
      'field-optional-absent',
      `${optional.length} optional field(s) absent, none read by the parser: ${optional.join(', ')}`,
      { observed: optional },
    );
  }
  if (unstated.length > 0 && judgeable(ctx, CLAUSE.fieldPresence)) {
    emit(
      ctx,
      'silent',
      CLAUSE.fieldPresence,
      'field-absent-presence-unstated',
      `${unstated.length} documented field(s) absent, and no document says whether they are always present: ${unstated.join(', ')}`,
      { observed: unstated },
    );
  }
  for (const at of presence.mistyped) {
    emit(
      ctx,
      'contradicts',
      CLAUSE.responseFields,
      'field-wrong-type',
      `\`${at}\` has the wrong type for the documented paths under it`,
      {
        observed: { at, kind: 'not-container' },
      },
    );
  }
  for (const path of presence.undocumented) {
    emit(
      ctx,
      'silent',
      CLAUSE.responseFields,
      'field-undocumented',
      `\`${path}\` is present but not documented (observed, not contracted)`,
      { observed: path },
    );
  }
  judgeParsed(ctx, body, presence);
  judgeSchema(ctx, CLAUSE.responseFields, body, 'schema-violation');
}

function judgeParsed(ctx: JudgeContext, body: unknown, presence: BodyPresence): void {
  const parsed = values.strings(ctx.contract, CLAUSE.parsedFields);
  if (!parsed || !judgeable(ctx, CLAUSE.parsedFields)) return;
  const documented = documentedPaths(ctx);
  const fine: string[] = [];
  for (const field of parsed) {
    const path = normalizePath(field);
    const missing = missingRead(presence, body, field);
    const documentedHere =
      documented.has(path) || (presence.basis === 'schema' && presence.present.includes(path));
    if (!documentedHere) {
      emit(
        ctx,
        'silent',
        CLAUSE.parsedFields,
        'parser-reads-undocumented',
        `the parser reads \`${field}\`, which no clause documents`,
        { observed: { field, present: missing === undefined } },
      );
    } else if (missing) {
      const code = missing.judgement === 'contradicts' ? 'parsed-field-missing' : 'parsed-field-absent';
      emit(
        ctx,
        missing.judgement,
        CLAUSE.parsedFields,
        code,
        `the parser reads \`${field}\`, absent from this answer: ${describeMissing(missing)}`,
        {
          expected: field,
          observed: { at: missing.at, presence: missing.presence },
        },
      );
    } else fine.push(field);
  }
  // Only a full house is a match: one missing or undocumented field already has its own finding, and an
  // "every field is present" beside it would contradict that finding.
  if (fine.length > 0 && fine.length === parsed.length) {
    emit(
      ctx,
      'matches',
      CLAUSE.parsedFields,
      'parsed-fields-present',
      'every field the parser reads is documented and present',
      {
        observed: fine,
      },
    );
  }
}

/** Each schema-violation code and the code of its passing judgement. */
const SCHEMA_VALID = {
  'schema-violation': 'schema-valid',
  'chunk-schema-violation': 'chunk-schema-valid',
  'envelope-schema-violation': 'envelope-schema-valid',
} as const;

/** Validates against the clause's JSON Schema when it carries one; silent when it does not. */
export function judgeSchema(
  ctx: JudgeContext,
  clauseId: ClauseRef,
  value: unknown,
  code: keyof typeof SCHEMA_VALID,
  label = 'body',
): void {
  const schema = ctx.contract.clause(clauseId)?.schema;
  if (!schema) return;
  const result = checkSchema(schema, value);
  if (result.ok) {
    emit(ctx, 'matches', clauseId, SCHEMA_VALID[code], `${label} matches the JSON Schema of ${clauseId}`);
    return;
  }
  if ('compileError' in result) {
    emit(
      ctx,
      'silent',
      clauseId,
      'schema-unusable',
      `the JSON Schema of ${clauseId} does not compile: ${result.compileError}`,
    );
    return;
  }
  for (const violation of result.violations) {
    emit(ctx, 'contradicts', clauseId, code, `${label} ${violation.message} (${violation.keyword})`, {
      observed: violation as unknown as JsonValue,
    });
  }
}
