/**
 * @module checks/probe/judge-meaning
 * The meaning of present fields, judged against `response.field-meaning` for one answer: a JSON body, every
 * chunk of a stream, the model list or an error body. Each broken meaning is one finding (a stream reports
 * how many chunks broke it); an answer whose every stated meaning holds gets one match. Pure.
 */
import { type AnswerKind, CLAUSE, type JsonValue } from '../../contract/index.js';
import { emit, type JudgeContext, notStated, stated } from './judging.js';
import { checkMeaning, type MeaningViolation, streamIndexViolation } from './meaning.js';

const LABEL: Record<AnswerKind, string> = {
  json: 'the completion',
  stream: 'the stream chunks',
  models: 'the model list',
  error: 'the error body',
};

/** Judges the stated meanings on `bodies` (one body, or every chunk of a stream). */
export function judgeMeaning(ctx: JudgeContext, kind: AnswerKind, bodies: readonly unknown[]): void {
  if (bodies.length === 0) return;
  const clause = stated(
    ctx,
    CLAUSE.fieldMeaning,
    `types, values, ranges, units and relations of ${LABEL[kind]}`,
  );
  if (!clause) return;
  const meanings = clause[kind];
  if (!meanings) {
    notStated(ctx, CLAUSE.fieldMeaning, `what the fields of ${LABEL[kind]} mean`);
    return;
  }
  // A total the documents give without saying what it is the total of (CometAPI's usage): no sum to check.
  const unrelated = Object.entries(meanings).filter(
    ([path, meaning]) => path.endsWith('total_tokens') && meaning.sum === undefined,
  );
  for (const [path] of unrelated) notStated(ctx, CLAUSE.fieldMeaning, `what \`${path}\` is the sum of`);
  const clockS = Number.isFinite(ctx.clockMs) ? Math.floor((ctx.clockMs as number) / 1000) : undefined;
  const checked = new Set<string>();
  const broken = new Map<string, { violation: MeaningViolation; count: number }>();
  for (const body of bodies) {
    const result = checkMeaning(meanings, body, kind, clockS);
    for (const path of result.checked) checked.add(path);
    for (const violation of result.violations) {
      const key = `${violation.path}\u0000${violation.code}`;
      const known = broken.get(key);
      if (known) known.count += 1;
      else broken.set(key, { violation, count: 1 });
    }
  }
  if (kind === 'stream') {
    for (const [path, meaning] of Object.entries(meanings)) {
      const violation = meaning.unit === 'index' ? streamIndexViolation(path, bodies) : undefined;
      const key = violation && `${violation.path}\u0000${violation.code}`;
      if (violation && key && !broken.has(key)) broken.set(key, { violation, count: bodies.length });
    }
  }
  for (const { violation, count } of broken.values()) {
    const share = bodies.length > 1 ? ` (${count} of ${bodies.length} chunks)` : '';
    emit(ctx, 'contradicts', CLAUSE.fieldMeaning, violation.code, `${violation.message}${share}`, {
      ...(violation.expected !== undefined ? { expected: violation.expected } : {}),
      ...(violation.observed !== undefined ? { observed: violation.observed } : {}),
      details: { path: violation.path, meaning: meanings[violation.path] as unknown as JsonValue },
    });
  }
  if (broken.size === 0 && checked.size > 0) {
    emit(
      ctx,
      'matches',
      CLAUSE.fieldMeaning,
      'meaning-matches',
      `${checked.size} documented field meaning(s) hold in ${LABEL[kind]}`,
      { observed: [...checked] },
    );
  }
}
