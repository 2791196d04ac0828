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

export interface SpecOptions {
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

function termToFault(term: FaultTerm, options: SpecOptions, attemptOf: AttemptOf): Fault {
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
    case 'named': {
      const env = { envelope: options.envelope, ...(options.now ? { now: options.now } : {}) };
      const { times, ...once } = term.term;
      if (times === undefined) return termFault(term.term, env);
      // `name*N`: the first N attempts the whole spec saw, as the simulator counts them, even those an earlier
      // term answered itself (a term's own count would see only the requests that reached it).
      const fault = termFault(once, env);
      return (next) => {
        const faulty = fault(next);
        return (request, response) =>
          attemptOf(request) <= times ? faulty(request, response) : next(request, response);
      };
    }
    case 'drift':
      throw new ChatproofError(
        'E_USAGE',
        `drift ${term.term.name} is served by the simulator (chatproof simulate); the proxy applies faults`,
      );
    case 'sequence':
      return sequence(term.count, build(term.inner, options, attemptOf));
    case 'chance':
      return probability(term.p, build(term.inner, options, attemptOf), term.seed);
    case 'only':
      return only(term.kind, build(term.inner, options, attemptOf));
  }
}

/** One fault for a spec: header-only faults outermost, the rest in order. An empty spec passes everything. */
export function buildFault(spec: FaultSpec, options: SpecOptions): Fault {
  // Each request is numbered where it enters the spec: `name*N` terms count these attempts.
  const attempts = new WeakMap<ProxyRequest, number>();
  let seen = 0;
  const fault = build(spec, options, (request) => attempts.get(request) ?? seen);
  return (next) => {
    const chain = fault(next);
    return (request, response) => {
      seen += 1;
      attempts.set(request, seen);
      return chain(request, response);
    };
  };
}

function build(spec: FaultSpec, options: SpecOptions, attemptOf: AttemptOf): Fault {
  const decorators = spec.filter((term) => DECORATORS.has(term.fault));
  const others = spec.filter((term) => !DECORATORS.has(term.fault));
  return all(...[...decorators, ...others].map((term) => termToFault(term, options, attemptOf)));
}

/** Parses a fault spec's text form into one fault; throws `E_USAGE` naming the bad part. */
export function parseFaultSpec(spec: string, options: SpecOptions): Fault {
  return buildFault(readFaultSpec(spec), options);
}
