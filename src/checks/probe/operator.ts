/**
 * @module checks/probe/operator
 * Answers that show the operator's own mistake, not the provider's: a key the target refuses, a base URL or
 * path it does not serve. Recorded as `configuration` findings: the review fails, nothing is escalated. Pure.
 */
import { areaOf, configuration } from '../../classify/index.js';
import { CLAUSE, type ClauseRef, type JsonValue, read, statusMatches, values } from '../../contract/index.js';
import type { Exchange } from '../../http/index.js';
import type { ProbeCode } from './codes.js';
import type { JudgeContext } from './judging.js';
import { parseJson } from './tokens.js';

type OperatorCode = Extract<
  ProbeCode,
  'key-rejected' | 'base-url-wrong' | 'chat-path-wrong' | 'not-the-api' | 'model-not-served'
>;

/** Records one `configuration` finding for this answer. */
export function pushConfiguration(
  ctx: JudgeContext,
  clause: ClauseRef,
  code: OperatorCode,
  message: string,
  observed: JsonValue,
): void {
  ctx.findings.push(
    configuration({
      check: ctx.check,
      area: areaOf(ctx.contract, clause, ctx.area),
      clause,
      code,
      message,
      evidence: { ...ctx.evidence, observed },
    }),
  );
}

/** The body's error code when it is the one `errors.invalid-model` documents for a 404; else undefined. */
function invalidModelCode(ctx: JudgeContext, exchange: Exchange): string | undefined {
  const expectation = values.errorExpectation(ctx.contract, CLAUSE.invalidModel);
  if (!expectation?.code || !statusMatches(expectation.status, 404)) return undefined;
  const parsed = parseJson(exchange.response?.body ?? '');
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object') return undefined;
  const wrapper = read(ctx.contract, CLAUSE.errorEnvelope)?.wrapper ?? 'error';
  const inner = (parsed.value as Record<string, unknown>)[wrapper];
  const code =
    inner !== null && typeof inner === 'object' ? (inner as Record<string, unknown>).code : undefined;
  return code === expectation.code ? code : undefined;
}

/** Which request answered: the model list (the first, needing only base URL and key) or the chat path. */
export type OperatorRequest = { kind: 'model-list' } | { kind: 'chat'; modelListUrl?: string };

/**
 * 401/403 is a key the target does not accept (`auth.key-ref`). A redirect or 404 on the model list is a base URL
 * that misses its path prefix or names another server (`endpoint.base-url`); on the chat path after the model
 * list answered under the same base URL, it is the chat path (`endpoint.chat-path`). Records the finding and
 * returns true; any other status returns false.
 */
export function judgeOperatorError(
  ctx: JudgeContext,
  keyRef: string,
  exchange: Exchange,
  request: OperatorRequest,
): boolean {
  const status = exchange.response?.status;
  if (status === undefined) return false;
  const url = exchange.request.url;
  const what = request.kind === 'model-list' ? 'the model list' : 'the chat endpoint';
  const after =
    request.kind === 'chat' && request.modelListUrl !== undefined
      ? ` (the model list at ${request.modelListUrl} answered with the same key and base URL)`
      : '';
  if (status === 401 || status === 403) {
    pushConfiguration(
      ctx,
      CLAUSE.keyRef,
      'key-rejected',
      `${what} at ${url} answered ${status}${after}: the key ${keyRef} is not accepted${request.kind === 'chat' ? ' for chat' : ''}; check ${CLAUSE.keyRef}`,
      { status },
    );
    return true;
  }
  const unserved = request.kind === 'chat' && status === 404 ? invalidModelCode(ctx, exchange) : undefined;
  if (unserved !== undefined) {
    // The API answered, with the error it documents for a model it does not serve: neither path nor base URL.
    pushConfiguration(
      ctx,
      CLAUSE.modelId,
      'model-not-served',
      `${what} at ${url} answered 404 with \`${unserved}\`, the answer ${CLAUSE.invalidModel} documents for an unknown model: the target does not serve the model the ledger names; check ${CLAUSE.modelId}`,
      { status, code: unserved },
    );
    return true;
  }
  if (status === 404 || (status >= 300 && status < 400)) {
    const location = exchange.response?.headers.location;
    const redirect = location ? ` (redirect to ${location}; not followed)` : '';
    const observed = { status, ...(location ? { location } : {}) };
    if (request.kind === 'chat' && request.modelListUrl !== undefined) {
      pushConfiguration(
        ctx,
        CLAUSE.chatPath,
        'chat-path-wrong',
        `${what} at ${url} answered ${status}${redirect}${after}: check ${CLAUSE.chatPath} (and that the key may use the model)`,
        observed,
      );
    } else {
      pushConfiguration(
        ctx,
        CLAUSE.baseUrl,
        'base-url-wrong',
        `${what} at ${url} answered ${status}${redirect}: check ${CLAUSE.baseUrl} (does it end with the version prefix, e.g. \`/v1\`?)${request.kind === 'chat' ? ` and ${CLAUSE.chatPath}` : ''}`,
        observed,
      );
    }
    return true;
  }
  return false;
}
