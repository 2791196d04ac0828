/**
 * @module proxy/fault-spec
 * A fault spec as data: what a `--fault` string reads to, what audit scenarios are built from, and what
 * `buildFault` turns into middleware. `readFaultSpec` is the one parser of the text form, `formatFaultSpec` its
 * inverse (the text a report shows). Pure.
 *
 * Text form: `status:503`, `sequence:2xstatus:503+retry-after:1`, `only:streamxcut-stream:2`,
 * `drop:choices[].message.content`, and the catalogue's fault and drift names (`status-503*2`, `usage-missing`).
 * `+` or `,` joins terms (the same; a `,` inside brackets, braces or quotes is part of its term); `sequence:N x`, `chance:P[:SEED] x` and `only:stream|json x` apply to everything after them.
 */
import type { JsonValue } from '../contract/index.js';
import { ChatproofError } from '../errors.js';
import {
  DRIFTS,
  type DriftName,
  FAULTS,
  type FaultName,
  isDriftName,
  isFaultName,
} from '../simulator/catalogue.js';
import { readTerm, type Term } from './faults/named.js';
import { parsePath } from './json-path.js';

/** One fault of a spec. */
export type FaultTerm =
  | { fault: 'status'; status: number; code?: string; type?: string }
  | { fault: 'retry-after' | 'retry-after-date'; seconds: number }
  | { fault: 'retry-after-ms'; ms: number }
  | { fault: 'should-retry'; value: boolean }
  | { fault: 'hang'; maxMs?: number }
  | { fault: 'delay'; ms: number }
  | { fault: 'drip'; intervalMs: number; bytes?: number }
  | { fault: 'reset-before-headers' }
  | { fault: 'reset-after'; bytes: number }
  | { fault: 'cut-stream'; afterEvents?: number }
  | { fault: 'truncate'; bytes?: number }
  | { fault: 'drop' | 'null'; path: string }
  | { fault: 'rename'; path: string; to: string }
  | { fault: 'add'; path: string; value: JsonValue }
  /** A catalogue name (`status-503`, `stall-mid-stream:200`) with its `*N` or `~P`. */
  | { fault: 'named'; term: Term & { name: FaultName } }
  /** A catalogue drift name (`usage-missing`) with its `*N` or `~P`: served by the simulator, not the proxy. */
  | { fault: 'drift'; term: Term & { name: DriftName } }
  /** The first `count` requests meet `inner`; the rest pass. */
  | { fault: 'sequence'; count: number; inner: FaultSpec }
  /** Each request meets `inner` with probability `p`, drawn from `seed`. */
  | { fault: 'chance'; p: number; seed: number; inner: FaultSpec }
  /** Only stream (or only JSON) requests meet `inner`. */
  | { fault: 'only'; kind: 'stream' | 'json'; inner: FaultSpec };

/** Faults applied together, in order (the text form's `+` or `,`); empty is no fault. */
export type FaultSpec = readonly FaultTerm[];

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
] as const satisfies readonly ProxyFaultName[];

/** The terms a proxy fault name reads to: every `FaultTerm` but a catalogue name, a drift or a wrapper. */
type ProxyFaultName = Exclude<FaultTerm['fault'], 'named' | 'drift' | 'sequence' | 'chance' | 'only'>;
// Every such term has its name in the list: a fault added to `FaultTerm` without one does not compile.
type Unlisted = Exclude<ProxyFaultName, (typeof PROXY_FAULT_NAMES)[number]>;
const everyNameListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyNameListed;

const PROXY_NAMES: ReadonlySet<string> = new Set(PROXY_FAULT_NAMES);

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

function unknown(term: string, name: string): ChatproofError {
  return bad(
    term,
    `unknown fault "${name}"; proxy faults: ${PROXY_FAULT_NAMES.join(', ')} (with sequence:Nx, chance:P[:SEED]x, only:stream|jsonx); catalogue names: ${FAULTS.map((item) => item.name).join(', ')} (with *N or ~P); drifts: ${DRIFTS.map((item) => item.name).join(', ')}`,
  );
}

