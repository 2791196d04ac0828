/**
 * @module proxy/spec
 * Fault specs to middleware: `buildFault` turns the data (`fault-spec.ts`) into one fault; `parseFaultSpec` reads
 * the text form first, for the command line. The catalogue's names (`status-503`, `stream-cut*2`) build the same
 * middleware the simulator applies (`faults/named.ts`).
 */
import type { Clock } from '../clock.js';
import { ChatproofError } from '../errors.js';
import { all } from './compose.js';
import { type FaultSpec, type FaultTerm, readFaultSpec } from './fault-spec.js';
import {
  cutStream,
  delay,
  drip,
  type ErrorEnvelope,
  hang,
  only,
  probability,
  resetAfter,
  resetBeforeHeaders,
  retryAfter,
  rewrite,
  sequence,
  shouldRetry,
  status,
  termFault,
  truncate,
} from './faults/index.js';
import type { Fault, ProxyRequest } from './types.js';

export {
  type FaultSpec,
  type FaultTerm,
  formatFaultSpec,
  PROXY_FAULT_NAMES,
  readFaultSpec,
} from './fault-spec.js';

export interface FaultSpecOptions {
  /** Renders injected error bodies: the simulator's `faultEnvelope(profile)`, or one built from a ledger. */
  envelope: ErrorEnvelope;
  /** Clock for HTTP-date `Retry-After` (default `Date.now`). */
  now?: Clock;
}

/** Faults that only add headers: they go outermost so they decorate whatever the others answer. */
const DECORATORS: ReadonlySet<FaultTerm['fault']> = new Set([
  'retry-after',
  'retry-after-date',
  'retry-after-ms',
  'should-retry',
]);

/** The attempt number (1-based) a request has for the whole spec it entered. */
type AttemptOf = (request: ProxyRequest) => number;

function termToFault(term: FaultTerm, options: FaultSpecOptions, attemptOf: AttemptOf): Fault {
  switch (term.fault) {
    case 'status':
      return status({
        status: term.status,
        envelope: options.envelope,
        ...(term.code !== undefined ? { code: term.code } : {}),
        ...(term.type !== undefined ? { type: term.type } : {}),
      });
    case 'retry-after':
      return retryAfter({ seconds: term.seconds });
    case 'retry-after-date':
      return retryAfter({ dateInSeconds: term.seconds, ...(options.now ? { now: options.now } : {}) });
    case 'retry-after-ms':
      return retryAfter({ ms: term.ms });
    case 'should-retry':
      return shouldRetry(term.value);
    case 'hang':
      return hang(term.maxMs === undefined ? {} : { maxMs: term.maxMs });
    case 'delay':
      return delay(term.ms);
    case 'drip':
      return drip({
        intervalMs: term.intervalMs,
        ...(term.bytes !== undefined ? { bytes: term.bytes } : {}),
      });
    case 'reset-before-headers':
      return resetBeforeHeaders();
    case 'reset-after':
      return resetAfter(term.bytes);
    case 'cut-stream':
      return cutStream(term.afterEvents === undefined ? {} : { afterEvents: term.afterEvents });
    case 'truncate':
      return truncate(term.bytes === undefined ? {} : { bytes: term.bytes });
    case 'drop':
    case 'null':
      return rewrite([{ op: term.fault, path: term.path }]);
    case 'rename':
      return rewrite([{ op: 'rename', path: term.path, to: term.to }]);
    case 'add':
      return rewrite([{ op: 'add', path: term.path, value: term.value }]);
    case 'named':
      return termFault(
        term.term,
        { envelope: options.envelope, ...(options.now ? { now: options.now } : {}) },
        attemptOf,
      );
    case 'drift':
      throw new ChatproofError(
        'E_USAGE',
        `drift ${term.term.name} is served by the simulator (chatproof simulate); the proxy applies faults`,
      );
    case 'sequence':
      return sequence(term.count, buildFault(term.inner, options), attemptOf);
    case 'chance':
      return probability(term.p, buildFault(term.inner, options), term.seed);
    case 'only':
      return only(term.kind, buildFault(term.inner, options));
  }
}

/**
 * One fault for a spec: header-only faults outermost, the rest in order. An empty spec passes everything. Each
 * request is numbered where it enters the spec, and `name*N` and `sequence:N x` count those numbers: the first
 * N attempts the spec saw, as the simulator counts them, also those an earlier term answered itself. A wrapper's
 * inner spec numbers the requests that reach it.
 */
export function buildFault(spec: FaultSpec, options: FaultSpecOptions): Fault {
  const attempts = new WeakMap<ProxyRequest, number>();
  // Every request passes the numbering below before any term asks.
  const attemptOf: AttemptOf = (request) => attempts.get(request) ?? 1;
  const decorators = spec.filter((term) => DECORATORS.has(term.fault));
  const others = spec.filter((term) => !DECORATORS.has(term.fault));
  const fault = all(...[...decorators, ...others].map((term) => termToFault(term, options, attemptOf)));
  return (next) => {
    const chain = fault(next);
    let seen = 0;
    return (request, response) => {
      seen += 1;
      attempts.set(request, seen);
      return chain(request, response);
    };
  };
}

/** Parses a fault spec's text form into one fault; throws `E_USAGE` naming the bad part. */
export function parseFaultSpec(spec: string, options: FaultSpecOptions): Fault {
  return buildFault(readFaultSpec(spec), options);
}
