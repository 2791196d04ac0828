/**
 * @module checks/probe/session
 * One run against a target: the resolved secret, a per-run HTTP client, the redactor, the budget, and the
 * reproducer for every request. Shared by the probe and the negative suite. Requests go out one at a time.
 */
import type { CheckName } from '../../classify/index.js';
import type { Clock } from '../../clock.js';
import { CLAUSE, type Contract, values } from '../../contract/index.js';
import {
  createHttpClient,
  curlReproducer,
  type Exchange,
  type HttpClient,
  type RunLimit,
  resolveSecret,
  type StreamExchange,
  type WaitingNotice,
} from '../../http/index.js';
import type { TargetOverrides } from '../../plan/index.js';
import { createRedactor, type Redactor } from '../../redact/index.js';
import type { Deadline } from '../deadline.js';
import { type Budget, createBudget } from './budget.js';
import type { RunRefusal } from './refusal.js';
import { assertBaseUrl, resolveTarget, type Target } from './target.js';
import { observedTokens } from './tokens.js';

/** Options every run accepts (probe and negative). */
export interface RunOptions extends TargetOverrides {
  /** Environment for `env:` key references; `process.env` by default. */
  env?: NodeJS.ProcessEnv;
  /** Reader for `file:` key references. */
  readFile?: (path: string) => Promise<string>;
  /**
   * Headers added to every request, e.g. `x-chatproof-fault: usage-missing` to make the simulator drift.
   * For tests and the review command; they are captured (redacted) like any other header.
   */
  extraHeaders?: Record<string, string>;
  signal?: AbortSignal;
  /** Wall clock for timestamps. */
  now?: Clock;
  maxBodyBytes?: number;
  /** Longest silence after an answer's headers before the request ends as stalled (`--stall-ms`). */
  stallMs?: number;
  /** A budget shared with other checks of the same review; by default a fresh one from the ledger. */
  budget?: Budget;
  /** The run deadline (`--deadline`): requests in flight end when it fires, and nothing more is sent. */
  deadline?: Deadline;
  /** Progress: a request has had no answer for a few seconds (see the HTTP client's `onWaiting`). */
  onWaiting?: (waiting: WaitingNotice) => void;
  waitingNoticeMs?: number;
}

/** A request before auth is added. `auth: 'key'` adds the real key; a string sends that literal key instead. */
export interface PreparedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  auth: 'key' | 'none' | { literal: string };
}

export type Sent<E extends Exchange> =
  | { kind: 'sent'; exchange: E; reproducer: string }
  | { kind: 'refused'; reason: string; reproducer: string; limit?: RunLimit };

export interface Session {
  contract: Contract;
  target: Target;
  budget: Budget;
  redactor: Redactor;
  send(check: CheckName, request: PreparedRequest, tokens: number): Promise<Sent<Exchange>>;
  stream(check: CheckName, request: PreparedRequest, tokens: number): Promise<Sent<StreamExchange>>;
  close(): void;
}

/** An opened run, or why it did not open (nothing was sent). */
export type Opened = { ok: true; session: Session } | ({ ok: false } & RunRefusal);

/**
 * Opens a run. A pending target (`E_PLACEHOLDER`) or a key that cannot be read (`E_SECRET_REF`) is a refusal,
 * returned as data; a malformed base-URL override is the caller's usage error and throws `E_USAGE`.
 */