const optional = <K extends string>(key: K, value: number | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: number };

function readSimple(term: string): FaultTerm {
  const [name = '', ...args] = term.split(':');
  const rest = args.join(':');
  // Names both spellings share (hang, reset-before-headers) keep the proxy's meaning unless a suffix says otherwise.
  const suffixed = /[*~][0-9.]+$/.test(term);
  const base = name.replace(/[*~].*$/s, '');
  if (isFaultName(base) && !(PROXY_NAMES.has(base) && !suffixed)) {
    const read = readTerm(term);
    if (!read.ok) throw bad(term, read.message);
    return { fault: 'named', term: { ...read.term, name: base } };
  }
  if (isDriftName(base)) {
    const read = readTerm(term);
    if (!read.ok) throw bad(term, read.message);
    return { fault: 'drift', term: { ...read.term, name: base } };
  }
  switch (name) {
    case 'status': {
      const code = args.find((arg, index) => index > 0 && !arg.includes('='));
      const type = args.find((arg) => arg.startsWith('type='))?.slice(5);
      return {
        fault: 'status',
        status: integer(term, args[0], 'status', 100),
        ...(code !== undefined ? { code } : {}),
        ...(type !== undefined ? { type } : {}),
      };
    }
    case 'retry-after':
    case 'retry-after-date':
      return { fault: name, seconds: integer(term, args[0], 'seconds') };
    case 'retry-after-ms':
      return { fault: name, ms: integer(term, args[0], 'milliseconds') };
    case 'should-retry':
      if (args[0] !== 'true' && args[0] !== 'false') throw bad(term, 'should-retry takes true or false');
      return { fault: name, value: args[0] === 'true' };
    case 'hang':
      return {
        fault: name,
        ...optional('maxMs', args[0] === undefined ? undefined : integer(term, args[0], 'milliseconds')),
      };
    case 'delay':
      return { fault: name, ms: integer(term, args[0], 'milliseconds') };
    case 'drip':
      return {
        fault: name,
        intervalMs: integer(term, args[0], 'interval'),
        ...optional('bytes', args[1] === undefined ? undefined : integer(term, args[1], 'bytes', 1)),
      };
    case 'reset-before-headers':
      return { fault: name };
    case 'reset-after':
      return { fault: name, bytes: integer(term, args[0], 'bytes') };
    case 'cut-stream':
      return {
        fault: name,
        ...optional('afterEvents', args[0] === undefined ? undefined : integer(term, args[0], 'events')),
      };
    case 'truncate':
      return {
        fault: name,
        ...optional('bytes', args[0] === undefined ? undefined : integer(term, args[0], 'bytes')),
      };
    case 'drop':
    case 'null':
      return { fault: name, path: path(term, rest) };
    case 'rename': {
      const [from, to] = pair(term, rest);
      if (!/^[A-Za-z_][\w-]*$/.test(to)) throw bad(term, 'the new name must be a plain key');
      return { fault: name, path: from, to };
    }
    case 'add': {
      const [at, raw] = pair(term, rest);
      let value: JsonValue;
      try {
        value = JSON.parse(raw) as JsonValue;
      } catch {
        value = raw;
      }
      return { fault: name, path: at, value };
    }
    default:
      throw unknown(term, name.replace(/[*~].*$/s, ''));
  }
}

const WRAPPERS: {
  pattern: RegExp;
  wrap: (match: RegExpExecArray, inner: FaultSpec, spec: string) => FaultTerm;
}[] = [
  {
    pattern: /^sequence:(\d+)x(.+)$/s,
    wrap: (match, inner, spec) => ({ fault: 'sequence', count: integer(spec, match[1], 'count'), inner }),
  },
  {
    pattern: /^chance:([0-9.]+)(?::(\d+))?x(.+)$/s,
    wrap: (match, inner, spec) => {
      const p = Number(match[1]);
      if (!(p >= 0 && p <= 1)) throw bad(spec, 'chance must be between 0 and 1');
      return { fault: 'chance', p, seed: match[2] === undefined ? 1 : Number(match[2]), inner };
    },
  },
  {
    pattern: /^only:(stream|json)x(.+)$/s,
    wrap: (match, inner) => ({ fault: 'only', kind: match[1] as 'stream' | 'json', inner }),
  },
];

