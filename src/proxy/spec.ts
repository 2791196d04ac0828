/**
 * @module proxy/spec
 * Fault specs as text, for the command line and for scenario definitions: `status:503`,
 * `sequence:2xstatus:503+retry-after:1`, `only:streamxcut-stream:2`, `drop:choices[].message.content`.
 * `+` joins faults; `sequence:N x`, `chance:P[:SEED] x` and `only:stream|json x` apply to everything after them.
 * The catalogue's names (`status-503`, `rate-limit-retry-after:2`, `stream-cut*2`, `hang~0.3`) work too, with the
 * meaning they have in the simulator: both apply the same middleware (`faults/named.ts`).
 */
import type { JsonValue } from '../contract/index.js';
import { ChatproofError } from '../errors.js';
import { FAULTS, isFaultName } from '../simulator/catalogue.js';
import { all } from './compose.js';
import {
  cutStream,
  delay,
  drip,
  type ErrorEnvelope,
  hang,
  only,
  probability,
  readTerm,
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
import { parsePath } from './json-path.js';
import type { Fault } from './types.js';

export interface SpecOptions {
  /** Renders injected error bodies: the simulator's `faultEnvelope(profile)`, or one built from a ledger. */
  envelope: ErrorEnvelope;
  /** Clock for HTTP-date `Retry-After` (default `Date.now`). */
  now?: () => number;
}

/** Faults that only add headers: they go outermost so they decorate whatever the others answer. */
const DECORATORS = new Set(['retry-after', 'retry-after-date', 'retry-after-ms', 'should-retry']);

function bad(spec: string, why: string): ChatproofError {
  return new ChatproofError('E_USAGE', `bad fault spec "${spec}": ${why}`);
}

function integer(spec: string, value: string | undefined, what: string, min = 0): number {
  const number = Number(value);
  if (value === undefined || value === '' || !Number.isInteger(number) || number < min) {
    throw bad(spec, `${what} must be an integer ≥ ${min}`);
  }
  return number;
}

function path(spec: string, value: string | undefined): string {
  if (value === undefined || !parsePath(value))
    throw bad(spec, 'expected a path like choices[0].message.content');
  return value;
}

function pair(spec: string, value: string | undefined): [string, string] {
  const at = value?.indexOf('=') ?? -1;
  if (value === undefined || at <= 0) throw bad(spec, 'expected PATH=VALUE');
  return [path(spec, value.slice(0, at)), value.slice(at + 1)];
}

/** The proxy's own fault names. */
export const PROXY_FAULT_NAMES = [
  'status',
  'retry-after',
  'retry-after-date',
  'retry-after-ms',
  'should-retry',
  'hang',
  'delay',
  'drip',
  'reset-before-headers',
  'reset-after',
  'cut-stream',
  'truncate',
  'drop',
  'null',
  'rename',
  'add',
] as const;

const PROXY_NAMES: ReadonlySet<string> = new Set(PROXY_FAULT_NAMES);

function unknown(term: string, name: string): ChatproofError {
  return bad(
    term,
    `unknown fault "${name}"; proxy faults: ${PROXY_FAULT_NAMES.join(', ')} (with sequence:Nx, chance:P[:SEED]x, only:stream|jsonx); catalogue names: ${FAULTS.map((item) => item.name).join(', ')} (with *N or ~P)`,
  );
}

function simple(term: string, options: SpecOptions): Fault {
  const [name = '', ...args] = term.split(':');
  const rest = args.join(':');
  // Names both spellings share (hang, reset-before-headers) keep the proxy's meaning unless a suffix says otherwise.
  const suffixed = /[*~][0-9.]+$/.test(term);
  const base = name.replace(/[*~].*$/s, '');
  if (isFaultName(base) && !(PROXY_NAMES.has(base) && !suffixed)) {
    const read = readTerm(term);
    if (!read.ok) throw bad(term, read.message);
    const env = { envelope: options.envelope, ...(options.now ? { now: options.now } : {}) };
    return termFault({ ...read.term, name: base }, env);
  }
  switch (name) {
    case 'status': {
      const code = args.find((arg, index) => index > 0 && !arg.includes('='));
      const type = args.find((arg) => arg.startsWith('type='))?.slice(5);
      return status({
        status: integer(term, args[0], 'status', 100),
        envelope: options.envelope,
        ...(code !== undefined ? { code } : {}),
        ...(type !== undefined ? { type } : {}),
      });
    }
    case 'retry-after':
      return retryAfter({ seconds: integer(term, args[0], 'seconds') });
    case 'retry-after-date':
      return retryAfter({ dateInSeconds: integer(term, args[0], 'seconds') });
    case 'retry-after-ms':
      return retryAfter({ ms: integer(term, args[0], 'milliseconds') });
    case 'should-retry':
      if (args[0] !== 'true' && args[0] !== 'false') throw bad(term, 'should-retry takes true or false');
      return shouldRetry(args[0] === 'true');
    case 'hang':
      return hang(args[0] === undefined ? {} : { maxMs: integer(term, args[0], 'milliseconds') });
    case 'delay':
      return delay(integer(term, args[0], 'milliseconds'));
    case 'drip':
      return drip({
        intervalMs: integer(term, args[0], 'interval'),
        ...(args[1] !== undefined ? { bytes: integer(term, args[1], 'bytes', 1) } : {}),
      });
    case 'reset-before-headers':
      return resetBeforeHeaders();
    case 'reset-after':
      return resetAfter(integer(term, args[0], 'bytes'));
    case 'cut-stream':
      return cutStream(args[0] === undefined ? {} : { afterEvents: integer(term, args[0], 'events') });
    case 'truncate':
      return truncate(args[0] === undefined ? {} : { bytes: integer(term, args[0], 'bytes') });
    case 'drop':
    case 'null':
      return rewrite([{ op: name, path: path(term, rest) }]);
    case 'rename': {
      const [from, to] = pair(term, rest);
      if (!/^[A-Za-z_][\w-]*$/.test(to)) throw bad(term, 'the new name must be a plain key');
      return rewrite([{ op: 'rename', path: from, to }]);
    }
    case 'add': {
      const [at, raw] = pair(term, rest);
      let value: JsonValue;
      try {
        value = JSON.parse(raw) as JsonValue;
      } catch {
        value = raw;
      }
      return rewrite([{ op: 'add', path: at, value }]);
    }
    default:
      throw unknown(term, name.replace(/[*~].*$/s, ''));
  }
}

const WRAPPERS: { pattern: RegExp; wrap: (match: RegExpExecArray, inner: Fault, spec: string) => Fault }[] = [
  {
    pattern: /^sequence:(\d+)x(.+)$/s,
    wrap: (match, inner, spec) => sequence(integer(spec, match[1], 'count'), inner),
  },
  {
    pattern: /^chance:([0-9.]+)(?::(\d+))?x(.+)$/s,
    wrap: (match, inner, spec) => {
      const p = Number(match[1]);
      if (!(p >= 0 && p <= 1)) throw bad(spec, 'chance must be between 0 and 1');
      return probability(p, inner, match[2] === undefined ? 1 : Number(match[2]));
    },
  },
  {
    pattern: /^only:(stream|json)x(.+)$/s,
    wrap: (match, inner) => only(match[1] as 'stream' | 'json', inner),
  },
];

/** Parses a fault spec into one fault; throws `E_USAGE` naming the bad part. */
export function parseFaultSpec(spec: string, options: SpecOptions): Fault {
  const terms = spec.split('+').map((term) => term.trim());
  if (terms.some((term) => term.length === 0)) throw bad(spec, 'empty fault');
  const decorators: Fault[] = [];
  const others: Fault[] = [];
  for (const [index, term] of terms.entries()) {
    for (const { pattern, wrap } of WRAPPERS) {
      const match = pattern.exec(term);
      if (!match) continue;
      const inner = parseFaultSpec([match.at(-1)!, ...terms.slice(index + 1)].join('+'), options);
      others.push(wrap(match, inner, spec));
      return all(...decorators, ...others);
    }
    const fault = simple(term, options);
    (DECORATORS.has(term.split(':')[0]!) ? decorators : others).push(fault);
  }
  return all(...decorators, ...others);
}