export async function openSession(contract: Contract, options: RunOptions = {}): Promise<Opened> {
  const overrides: TargetOverrides = {};
  if (options.baseUrl !== undefined) overrides.baseUrl = assertBaseUrl(options.baseUrl);
  if (options.keyRef !== undefined) overrides.keyRef = options.keyRef;
  const target = resolveTarget(contract, overrides);
  if (!target) {
    return {
      ok: false,
      code: 'E_PLACEHOLDER',
      message: 'the target (base URL, path, auth, timeout, budget) is pending',
    };
  }
  const read = await resolveSecret(target.keyRef, {
    env: options.env ?? process.env,
    ...(options.readFile ? { readFile: options.readFile } : {}),
  });
  if (!read.ok) return { ok: false, code: 'E_SECRET_REF', message: read.problem };
  const secret = read.secret;
  const redactor = createRedactor({ secrets: [secret] });
  const budget = options.budget ?? createBudget(target.budget);
  const client: HttpClient = createHttpClient({
    timeoutMs: target.timeoutMs,
    redactor,
    ...(target.requestIdFrom ? { requestIdFrom: target.requestIdFrom } : {}),
    ...signalOption(requestSignal(options)),
    ...(options.now ? { now: options.now } : {}),
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    ...(options.stallMs ? { stallMs: options.stallMs } : {}),
    ...(options.onWaiting ? { onWaiting: options.onWaiting } : {}),
    ...(options.waitingNoticeMs ? { waitingNoticeMs: options.waitingNoticeMs } : {}),
  });
  const deadline = options.deadline;
  const prefix = target.authScheme === '' ? '' : `${target.authScheme} `;
  const usageFields = values.strings(contract, CLAUSE.usageFields) ?? [];

  const prepare = (request: PreparedRequest) => {
    const headers = { ...request.headers, ...options.extraHeaders };
    const sent = { ...headers };
    if (request.auth === 'key') sent[target.authHeader] = `${prefix}${secret}`;
    else if (request.auth !== 'none') sent[target.authHeader] = `${prefix}${request.auth.literal}`;
    const shown = request.auth === 'none' || request.auth === 'key' ? headers : sent;
    const reproducer = redactor.text(
      curlReproducer({
        method: request.method,
        url: request.url,
        headers: shown,
        ...(request.body === undefined ? {} : { body: request.body }),
        ...(request.auth === 'key'
          ? { auth: { header: target.authHeader, scheme: target.authScheme, keyRef: target.keyRef } }
          : {}),
        timeoutMs: target.timeoutMs,
      }),
    );
    const http = { method: request.method, url: request.url, headers: sent };
    return { http: request.body === undefined ? http : { ...http, body: request.body }, reproducer };
  };

  const after = (check: CheckName, exchange: Exchange, tokens: number) => {
    budget.charge(Math.max(tokens, observedTokens(exchange, usageFields)));
    if (exchange.error && exchange.response === undefined) {
      budget.stop ??= {
        reason: 'unreachable',
        check,
        message: `target unreachable: ${exchange.error.message}`,
      };
    } else if (exchange.response?.status === 429) {
      budget.stop ??= {
        reason: 'rate-limit',
        check,
        message: `stopped sending after a 429 answer to ${check}`,
      };
    }
  };

  const session: Session = {
    contract,
    target,
    budget,
    redactor,
    async send(check, request, tokens) {
      const { http, reproducer } = prepare(request);
      if (deadline?.reached())
        return { kind: 'refused', reason: deadline.reason, reproducer, limit: deadline.limit };
      const reason = budget.refusal(tokens);
      if (reason) return { kind: 'refused', reason, reproducer };
      const exchange = endedByDeadline(await client.send(http), deadline);
      after(check, exchange, tokens);
      return { kind: 'sent', exchange, reproducer };
    },
    async stream(check, request, tokens) {
      const { http, reproducer } = prepare(request);
      if (deadline?.reached())
        return { kind: 'refused', reason: deadline.reason, reproducer, limit: deadline.limit };
      const reason = budget.refusal(tokens);
      if (reason) return { kind: 'refused', reason, reproducer };
      const exchange = endedByDeadline(await client.stream(http), deadline);
      after(check, exchange, tokens);
      return { kind: 'sent', exchange, reproducer };
    },
    close: () => client.close(),
  };
  return { ok: true, session };
}

/** The signal requests listen to: the caller's (Ctrl-C, SIGTERM) and the run deadline's. */
function requestSignal(options: RunOptions): AbortSignal | undefined {
  const signals = [options.signal, options.deadline?.signal].filter((s): s is AbortSignal => s !== undefined);
  return signals.length > 1 ? AbortSignal.any(signals) : signals[0];
}

function signalOption(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}

/**
 * A request the run deadline ended reads as ended by that limit, not as cancelled by the operator: its check
 * is `not-run` naming the deadline.
 */
function endedByDeadline<E extends Exchange>(exchange: E, deadline: Deadline | undefined): E {
  if (!deadline?.reached()) return exchange;
  const cut = exchange.bodyEnd === 'aborted' || exchange.error?.code === 'aborted';
  if (!cut) return exchange;
  return {
    ...exchange,
    error: { code: 'timeout', message: deadline.reason, limit: deadline.limit },
    ...(exchange.bodyEnd === 'aborted' ? { bodyEnd: 'timeout' } : {}),
  };
}
