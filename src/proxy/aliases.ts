/**
 * @module proxy/aliases
 * The simulator's fault names (`status-503`, `rate-limit-retry-after:2`, `stream-cut*2`, `hang~0.3`) accepted by
 * the proxy, so one spelling works in both places. Each name maps onto the proxy's own middleware; `*N` maps onto
 * `sequence` and `~P` onto `chance` (seed 1). Names the proxy cannot reproduce faithfully are listed in
 * `UNSUPPORTED_SIMULATOR_FAULTS` with the reason.
 */
import { htmlPage } from '../simulator/answer.js';
import { FAULTS, type FaultName } from '../simulator/catalogue.js';
import { all } from './compose.js';
import {
  cutStream,
  delay,
  type ErrorEnvelope,
  hang,
  probability,
  resetAfter,
  resetBeforeHeaders,
  retryAfter,
  sequence,
  shouldRetry,
  status,
  truncate,
} from './faults/index.js';
import type { Fault } from './types.js';

/** Simulator faults the proxy does not offer, and why. */
export const UNSUPPORTED_SIMULATOR_FAULTS = {
  'stall-mid-stream': 'no proxy fault sends part of the body and then holds the connection open',
  'stream-error-event': 'no proxy fault injects an in-band error event into a stream',
  'malformed-json':
    'the proxy can truncate a JSON body (truncate) but cannot insert a broken event into a stream',
} as const satisfies Partial<Record<FaultName, string>>;

type Supported = Exclude<FaultName, keyof typeof UNSUPPORTED_SIMULATOR_FAULTS>;

/** Reads `name:param` as a number ≥ 0, or the simulator's default when absent. */
export type NumberParam = (fallback: number) => number;

type Build = (param: NumberParam, envelope: ErrorEnvelope) => Fault;

const code = (n: number, extra: { code?: string; headers?: Record<string, string> } = {}) =>
  ((_param, envelope) => status({ status: n, envelope, ...extra })) satisfies Build;

const rateLimit =
  (signal: (param: NumberParam) => Fault): Build =>
  (param, envelope) =>
    all(signal(param), status({ status: 429, envelope }));

/** An HTML page instead of the JSON envelope, as a gateway or captive portal answers. */
const html =
  (n: number, title: string): Build =>
  () =>
    status({
      status: n,
      envelope: () => ({ headers: { 'content-type': 'text/html; charset=utf-8' }, body: htmlPage(n, title) }),
    });

// Bytes of the body let through before reset-mid-body drops the connection: inside the first JSON object or
// stream event, like the simulator's "first half" for a short completion.
const RESET_MID_BODY_BYTES = 64;

const BUILDERS: Readonly<Record<Supported, Build>> = {
  'rate-limit': code(429),
  'rate-limit-retry-after': rateLimit((param) => retryAfter({ seconds: Math.round(param(1)) })),
  'rate-limit-retry-after-date': rateLimit((param) => retryAfter({ dateInSeconds: Math.round(param(1)) })),
  'rate-limit-retry-after-ms': rateLimit((param) => retryAfter({ ms: Math.round(param(250)) })),
  'status-408': code(408),
  'status-409': code(409),
  'status-500': code(500),
  'invalid-request-500': code(500, { code: 'invalid_request' }),
  'status-502': code(502),
  'status-503': code(503),
  'status-504': code(504),
  'status-524': code(524),
  'should-retry-true': (_param, envelope) => all(shouldRetry(true), status({ status: 400, envelope })),
  'should-retry-false': (_param, envelope) => all(shouldRetry(false), status({ status: 503, envelope })),
  hang: (param) => hang({ maxMs: param(30_000) }),
  'slow-first-byte': (param) => delay(param(2000)),
  'reset-before-headers': () => resetBeforeHeaders(),
  'reset-mid-body': () => resetAfter(RESET_MID_BODY_BYTES),
  // A stream ends cleanly without finish_reason or [DONE]; a JSON answer loses its second half.
  'stream-cut': () => all(cutStream({ afterEvents: 1 }), truncate()),
  'html-200': html(200, 'OK'),
  'html-502': html(502, 'Bad Gateway'),
  // The simulator's 500 error body, sent with status 200.
  'error-body-200': (_param, envelope) =>
    status({ status: 200, envelope: (input) => envelope({ ...input, status: 500 }) }),
};

/** Simulator fault names the proxy accepts. */
export const SIMULATOR_FAULT_ALIASES: readonly string[] = FAULTS.map((item) => item.name).filter(
  (name) => name in BUILDERS,
);

const TERM = /^([a-z0-9-]+)(?::([A-Za-z0-9._-]{1,32}))?(?:\*(\d{1,4})|~(0(?:\.\d+)?|1(?:\.0+)?))?$/;

/** How a term in the simulator's spelling reads: undefined when it is not one (unknown name or other syntax). */
export interface AliasTerm {
  name: string;
  param?: string;
  times?: number;
  probability?: number;
}

/** Splits `status-503*2` into its parts when the name is an accepted simulator fault. */
export function readAlias(term: string): AliasTerm | undefined {
  const match = TERM.exec(term);
  if (!match || !(match[1]! in BUILDERS)) return undefined;
  const [, name = '', param, times, chance] = match;
  return {
    name,
    ...(param !== undefined ? { param } : {}),
    ...(times !== undefined ? { times: Number(times) } : {}),
    ...(chance !== undefined ? { probability: Number(chance) } : {}),
  };
}

/** Builds the proxy fault for a simulator-spelled term; `fail` reports a bad parameter. */
export function aliasFault(alias: AliasTerm, envelope: ErrorEnvelope, fail: (why: string) => Error): Fault {
  const param: NumberParam = (fallback) => {
    if (alias.param === undefined) return fallback;
    const value = Number(alias.param);
    if (!Number.isFinite(value) || value < 0) throw fail(`${alias.name} takes a number ≥ 0`);
    return value;
  };
  const fault = BUILDERS[alias.name as Supported](param, envelope);
  if (alias.times !== undefined) return sequence(alias.times, fault);
  if (alias.probability !== undefined) return probability(alias.probability, fault, 1);
  return fault;
}
