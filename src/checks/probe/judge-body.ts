/**
 * @module checks/probe/judge-body
 * The fields the seed's probe records by name: the completion text, the completion status, the id, the
 * usage (billing) fields and the echoed model. Used for a JSON body and, where they apply, stream chunks.
 */
import { CLAUSE, type JsonValue, values } from '../../contract/index.js';
import { presenceOf } from './judge-fields.js';
import { emit, type JudgeContext, judgeable } from './judging.js';
import { normalizePath, resolvePath, typeName } from './paths.js';
import { type BodyPresence, describeMissing, type Missing, missingRead } from './presence.js';

/** What the probe's own parser made of the answer (the seed's "parser result"). */
export interface ParserResult {
  parsed: boolean;
  error?: string;
  content?: string | null;
  /** True when the text contains `contract_probe_ok` (a model may phrase it differently: recorded, not judged). */
  containsLiteral?: boolean;
  finishReason?: string | null;
  id?: string;
  model?: string;
  /** Per usage field: present and documented (the seed's billing question). */
  usage?: { field: string; present: boolean; documented: boolean; value?: number | null }[];
}

/** The completion text at `response.content-path`. */
export function judgeContent(
  ctx: JudgeContext,
  body: unknown,
  parser: ParserResult,
  literal: string,
  presence: BodyPresence = presenceOf(ctx, body),
): void {
  const path = values.string(ctx.contract, CLAUSE.contentPath);
  if (!path || !judgeable(ctx, CLAUSE.contentPath)) return;
  const resolved = resolvePath(body, path);
  const missing = missingRead(presence, body, path);
  if (missing) {
    emit(
      ctx,
      missing.judgement,
      CLAUSE.contentPath,
      'content-missing',
      `no completion text at \`${path}\`: ${describeMissing(missing)}`,
      {
        expected: path,
        observed: resolved.stops as unknown as JsonValue,
      },
    );
    return;
  }
  const value = resolved.values[0];
  if (value === null) {
    parser.content = null;
    const nullable = (values.strings(ctx.contract, CLAUSE.nullableFields) ?? []).map(normalizePath);
    const documented = nullable.includes(normalizePath(path));
    emit(
      ctx,
      documented ? 'matches' : 'contradicts',
      documented ? CLAUSE.nullableFields : CLAUSE.contentPath,
      'content-null',
      documented
        ? `\`${path}\` is null, which the ledger documents`
        : `\`${path}\` is null; no clause says it may be`,
      { observed: null },
    );
    return;
  }
  if (typeof value !== 'string') {
    emit(
      ctx,
      'contradicts',
      CLAUSE.contentPath,
      'content-wrong-type',
      `\`${path}\` is ${typeName(value)}, not text`,
      {
        expected: 'string',
        observed: typeName(value),
      },
    );
    return;
  }
  parser.content = value;
  parser.containsLiteral = value.includes(literal);
  emit(ctx, 'matches', CLAUSE.contentPath, 'content-read', `completion text read at \`${path}\``, {
    observed: value.slice(0, 200),
    details: { containsLiteral: parser.containsLiteral },
  });
}

/** The completion status at `response.finish-reason-path`, against `response.finish-reasons`. */
export function judgeFinishReason(
  ctx: JudgeContext,
  value: unknown,
  found: boolean,
  parser: ParserResult,
  missing?: Missing,
): void {
  const path = values.string(ctx.contract, CLAUSE.finishReasonPath);
  if (!path || !judgeable(ctx, CLAUSE.finishReasonPath)) return;
  if (!found || value === null || value === undefined) {
    parser.finishReason = null;
    emit(
      ctx,
      missing?.judgement ?? 'contradicts',
      CLAUSE.finishReasonPath,
      'finish-reason-missing',
      `no completion status at \`${path}\`${missing ? `: ${describeMissing(missing)}` : ''}`,
      {
        expected: path,
      },
    );
    return;
  }
  if (typeof value !== 'string') {
    emit(
      ctx,
      'contradicts',
      CLAUSE.finishReasonPath,
      'finish-reason-wrong-type',
      `\`${path}\` is ${typeName(value)}`,
      {
        expected: 'string',
        observed: typeName(value),
      },
    );
    return;
  }
  parser.finishReason = value;
  const allowed = values.strings(ctx.contract, CLAUSE.finishReasons);
  if (!allowed || !judgeable(ctx, CLAUSE.finishReasons)) return;
  if (allowed.includes(value)) {
    emit(
      ctx,
      'matches',
      CLAUSE.finishReasons,
      'finish-reason-documented',
      `completion status \`${value}\` is documented`,
      {
        observed: value,
        also: [CLAUSE.finishReasonPath],
      },
    );
  } else {
    emit(
      ctx,
      'contradicts',
      CLAUSE.finishReasons,
      'finish-reason-undocumented',
      `completion status \`${value}\` is not among the documented values`,
      {
        expected: allowed,
        observed: value,
      },
    );
  }
}

