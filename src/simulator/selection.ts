/**
 * @module simulator/selection
 * Which faults and drifts a request asks for. Pure parsing plus a bounded attempt counter.
 *
 * The grammar is the fault spec's (`proxy/fault-spec.ts`, terms joined by `,` or `+`), of which the simulator
 * serves the catalogue's names, in the `x-chatproof-fault` header or after `+fault=` in the model name:
 *   name            always
 *   name:param      with a parameter (seconds, milliseconds, cap; see the catalogue)
 *   name*N          only the first N attempts of the logical call, then succeed
 *   name~P          with probability P (0..1), drawn from the seeded generator
 */
import { ChatproofError } from '../errors.js';
import { type FaultTerm, formatFaultSpec, readFaultSpec, splitFaultSpec } from '../proxy/fault-spec.js';
import { readTerm } from '../proxy/faults/named.js';
import { DRIFTS, type DriftName, FAULTS, type FaultName, isDriftName, isFaultName } from './catalogue.js';
import type { Random } from './random.js';

/** The request header that selects faults and drifts. */
export const FAULT_HEADER = 'x-chatproof-fault';
/** The request header that names a logical call, so scripted sequences of concurrent tests stay apart. */
export const SEQUENCE_HEADER = 'x-chatproof-sequence';
/** Separator between a model id and a fault spec, for clients that can only set the model. */
export const MODEL_SUFFIX = '+fault=';

const MAX_SPEC_LENGTH = 512;

/** One selected catalogue entry and when it applies. */
export type SpecItem =
  | { kind: 'fault'; name: FaultName; param?: number; times?: number; probability?: number }
  | { kind: 'drift'; name: DriftName; param?: number; times?: number; probability?: number };

export type SpecResult = { ok: true; items: SpecItem[] } | { ok: false; message: string };

function catalogueNames(): string {
  const faults = FAULTS.map((item) => item.name).join(', ');
  const drifts = DRIFTS.map((item) => item.name).join(', ');
  return `faults: ${faults}; drifts: ${drifts}`;
}

function unknownName(name: string): string {
  return `unknown fault or drift \`${name}\`; ${catalogueNames()}`;
}

function proxyOnly(text: string, term: FaultTerm): string {
  const hint =
    term.fault === 'status' && isFaultName(`status-${term.status}`)
      ? ` (try \`status-${term.status}\`)`
      : term.fault === 'sequence'
        ? ' (a name takes *N for the first N attempts)'
        : term.fault === 'chance'
          ? ' (a name takes ~P for a probability)'
          : '';
  return `\`${text}\` is a proxy fault (chatproof proxy --fault); the simulator serves catalogue names${hint}; ${catalogueNames()}`;
}

type ItemResult = { ok: true; item: SpecItem } | { ok: false; message: string };

function toItem(text: string, term: FaultTerm): ItemResult {
  if (term.fault === 'named') return { ok: true, item: { kind: 'fault', ...term.term } };
  if (term.fault === 'drift') return { ok: true, item: { kind: 'drift', ...term.term } };
  // `hang` and `reset-before-headers` read as proxy terms when unsuffixed; here they keep the catalogue's meaning.
  const read = readTerm(formatFaultSpec([term]));
  if (read.ok && isFaultName(read.term.name))
    return { ok: true, item: { kind: 'fault', ...read.term, name: read.term.name } };
  return { ok: false, message: proxyOnly(text, term) };
}

/**
 * Parses a spec such as `status-503*2,usage-missing` with the one fault-spec reader and keeps its catalogue
 * names; proxy-only terms, unknown names and bad syntax are reported, not thrown.
 */
export function parseSpec(text: string): SpecResult {
  if (text.length > MAX_SPEC_LENGTH)
    return { ok: false, message: `fault spec longer than ${MAX_SPEC_LENGTH} characters` };
  const items: SpecItem[] = [];
  for (const part of splitFaultSpec(text)) {
    if (part === '') continue;
    let terms: readonly FaultTerm[];
    try {
      terms = readFaultSpec(part);
    } catch (error) {
      if (!(error instanceof ChatproofError)) throw error;
      const read = readTerm(part);
      if (!read.ok) return { ok: false, message: read.message };
      const { name } = read.term;
      if (!isFaultName(name) && !isDriftName(name)) return { ok: false, message: unknownName(name) };
      return { ok: false, message: error.message };
    }
    // A wrapper (`sequence:2x…`) reads the rest of the spec; one term here is one item or a refusal.
    const [term] = terms;
    if (term === undefined) continue;
    const result = toItem(part, term);
    if (!result.ok) return result;
    items.push(result.item);
  }
  return { ok: true, items };
}

/** Splits `gpt-4.1-nano+fault=status-503*2` into the model and the spec. */
export function splitModel(model: string): { model: string; spec: string | undefined } {
  const at = model.indexOf(MODEL_SUFFIX);
  if (at < 0) return { model, spec: undefined };
  return { model: model.slice(0, at), spec: model.slice(at + MODEL_SUFFIX.length) };
}

/** The items that apply to this attempt (1-based) of the logical call. */
export function activeItems(items: readonly SpecItem[], attempt: number, random: Random): SpecItem[] {
  return items.filter((item) => {
    if (item.times !== undefined) return attempt <= item.times;
    if (item.probability !== undefined) return random() < item.probability;
    return true;
  });
}

/**
 * Counts attempts per logical call (the spec plus the sequence header). Bounded: the oldest keys are forgotten
 * first, so a long run with unique sequence ids cannot grow memory without limit.
 */
export class AttemptCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly maxKeys = 10_000) {}

  /** Records one attempt and returns its number, starting at 1. */
  next(spec: string, sequence: string | undefined): number {
    const key = `${sequence ?? ''}\u0000${spec}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.delete(key);
    this.counts.set(key, count);
    if (this.counts.size > this.maxKeys) {
      const oldest = this.counts.keys().next().value;
      if (oldest !== undefined) this.counts.delete(oldest);
    }
    return count;
  }

  clear(): void {
    this.counts.clear();
  }
}
