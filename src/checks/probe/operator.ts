/**
 * @module checks/probe/operator
 * Answers that show the operator's own mistake, not the provider's: a key the target refuses, a base URL or
 * path it does not serve. Recorded as `configuration` findings: the review fails, nothing is escalated. Pure.
 */
import { areaOf, configuration } from '../../classify/index.js';
import { CLAUSE, type ClauseRef, type JsonValue } from '../../contract/index.js';
import type { Exchange } from '../../http/index.js';
import type { ProbeCode } from './codes.js';
import type { JudgeContext } from './judging.js';

type OperatorCode = Extract<ProbeCode, 'key-rejected' | 'base-url-wrong' | 'chat-path-wrong' | 'not-the-api'>;

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
