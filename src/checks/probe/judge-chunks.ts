/**
 * @module checks/probe/judge-chunks
 * Each stream chunk against the response clauses: the id, presence under the chunk schema (or the top-level
 * keys the ledger documents), and the chunk schema itself, reported once per stream rather than per chunk.
 */
import { CLAUSE, values } from '../../contract/index.js';
import { chunkPresence, documentedPaths, judgeSchema } from './judge-fields.js';
import { emit, type JudgeContext, judgeable } from './judging.js';
import { resolvePath } from './paths.js';

/** Judges the chunks of one stream. */
export function judgeChunks(ctx: JudgeContext, chunks: Record<string, unknown>[]): void {
  const idPath = values.string(ctx.contract, CLAUSE.idField);
  if (idPath && judgeable(ctx, CLAUSE.idField) && chunks.length > 0) {
    const missing = chunks.filter((chunk) => typeof resolvePath(chunk, idPath).values[0] !== 'string').length;
    if (missing > 0) {
      emit(
        ctx,
        'contradicts',
        CLAUSE.idField,
        'chunk-id-missing',
        `${missing} of ${chunks.length} chunks have no id at \`${idPath}\``,
      );
    } else emit(ctx, 'matches', CLAUSE.idField, 'chunk-id-present', `every chunk has an id at \`${idPath}\``);
  }
  if (judgeable(ctx, CLAUSE.responseFields)) {
    if (ctx.contract.clause(CLAUSE.streamDone)?.schema) judgeChunkPresence(ctx, chunks);
    else {
      // Chunks differ from the JSON body below the top level (`delta` for `message`); compare top-level keys.
      const top = new Set([...documentedPaths(ctx)].map((path) => path.split(/[.[]/)[0] ?? path));
      const extra = new Set<string>();
      for (const chunk of chunks) for (const key of Object.keys(chunk)) if (!top.has(key)) extra.add(key);
      for (const key of extra) undocumentedChunkField(ctx, key);
    }
  }
  if (ctx.contract.clause(CLAUSE.streamDone)?.schema) {
    const before = ctx.findings.length;
    for (const chunk of chunks) {
      judgeSchema(ctx, CLAUSE.streamDone, chunk, 'chunk-schema-violation', 'chunk');
      if (ctx.findings.length - before > 20) break;
    }
    // One "valid" finding for the whole stream rather than one per chunk.
    const added = ctx.findings.splice(before);
    const violations = added.filter((f) => f.code !== 'chunk-schema-valid');
    const seen = new Set<string>();
    for (const finding of violations) {
      if (seen.has(finding.message)) continue;
      seen.add(finding.message);
      ctx.findings.push(finding);
    }
    if (violations.length === 0 && added.length > 0) ctx.findings.push(added[0] as (typeof added)[number]);
  }
}

function undocumentedChunkField(ctx: JudgeContext, key: string): void {
  emit(
    ctx,
    'silent',
    CLAUSE.responseFields,
    'chunk-field-undocumented',
    `stream chunks carry \`${key}\`, which no clause documents (observed, not contracted)`,
    {
      observed: key,
    },
  );
}

/** Presence in every chunk, under the chunk schema: each undocumented or required-and-absent field once. */
function judgeChunkPresence(ctx: JudgeContext, chunks: Record<string, unknown>[]): void {
  const undocumented = new Set<string>();
  const missing = new Map<string, number>();
  for (const chunk of chunks) {
    const presence = chunkPresence(ctx, chunk);
    for (const path of presence.undocumented) undocumented.add(path);
    for (const absent of presence.absent)
      if (absent.presence === 'required') missing.set(absent.path, (missing.get(absent.path) ?? 0) + 1);
  }
  for (const path of undocumented) undocumentedChunkField(ctx, path);
  for (const [path, count] of missing) {
    emit(
      ctx,
      'contradicts',
      CLAUSE.streamDone,
      'chunk-field-missing',
      `\`${path}\` is missing from ${count} of ${chunks.length} chunks; the chunk schema marks it required`,
      {
        expected: path,
        observed: { chunks: count },
      },
    );
  }
}
