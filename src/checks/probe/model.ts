/**
 * @module checks/probe/model
 * The probe uses a model id only once it is validated: listed by the model-list endpoint, or marked
 * `validated` in the ledger with its evidence. The result records which.
 */
import { areaOf, configuration, type Finding } from '../../classify/index.js';
import { CLAUSE, type Contract, type JsonValue } from '../../contract/index.js';
import type { Exchange } from '../../http/index.js';
import { modelValidatedInLedger } from '../../plan/index.js';
import type { ProbeCode } from './codes.js';
import {
  emit,
  evidenceOf,
  type JudgeContext,
  judgeLocalCut,
  judgeRateLimit,
  judgeSuccessStatus,
  judgeTransport,
} from './judging.js';
import { jsonHeaders } from './request.js';
import type { Session } from './session.js';
import { parseJson } from './tokens.js';

export type ModelValidationKind = 'models-endpoint' | 'ledger-validated' | 'not-validated';

export interface ModelValidation {
  id: string;
  validation: ModelValidationKind;
  /** The ledger's `validated.evidence`, or the model-list URL. */
  evidence?: string;
}

/** True when any string in `value` equals `wanted` (list shapes differ between providers; ids do not). */
export function containsString(value: unknown, wanted: string, depth = 0): boolean {
  if (depth > 8) return false;
  if (typeof value === 'string') return value === wanted;
  if (Array.isArray(value)) return value.some((item) => containsString(item, wanted, depth + 1));
  if (value !== null && typeof value === 'object') {
    return Object.values(value).some((item) => containsString(item, wanted, depth + 1));
  }
  return false;
}

function ledgerEvidence(contract: Contract): string | undefined {
  return contract.clause(CLAUSE.modelId)?.validated?.evidence;
}

/** Validates `model`; findings go to `findings` under the check `probe-models`. */
export async function validateModel(
  session: Session,
  model: string,
  findings: Finding[],
): Promise<ModelValidation> {
  const { contract, target } = session;
  const inLedger = modelValidatedInLedger(contract);
  const fallback = (): ModelValidation => {
    const evidence = ledgerEvidence(contract);
    return inLedger
      ? { id: model, validation: 'ledger-validated', ...(evidence ? { evidence } : {}) }
      : { id: model, validation: 'not-validated' };
  };
  if (!target.modelsUrl) return fallback();
  const sent = await session.send(
    'probe-models',
    { method: 'GET', url: target.modelsUrl, headers: jsonHeaders(), auth: 'key' },
    0,
  );
  if (sent.kind === 'refused') return fallback();
  const ctx: JudgeContext = {
    contract,
    check: 'probe-models',
    area: 'request',
    evidence: evidenceOf(sent.exchange, sent.reproducer),
    pendingJudges: [],
    findings,
  };
  const exchange = sent.exchange;
  if (
    judgeTransport(ctx, exchange) ||
    judgeRateLimit(ctx, exchange) ||
    judgeOperatorError(ctx, session, exchange)
  ) {
    return fallback();
  }
  if (judgeSuccessStatus(ctx, exchange) || judgeLocalCut(ctx, exchange, CLAUSE.modelId)) {
    return fallback();
  }
  const parsed = parseJson(exchange.response?.body ?? '');
  if (!parsed.ok) {
    const type = exchange.response?.headers['content-type'] ?? 'no content type';
    pushConfiguration(
      ctx,
      CLAUSE.baseUrl,
      'not-the-api',
      `the model list at ${exchange.request.url} answered ${exchange.response?.status} with a body that is not JSON (${type}): this is not the API; check ${CLAUSE.baseUrl}`,
      { status: exchange.response?.status ?? null, contentType: type },
    );
    return fallback();
  }
  if (containsString(parsed.value, model)) {
    emit(
      ctx,
      'matches',
      CLAUSE.modelId,
      'model-listed',
      `model \`${model}\` is listed by the model-list endpoint`,
      {
        observed: model,
      },
    );
    return { id: model, validation: 'models-endpoint', evidence: exchange.request.url };
  }
  emit(
    ctx,
    'contradicts',
    CLAUSE.modelId,
    'model-not-listed',
    `model \`${model}\` is not listed by the model-list endpoint${inLedger ? ' (the ledger marks it validated; using that)' : ''}`,
    {
      expected: model,
      observed: 'listed models do not include it',
    },
  );
  return fallback();
}

function pushConfiguration(
  ctx: JudgeContext,
  clause: string,
  code: 'key-rejected' | 'base-url-wrong' | 'not-the-api',
  message: string,
  observed: JsonValue,
): void {
  ctx.findings.push(
    configuration({
      check: ctx.check,
      area: areaOf(ctx.contract, clause, ctx.area),
      clause,
      code: code satisfies ProbeCode,
      message,
      evidence: { ...ctx.evidence, observed },
    }),
  );
}

/**
 * The model list is the first request and needs nothing but the base URL and the key, so its refusals name the
 * operator's mistake, not the provider's: 401/403 is a key the target does not accept (`auth.key-ref`), a
 * redirect or 404 is a base URL that misses its path prefix or names another server (`endpoint.base-url`).
 * Recorded as `configuration`: the review fails, nothing is escalated, and the probes are not sent.
 */
function judgeOperatorError(ctx: JudgeContext, session: Session, exchange: Exchange): boolean {
  const status = exchange.response?.status;
  if (status === undefined) return false;
  const url = exchange.request.url;
  if (status === 401 || status === 403) {
    pushConfiguration(
      ctx,
      CLAUSE.keyRef,
      'key-rejected',
      `the model list at ${url} answered ${status}: the key ${session.target.keyRef} is not accepted; check ${CLAUSE.keyRef}`,
      { status },
    );
    return true;
  }
  if (status === 404 || (status >= 300 && status < 400)) {
    const location = exchange.response?.headers.location;
    pushConfiguration(
      ctx,
      CLAUSE.baseUrl,
      'base-url-wrong',
      `the model list at ${url} answered ${status}${location ? ` (redirect to ${location}; not followed)` : ''}: check ${CLAUSE.baseUrl} (does it end with the version prefix, e.g. \`/v1\`?)`,
      { status, ...(location ? { location } : {}) },
    );
    return true;
  }
  return false;
}
