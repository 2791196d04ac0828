/**
 * @module checks/probe/model
 * The probe uses a model id only once it is validated: listed by the model-list endpoint, or marked
 * `validated` in the ledger with its evidence. The result records which.
 */
import { areaOf, configuration, type Finding } from '../../classify/index.js';
import { CLAUSE, type Contract } from '../../contract/index.js';
import { modelValidatedInLedger } from '../../plan/index.js';
import { judgeHeaders, judgeMediaType, judgeRateLimitedAnswer } from './judge-headers.js';
import { judgeMeaning } from './judge-meaning.js';
import {
  emit,
  evidenceOf,
  type JudgeContext,
  judgeLocalCut,
  judgeRateLimit,
  judgeSuccessStatus,
  judgeTransport,
} from './judging.js';
import { judgeOperatorError, pushConfiguration } from './operator.js';
import { jsonHeaders } from './request.js';
import type { Session } from './session.js';
import { parseJson } from './tokens.js';

export type ModelValidationKind = 'models-endpoint' | 'ledger-validated' | 'not-validated';

export interface ModelValidation {
  id: string;
  validation: ModelValidationKind;
  /** The ledger's `validated.evidence`, or the model-list URL. */
  evidence?: string;
  /** Why the model list did not confirm the model, when it did not (the list was not asked or not read). */
  unconfirmed?: string;
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

/**
 * A model the target's own list does not name. The list is the provider's word on what it serves; the model
 * id is the operator's choice ("use <VALIDATED_MODEL_ID> only after it is validated"), so by default the
 * operator's clause is what to fix: a `configuration` finding on `request.model-id`, never an escalation. Only
 * when the clause's cited passage itself names the model (a document promises it) does the list contradict a
 * source: then it is `unexpected`. A model the ledger marks validated elsewhere (an account's console) keeps
 * that validation: the list's silence on it is observed, not contracted.
 */
export function judgeModelNotListed(
  ctx: JudgeContext,
  model: string,
  observed: string,
  validatedInLedger: boolean,
): void {
  const clause = ctx.contract.clause(CLAUSE.modelId);
  const promised = clause?.basis !== 'local' && (clause?.resolvedSource?.quote ?? '').includes(model);
  const listed = `model \`${model}\` is not listed by the model-list endpoint`;
  if (validatedInLedger && !promised) {
    emit(
      ctx,
      'silent',
      CLAUSE.modelId,
      'model-not-listed',
      `${listed} (the ledger marks it validated; using that)`,
      { expected: model, observed },
    );
    return;
  }
  if (promised) {
    emit(
      ctx,
      'contradicts',
      CLAUSE.modelId,
      'model-not-listed',
      `${listed}, though the cited source names it`,
      {
        expected: model,
        observed,
      },
    );
    return;
  }
  ctx.findings.push(
    configuration({
      check: ctx.check,
      area: areaOf(ctx.contract, CLAUSE.modelId, ctx.area),
      clause: CLAUSE.modelId,
      code: 'model-not-listed',
      message: `${listed}: the target does not serve the model the ledger names; check ${CLAUSE.modelId} (and the model your application configures)`,
      evidence: { ...ctx.evidence, expected: model, observed },
    }),
  );
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
  const before = findings.length;
  const fallback = (unconfirmed?: string): ModelValidation => {
    const evidence = ledgerEvidence(contract);
    if (inLedger) return { id: model, validation: 'ledger-validated', ...(evidence ? { evidence } : {}) };
    // What the model list's own finding says stopped it (a transport failure, a 429, a status, a body).
    const stopped = findings.slice(before).findLast((f) => f.class !== 'documented-handled');
    const why =
      unconfirmed ??
      (stopped ? `the model-list request did not confirm it (${stopped.check}: ${stopped.code})` : undefined);
    return { id: model, validation: 'not-validated', ...(why ? { unconfirmed: why } : {}) };
  };
  if (!target.modelsUrl) return fallback('no model-list endpoint is known to ask');
  const sent = await session.send(
    'probe-models',
    { method: 'GET', url: target.modelsUrl, headers: jsonHeaders(), auth: 'key' },
    0,
  );
  if (sent.kind === 'refused') return fallback(`the model list was not asked: ${sent.reason}`);
  const ctx: JudgeContext = {
    contract,
    check: 'probe-models',
    area: 'request',
    evidence: evidenceOf(sent.exchange, sent.reproducer),
    pendingJudges: [],
    findings,
    clockMs: Date.parse(sent.exchange.startedAt),
  };
  const exchange = sent.exchange;
  if (judgeTransport(ctx, exchange)) return fallback();
  judgeHeaders(ctx, exchange);
  judgeRateLimitedAnswer(ctx, exchange);
  if (
    judgeRateLimit(ctx, exchange) ||
    judgeOperatorError(ctx, session.target.keyRef, exchange, { kind: 'model-list' })
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
  judgeMediaType(ctx, 'models', exchange);
  judgeMeaning(ctx, 'models', [parsed.value]);
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
  judgeModelNotListed(ctx, model, 'listed models do not include it', inLedger);
  return fallback('the model-list endpoint does not list it');
}
