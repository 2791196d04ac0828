/**
 * @module checks/probe/judge-fields
 * A successful JSON body against the response clauses: documented and present, documented and missing,
 * present but undocumented, unexpected null, fields the parser reads, and the clause's JSON Schema. Pure.
 */
import { CLAUSE, type JsonValue, values } from '../../contract/index.js';
import { emit, type JudgeContext, judgeable } from './judging.js';
import { ancestors, normalizePath, observedPaths, resolvePath, type Stop } from './paths.js';
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

/** Judges presence, nulls and undocumented fields of `body`. */
export function judgeFields(ctx: JudgeContext, body: unknown): void {
  if (!judgeable(ctx, CLAUSE.responseFields)) return;
  const documented = documentedPaths(ctx);
  const nullable = judgeable(ctx, CLAUSE.nullableFields) ? nullablePaths(ctx) : new Set<string>();
  const present: string[] = [];
  // Group missing fields by where they stop, so an absent `usage` is one finding, not three.
  const stops = new Map<string, { stop: Stop; fields: string[] }>();
  for (const path of [...documented].sort()) {
    const resolved = resolvePath(body, path);
    for (const stop of resolved.stops) {
      if (stop.kind === 'null' && nullable.has(stop.at)) continue;
      const key = `${stop.kind}:${stop.at}`;
      const group = stops.get(key) ?? { stop, fields: [] };
      group.fields.push(path);
      stops.set(key, group);
    }
    if (resolved.stops.length === 0) present.push(path);
    if (resolved.values.some((value) => value === null)) {
      if (nullable.has(path)) {
        emit(
          ctx,
          'matches',
          CLAUSE.nullableFields,
          'field-null-documented',
          `\`${path}\` is null, as documented`,
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
          `\`${path}\` is null; no clause says it may be`,
          {
            expected: 'a value',
            observed: null,
          },
        );
      }
    }
  }
  if (present.length > 0) {
    emit(
      ctx,
      'matches',
      CLAUSE.responseFields,
      'fields-present',
      `${present.length} documented fields present`,
      {
        observed: present,
      },
    );
  }
  for (const { stop, fields } of stops.values()) {
    const code = stop.kind === 'null' ? 'field-null' : 'field-missing';
    const what = {
      missing: 'is missing',
      null: 'is null',
      empty: 'is empty',
      'not-container': 'has the wrong type',
    }[stop.kind];
    emit(
      ctx,
      'contradicts',
      CLAUSE.responseFields,
      code,
      `\`${stop.at || '(body)'}\` ${what}; documented: ${fields.join(', ')}`,
      {
        expected: fields,
        observed: { at: stop.at, kind: stop.kind },
      },
    );
  }
  judgeUndocumented(ctx, body, documented);
  judgeParsed(ctx, body, documented);
  judgeSchema(ctx, CLAUSE.responseFields, body, 'schema-violation');
}

/** Covered paths per documented set (the documented set is itself built once per contract). */
const coveredCache = new WeakMap<Set<string>, Set<string>>();

function judgeUndocumented(ctx: JudgeContext, body: unknown, documented: Set<string>): void {
  // A path is covered when it is documented or leads to a documented path (`choices`, `choices[].message`).
  let covered = coveredCache.get(documented);
  if (!covered) {
    covered = new Set<string>(documented);
    for (const path of documented) for (const parent of ancestors(path)) covered.add(parent);
    coveredCache.set(documented, covered);
  }
  const reported: string[] = [];
  for (const path of observedPaths(body)) {
    if (covered.has(path)) continue;
    if (reported.some((parent) => path.startsWith(`${parent}.`) || path.startsWith(`${parent}[]`))) continue;
    reported.push(path);
    emit(
      ctx,
      'silent',
      CLAUSE.responseFields,
      'field-undocumented',
      `\`${path}\` is present but not documented (observed, not contracted)`,
      {
        observed: path,
      },
    );
  }
}

function judgeParsed(ctx: JudgeContext, body: unknown, documented: Set<string>): void {
  const parsed = values.strings(ctx.contract, CLAUSE.parsedFields);
  if (!parsed || !judgeable(ctx, CLAUSE.parsedFields)) return;
  const fine: string[] = [];
  for (const field of parsed) {
    const path = normalizePath(field);
    const found = resolvePath(body, path).values.length > 0;
    if (!documented.has(path)) {
      emit(
        ctx,
        'silent',
        CLAUSE.parsedFields,
        'parser-reads-undocumented',
        `the parser reads \`${field}\`, which no clause documents`,
        {
          observed: { field, present: found },
        },
      );
    } else if (!found) {
      emit(
        ctx,
        'contradicts',
        CLAUSE.parsedFields,
        'parsed-field-missing',
        `the parser reads \`${field}\`, absent from this answer`,
        {
          expected: field,
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

/** Validates against the clause's JSON Schema when it carries one; silent when it does not. */
export function judgeSchema(
  ctx: JudgeContext,
  clauseId: string,
  value: unknown,
  code: string,
  label = 'body',
): void {
  const schema = ctx.contract.clause(clauseId)?.schema;
  if (!schema) return;
  const result = checkSchema(schema, value);
  if (result.ok) {
    emit(
      ctx,
      'matches',
      clauseId,
      `${code.replace(/-violation$/, '')}-valid`,
      `${label} matches the JSON Schema of ${clauseId}`,
    );
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