/** The completion id at `response.id-field`. */
export function judgeId(
  ctx: JudgeContext,
  body: unknown,
  parser: ParserResult,
  presence: BodyPresence = presenceOf(ctx, body),
): void {
  const path = values.string(ctx.contract, CLAUSE.idField);
  if (!path || !judgeable(ctx, CLAUSE.idField)) return;
  const value = resolvePath(body, path).values[0];
  const missing = missingRead(presence, body, path);
  if (typeof value === 'string' && value !== '') {
    parser.id = value;
    emit(ctx, 'matches', CLAUSE.idField, 'id-present', `completion id present at \`${path}\``, {
      observed: value,
    });
  } else {
    const why = missing ? `: ${describeMissing(missing)}` : '';
    emit(
      ctx,
      missing?.judgement ?? 'contradicts',
      CLAUSE.idField,
      'id-missing',
      `no completion id at \`${path}\`${why}`,
      {
        expected: path,
        observed: value === undefined ? 'absent' : typeName(value),
      },
    );
  }
}

/**
 * The usage (billing) fields: each present as a number, recorded with whether it is documented. A field
 * that is absent is judged by its presence: required contradicts, optional is the parser's to handle.
 */
export function judgeUsage(
  ctx: JudgeContext,
  body: unknown,
  parser: ParserResult,
  code: 'usage' | 'stream-usage' = 'usage',
  presence: BodyPresence = presenceOf(ctx, body),
): void {
  const fields = values.strings(ctx.contract, CLAUSE.usageFields);
  if (!fields || !judgeable(ctx, CLAUSE.usageFields)) return;
  const nullable = (values.strings(ctx.contract, CLAUSE.nullableFields) ?? []).map(normalizePath);
  parser.usage = [];
  const problems: string[] = [];
  const allowed: Missing[] = [];
  let nulls = 0;
  for (const field of fields) {
    const resolved = resolvePath(body, field);
    const value = resolved.values[0];
    const present = resolved.values.length > 0;
    parser.usage.push({
      field,
      present,
      documented: true,
      ...(typeof value === 'number' || value === null ? { value } : {}),
    });
    if (present && value === null) {
      if (nullable.includes(normalizePath(field))) continue;
      nulls += 1;
      problems.push(field);
    } else if (!present) {
      const missing = missingRead(presence, body, field);
      if (missing && missing.judgement !== 'contradicts') {
        allowed.push(missing);
        continue;
      }
      if (missing?.presence === 'null-container') nulls += 1;
      problems.push(field);
    } else if (typeof value !== 'number') problems.push(`${field} (${typeName(value)})`);
  }
  if (problems.length === 0 && allowed.length === 0) {
    emit(ctx, 'matches', CLAUSE.usageFields, `${code}-present`, 'every documented usage field is present', {
      observed: parser.usage as unknown as JsonValue,
    });
    return;
  }
  if (problems.length > 0) {
    const kind = nulls === problems.length ? 'null' : 'missing';
    emit(
      ctx,
      'contradicts',
      CLAUSE.usageFields,
      `${code}-${kind}`,
      `usage fields ${kind === 'null' ? 'null' : 'missing or not numbers'}: ${problems.join(', ')}`,
      {
        expected: fields,
        observed: parser.usage as unknown as JsonValue,
      },
    );
  }
  if (allowed.length > 0) {
    const first = allowed[0] as Missing;
    const kind = first.presence === 'null-container' ? 'null' : 'missing';
    const where = [...new Set(allowed.map(describeMissing))].join('; ');
    emit(
      ctx,
      first.judgement,
      CLAUSE.usageFields,
      `${code}-${kind}`,
      `usage fields the parser reads are absent: ${where}`,
      {
        expected: fields,
        observed: parser.usage as unknown as JsonValue,
      },
    );
  }
}

/**
 * The model the answer names against the one requested. A resolved snapshot of the same id (`gpt-x` →
 * `gpt-x-2025-01-01`) is observed, not contracted; a different model is unexpected (cost and behaviour differ).
 */
export function judgeModelEcho(
  ctx: JudgeContext,
  body: unknown,
  requested: string,
  parser: ParserResult,
): void {
  const field = values.string(ctx.contract, CLAUSE.modelField);
  if (!field) return;
  const echoed = resolvePath(body, field).values[0];
  if (typeof echoed !== 'string') return;
  parser.model = echoed;
  if (echoed === requested) return;
  const observed = { requested, echoed };
  if (echoed.startsWith(requested)) {
    emit(
      ctx,
      'silent',
      CLAUSE.modelId,
      'model-echo-resolved',
      `answer names \`${echoed}\`, a resolved form of \`${requested}\``,
      {
        observed,
      },
    );
  } else {
    emit(
      ctx,
      'contradicts',
      CLAUSE.modelId,
      'model-echo-different',
      `answer names model \`${echoed}\`, not the requested \`${requested}\``,
      {
        expected: requested,
        observed,
      },
    );
  }
}