const OPEN: Record<string, string> = { '[': ']', '{': '}', '(': ')' };

/** Splits a spec at each `+` or `,` outside brackets, braces and quotes (an `add:` JSON value keeps its commas). */
export function splitFaultSpec(spec: string): string[] {
  const terms: string[] = [];
  const closers: string[] = [];
  let quote = false;
  let start = 0;
  for (let at = 0; at < spec.length; at++) {
    const char = spec[at]!;
    if (quote) {
      if (char === '\\') at++;
      else if (char === '"') quote = false;
    } else if (char === '"') quote = true;
    else if (OPEN[char] !== undefined) closers.push(OPEN[char]);
    else if (char === closers.at(-1)) closers.pop();
    else if ((char === '+' || char === ',') && closers.length === 0) {
      terms.push(spec.slice(start, at));
      start = at + 1;
    }
  }
  terms.push(spec.slice(start));
  return terms.map((term) => term.trim());
}

/** Reads a fault spec's text form; throws `E_USAGE` naming the bad part. */
export function readFaultSpec(spec: string): FaultSpec {
  const terms = splitFaultSpec(spec);
  if (terms.some((term) => term.length === 0)) throw bad(spec, 'empty fault');
  const out: FaultTerm[] = [];
  for (const [index, term] of terms.entries()) {
    for (const { pattern, wrap } of WRAPPERS) {
      const match = pattern.exec(term);
      if (!match) continue;
      const inner = readFaultSpec([match.at(-1)!, ...terms.slice(index + 1)].join('+'));
      out.push(wrap(match, inner, spec));
      return out;
    }
    out.push(readSimple(term));
  }
  return out;
}

function formatTerm(term: FaultTerm): string {
  switch (term.fault) {
    case 'status':
      return `status:${term.status}${term.code !== undefined ? `:${term.code}` : ''}${term.type !== undefined ? `:type=${term.type}` : ''}`;
    case 'retry-after':
    case 'retry-after-date':
      return `${term.fault}:${term.seconds}`;
    case 'retry-after-ms':
    case 'delay':
      return `${term.fault}:${term.ms}`;
    case 'should-retry':
      return `should-retry:${term.value}`;
    case 'hang':
      return term.maxMs === undefined ? 'hang' : `hang:${term.maxMs}`;
    case 'drip':
      return `drip:${term.intervalMs}${term.bytes !== undefined ? `:${term.bytes}` : ''}`;
    case 'reset-before-headers':
      return term.fault;
    case 'reset-after':
      return `reset-after:${term.bytes}`;
    case 'cut-stream':
      return term.afterEvents === undefined ? 'cut-stream' : `cut-stream:${term.afterEvents}`;
    case 'truncate':
      return term.bytes === undefined ? 'truncate' : `truncate:${term.bytes}`;
    case 'drop':
    case 'null':
      return `${term.fault}:${term.path}`;
    case 'rename':
      return `rename:${term.path}=${term.to}`;
    case 'add':
      return `add:${term.path}=${typeof term.value === 'string' ? term.value : JSON.stringify(term.value)}`;
    case 'named':
    case 'drift': {
      const { name, param, times, probability } = term.term;
      return `${name}${param !== undefined ? `:${param}` : ''}${times !== undefined ? `*${times}` : ''}${probability !== undefined ? `~${probability}` : ''}`;
    }
    case 'sequence':
      return `sequence:${term.count}x${formatFaultSpec(term.inner)}`;
    case 'chance':
      return `chance:${term.p}${term.seed !== 1 ? `:${term.seed}` : ''}x${formatFaultSpec(term.inner)}`;
    case 'only':
      return `only:${term.kind}x${formatFaultSpec(term.inner)}`;
  }
}

/** The text form of a spec (`readFaultSpec` reads it back to the same data); empty for no fault. */
export function formatFaultSpec(spec: FaultSpec): string {
  return spec.map(formatTerm).join('+');
}
