/**
 * @module simulator/selection
 * Which faults and drifts a request asks for. Pure parsing plus a bounded attempt counter.
 *
 * Grammar, in the `x-chatproof-fault` header or after `+fault=` in the model name (comma-separated):
 *   name            always
 *   name:param      with a parameter (seconds, milliseconds, cap; see the catalogue)
 *   name*N          only the first N attempts of the logical call, then succeed
 *   name~P          with probability P (0..1), drawn from the seeded generator
 */
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

function unknownName(name: string): string {
  const faults = FAULTS.map((item) => item.name).join(', ');
  const drifts = DRIFTS.map((item) => item.name).join(', ');
  return `unknown fault or drift \`${name}\`; faults: ${faults}; drifts: ${drifts}`;
}

/** Parses a spec such as `status-503*2,usage-missing`. Unknown names and bad syntax are reported, not thrown. */
export function parseSpec(text: string): SpecResult {
  if (text.length > MAX_SPEC_LENGTH)
    return { ok: false, message: `fault spec longer than ${MAX_SPEC_LENGTH} characters` };
  const items: SpecItem[] = [];
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const read = readTerm(part);
    if (!read.ok) return { ok: false, message: read.message };
    const { name, ...when } = read.term;
    if (isFaultName(name)) items.push({ kind: 'fault', name, ...when });
    else if (isDriftName(name)) items.push({ kind: 'drift', name, ...when });
    else return { ok: false, message: unknownName(name) };
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
