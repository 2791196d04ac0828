/**
 * @module proxy/faults/named
 * The catalogue's fault names (`status-503`, `rate-limit-retry-after:2`, `stream-cut*2`, `hang~0.3`) as
 * middleware: one definition, applied by the fault proxy and by the simulator alike. What each name is for, and
 * its source, is in `simulator/catalogue.ts`; here is what it does. `readTerm` is the one reader of the
 * catalogue's spelling.
 */
import type { Clock } from '../../clock.js';
import type { FaultName } from '../../simulator/catalogue.js';
import { htmlPage } from '../../simulator/html.js';
import { all } from '../compose.js';
import type { Fault, ProxyRequest } from '../types.js';
import { cutStream } from './cut-stream.js';
import { delay } from './delay.js';
import { errorEvent } from './error-event.js';
import { hang } from './hang.js';
import { malformed } from './malformed.js';
import { probability } from './probability.js';
import { resetAfter } from './reset-after.js';
import { resetBeforeHeaders } from './reset-before-headers.js';
import { retryAfter } from './retry-after.js';
import { sequence } from './sequence.js';
import { shouldRetry } from './should-retry.js';
import { stall } from './stall.js';
import { type ErrorEnvelope, status } from './status.js';
import { truncate } from './truncate.js';

/** What a named fault needs from where it runs. */
export interface NamedFaultEnv {
  /** Renders injected errors in the provider's envelope. */
  envelope: ErrorEnvelope;
  /** Clock for an HTTP-date `Retry-After` (default the machine's). */
  now?: Clock;
}

/** One term in the catalogue's spelling: `name`, `name:param`, `name*N` (first N attempts), `name~P`. */
export interface Term {
  name: string;
  param?: number;
  times?: number;
  probability?: number;
}

export type TermResult = { ok: true; term: Term } | { ok: false; message: string };

const TERM = /^([a-z0-9-]+)(?::([A-Za-z0-9._-]{1,32}))?(?:\*(\d{1,4})|~(0(?:\.\d+)?|1(?:\.0+)?))?$/;

/** Reads one term; a parameter must be a number ≥ 0. Names are not checked here (faults and drifts share it). */
export function readTerm(text: string): TermResult {
  const match = TERM.exec(text);
  if (!match)
    return { ok: false, message: `bad fault spec \`${text}\` (expected name, name:param, name*N or name~P)` };
  const [, name = '', param, times, chance] = match;
  const term: Term = { name };
  if (param !== undefined) {
    const value = Number(param);
    if (!Number.isFinite(value) || value < 0) return { ok: false, message: `${name} takes a number ≥ 0` };
    term.param = value;
  }
  if (times !== undefined) term.times = Number(times);
  if (chance !== undefined) term.probability = Number(chance);
  return { ok: true, term };
}

// A parameter is capped at ten minutes: a cap or a delay longer than that only ties up a socket.
const MAX_PARAM = 600_000;

type Build = (param: (fallback: number) => number, env: NamedFaultEnv) => Fault;

const code =
  (n: number, extra: { code?: string; headers?: Record<string, string> } = {}): Build =>
  (_param, env) =>
    status({ status: n, envelope: env.envelope, ...extra });

const rateLimit =
  (signal: Build): Build =>
  (param, env) =>
    all(signal(param, env), status({ status: 429, envelope: env.envelope }));

/** An HTML page instead of the JSON envelope, as a gateway or captive portal answers. */
const html =
  (n: number, title: string): Build =>
  () =>
    status({
      status: n,
      envelope: () => ({ headers: { 'content-type': 'text/html; charset=utf-8' }, body: htmlPage(n, title) }),
    });

// Bytes of the body let through before reset-mid-body drops the connection: inside the first JSON object or
// stream event of even the shortest completion.
const RESET_MID_BODY_BYTES = 64;

const NAMED: Readonly<Record<FaultName, Build>> = {
  'rate-limit': code(429),
  'rate-limit-retry-after': rateLimit((param) => retryAfter({ seconds: Math.round(param(1)) })),
  'rate-limit-retry-after-date': rateLimit((param, env) =>
    retryAfter({ dateInSeconds: Math.round(param(1)), ...(env.now ? { now: env.now } : {}) }),
  ),
  'rate-limit-retry-after-ms': rateLimit((param) => retryAfter({ ms: Math.round(param(250)) })),
  'rate-limit-retry-after-unreadable': code(429, { headers: { 'retry-after': 'soon' } }),
  'status-408': code(408),
  'status-409': code(409),
  'status-500': code(500),
  'invalid-request-500': code(500, { code: 'invalid_request' }),
  'status-502': code(502),
  'status-503': code(503),
  'status-504': code(504),
  'status-524': code(524),
  'should-retry-true': (_param, env) =>
    all(shouldRetry(true), status({ status: 400, envelope: env.envelope })),
  'should-retry-false': (_param, env) =>
    all(shouldRetry(false), status({ status: 503, envelope: env.envelope })),
  hang: (param) => hang({ maxMs: param(30_000) }),
  'slow-first-byte': (param) => delay(param(2000)),
  'stall-mid-stream': (param) => stall({ maxMs: param(30_000) }),
  'reset-before-headers': () => resetBeforeHeaders(),
  'reset-mid-body': () => resetAfter(RESET_MID_BODY_BYTES),
  // A stream ends cleanly without finish_reason or [DONE]; a JSON answer loses its second half.
  'stream-cut': () => all(cutStream({ afterEvents: 1 }), truncate()),
  'stream-error-event': (_param, env) => errorEvent({ envelope: env.envelope }),
  'malformed-json': () => malformed(),
  'html-200': html(200, 'OK'),
  'html-502': html(502, 'Bad Gateway'),
  // The 500 error body, sent with status 200.
  'error-body-200': (_param, env) =>
    status({ status: 200, envelope: (input) => env.envelope({ ...input, status: 500 }) }),
};

/** The middleware for a catalogued fault; `param` is the `name:param` number, when given. */
export function namedFault(name: FaultName, param: number | undefined, env: NamedFaultEnv): Fault {
  return NAMED[name]((fallback) => Math.min(param ?? fallback, MAX_PARAM), env);
}

/**
 * A term naming a catalogued fault, with `*N` as `sequence` (counted by `attemptOf` when given) and `~P` as a
 * seeded `probability` (seed 1).
 */
export function termFault(
  term: Term & { name: FaultName },
  env: NamedFaultEnv,
  attemptOf?: (request: ProxyRequest) => number,
): Fault {
  const fault = namedFault(term.name, term.param, env);
  if (term.times !== undefined) return sequence(term.times, fault, attemptOf);
  if (term.probability !== undefined) return probability(term.probability, fault, 1);
  return fault;
}
