/**
 * @module simulator/faults
 * What each fault does to the answer. Status faults are data (an error answer); transport faults hold,
 * delay, cut or reset the connection through the context the server hands in.
 */

import type { ServerResponse } from 'node:http';
import { type Answer, errorAnswer, htmlPage, isStream, JSON_TYPE, send } from './answer.js';
import type { FaultName } from './catalogue.js';
import { sseEvent } from './completion.js';
import { errorObject } from './envelope.js';
import type { ErrorSpec, Profile } from './types.js';

/** What a fault may use: the response, the success answer it would replace, and tracked timers. */
export interface FaultContext {
  res: ServerResponse;
  profile: Profile;
  requestId: string;
  param: string | undefined;
  stream: boolean;
  /** The answer without the fault (drifts applied). */
  success(): Answer;
  /** Runs `fn` after `ms` unless the client goes away or the simulator closes first. */
  later(ms: number, fn: () => void): void;
  /** Current time in milliseconds (HTTP-date Retry-After). */
  now(): number;
}

const DEFAULT_CAP_MS = 30_000;
const MAX_CAP_MS = 600_000;

const number = (param: string | undefined, fallback: number, max = MAX_CAP_MS) => {
  const value = Number(param);
  return param !== undefined && Number.isFinite(value) && value >= 0 ? Math.min(value, max) : fallback;
};

const byStatus = (profile: Profile, status: number): ErrorSpec =>
  profile.errors.byStatus.value[String(status)] ?? { status, message: `error ${status}`, code: null };

const statusFault = (status: number) => (ctx: FaultContext) =>
  send(ctx.res, errorAnswer(ctx.profile, byStatus(ctx.profile, status), ctx.requestId));

const rateLimit = (headers: (ctx: FaultContext) => Record<string, string>) => (ctx: FaultContext) =>
  send(ctx.res, errorAnswer(ctx.profile, ctx.profile.errors.rateLimit.value, ctx.requestId, headers(ctx)));

/** Headers and the first part of the body, held open until the client leaves or the cap destroys it. */
function writeHead(ctx: FaultContext, answer: Answer): void {
  ctx.res.writeHead(answer.status, answer.headers);
  ctx.res.flushHeaders();
}

/** The first half of an answer: half of the stream events, or half of the JSON text. */
function firstHalf(answer: Answer): string {
  if (answer.parts.length > 1)
    return answer.parts.slice(0, Math.max(1, Math.floor(answer.parts.length / 2))).join('');
  const body = answer.parts[0] ?? '';
  return body.slice(0, Math.floor(body.length / 2));
}

function holdUntilCap(ctx: FaultContext): void {
  ctx.later(number(ctx.param, DEFAULT_CAP_MS), () => ctx.res.socket?.destroy());
}

function withoutDone(answer: Answer): Answer {
  return { ...answer, parts: answer.parts.filter((part) => part !== sseEvent('[DONE]')) };
}

/** What every fault does. */
export const FAULT_ACTIONS: Readonly<Record<FaultName, (ctx: FaultContext) => void>> = {
  'rate-limit': rateLimit(() => ({})),
  'rate-limit-retry-after': rateLimit((ctx) => ({ 'retry-after': String(Math.round(number(ctx.param, 1))) })),
  'rate-limit-retry-after-date': rateLimit((ctx) => ({
    'retry-after': new Date(ctx.now() + number(ctx.param, 1) * 1000).toUTCString(),
  })),
  'rate-limit-retry-after-ms': rateLimit((ctx) => ({ 'retry-after-ms': String(number(ctx.param, 250)) })),
  'status-408': statusFault(408),
  'status-409': statusFault(409),
  'status-500': statusFault(500),
  'invalid-request-500': (ctx) =>
    send(ctx.res, errorAnswer(ctx.profile, ctx.profile.errors.invalidRequest5xx.value, ctx.requestId)),
  'status-502': statusFault(502),
  'status-503': statusFault(503),
  'status-504': statusFault(504),
  'status-524': statusFault(524),
  'should-retry-true': (ctx) =>
    send(
      ctx.res,
      errorAnswer(ctx.profile, ctx.profile.errors.invalidRequest.value, ctx.requestId, {
        'x-should-retry': 'true',
      }),
    ),
  'should-retry-false': (ctx) =>
    send(
      ctx.res,
      errorAnswer(ctx.profile, byStatus(ctx.profile, 503), ctx.requestId, { 'x-should-retry': 'false' }),
    ),
  hang: holdUntilCap,
  'slow-first-byte': (ctx) => ctx.later(number(ctx.param, 2000), () => send(ctx.res, ctx.success())),
  'stall-mid-stream': (ctx) => {
    const answer = ctx.success();
    writeHead(ctx, answer);
    ctx.res.write(firstHalf(answer));
    holdUntilCap(ctx);
  },
  'reset-before-headers': (ctx) => {
    ctx.res.socket?.resetAndDestroy();
  },
  'reset-mid-body': (ctx) => {
    const answer = ctx.success();
    writeHead(ctx, answer);
    // Let the partial body reach the client before the reset, or the reset may overtake it.
    ctx.res.write(firstHalf(answer), () => ctx.later(50, () => ctx.res.socket?.resetAndDestroy()));
  },
  'stream-cut': (ctx) => {
    const answer = ctx.success();
    if (isStream(answer)) {
      ctx.res.writeHead(answer.status, answer.headers);
      ctx.res.end(firstHalf(answer));
    } else {
      send(ctx.res, { ...answer, parts: [firstHalf(answer)] });
    }
  },
  'stream-error-event': (ctx) => {
    const error = errorObject(ctx.profile, {
      ...byStatus(ctx.profile, 500),
      requestId: ctx.requestId,
    });
    const answer = ctx.success();
    if (!isStream(answer)) {
      send(ctx.res, {
        status: 200,
        headers: { ...answer.headers, 'content-type': JSON_TYPE },
        parts: [JSON.stringify(error)],
      });
      return;
    }
    const events = withoutDone(answer).parts;
    const head = events.slice(0, Math.max(1, Math.floor(events.length / 2)));
    send(ctx.res, { ...answer, parts: [...head, sseEvent(JSON.stringify(error))] });
  },
  'malformed-json': (ctx) => {
    const answer = ctx.success();
    const broken =
      '{"id":"chatcmpl-broken","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"trunc';
    if (isStream(answer)) {
      const events = answer.parts;
      send(ctx.res, { ...answer, parts: [...events.slice(0, 1), sseEvent(broken), ...events.slice(1)] });
    } else {
      send(ctx.res, { ...answer, parts: [broken] });
    }
  },
  'html-200': (ctx) => html(ctx, 200, 'OK'),
  'html-502': (ctx) => html(ctx, 502, 'Bad Gateway'),
  'error-body-200': (ctx) => {
    const answer = errorAnswer(ctx.profile, byStatus(ctx.profile, 500), ctx.requestId);
    send(ctx.res, { ...answer, status: 200 });
  },
};

function html(ctx: FaultContext, status: number, title: string): void {
  send(ctx.res, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    parts: [htmlPage(status, title)],
  });
}
