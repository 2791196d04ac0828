/**
 * @module checks/traffic/generate-plan
 * The generator's vocabulary: the drifts it plants (each with the finding it must produce), the malformed
 * kinds, its options, and the seeded order of a capture's records.
 */
import type { FindingClass } from '../../classify/index.js';
import type { ClauseId } from '../../contract/index.js';
import type { Random } from '../../simulator/index.js';
import type { TrafficCode } from './codes.js';
import type { SkipReason } from './types.js';

/** The model the `openai` profile ledger names. */
export const GENERATED_MODEL = 'gpt-4o-mini';

/** Each planted drift and the finding (class, clause, code) it must produce, once per exchange. */
export const PLANTED = {
  // `usage` is optional in OpenAI's document and the ledger's parser reads it: documented, not handled.
  'usage-missing': {
    class: 'documented-not-handled',
    clause: 'response.usage-fields',
    code: 'usage-missing',
  },
  'extra-field': { class: 'observed-not-documented', clause: 'response.fields', code: 'field-undocumented' },
  'new-finish-reason': {
    class: 'unexpected',
    clause: 'response.finish-reasons',
    code: 'finish-reason-undocumented',
  },
  'model-echo-different': { class: 'unexpected', clause: 'request.model-id', code: 'model-echo-different' },
  'error-body-on-success': { class: 'unexpected', clause: 'errors.envelope', code: 'error-body-on-success' },
  'stream-no-done': { class: 'unexpected', clause: 'response.stream-done', code: 'stream-no-done' },
  'stream-cut': { class: 'unexpected', clause: 'response.stream-done', code: 'stream-cut' },
  'stream-usage-missing': {
    class: 'unexpected',
    clause: 'response.stream-usage',
    code: 'stream-usage-missing',
  },
  'envelope-missing': { class: 'unexpected', clause: 'errors.envelope', code: 'envelope-missing' },
  'request-id-missing': { class: 'unexpected', clause: 'errors.request-id', code: 'request-id-missing' },
  'status-undocumented': { class: 'observed-not-documented', clause: null, code: 'status-undocumented' },
  'model-undocumented': {
    class: 'observed-not-documented',
    clause: 'request.model-id',
    code: 'model-undocumented',
  },
} as const satisfies Record<string, { class: FindingClass; clause: ClauseId | null; code: TrafficCode }>;
export type Drift = keyof typeof PLANTED;

/** Malformed records, each counted under its skip reason. */
export const MALFORMED = [
  'blank',
  'truncated',
  'invalid-json',
  'not-utf8',
  'not-a-record',
  'no-response',
  'binary-body',
  'undecodable-body',
  'too-large',
] as const satisfies readonly SkipReason[];
export type Malformed = (typeof MALFORMED)[number];

export interface GenerateOptions {
  seed: number;
  /** Conforming exchanges. */
  conforming: number;
  drifts?: Partial<Record<Drift, number>>;
  malformed?: Partial<Record<Malformed, number>>;
  /** The key every request carries (auth header, cookie and `?key=`); not shaped like any known prefix. */
  key?: string;
  /** `too-large` records are made larger than this. */
  maxRecordBytes?: number;
  /** Compress JSON answers with gzip (base64 bodies with `content-encoding: gzip`) at this share (0..1). */
  gzipShare?: number;
}

export type Kind = { conforming: number } | { drift: Drift } | { malformed: Malformed };

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

export function plan(options: GenerateOptions, random: Random): Kind[] {
  const kinds: Kind[] = [];
  for (let i = 0; i < options.conforming; i++) kinds.push({ conforming: i });
  for (const [drift, n] of Object.entries(options.drifts ?? {}))
    for (let i = 0; i < (n ?? 0); i++) kinds.push({ drift: drift as Drift });
  for (const [reason, n] of Object.entries(options.malformed ?? {}))
    for (let i = 0; i < (n ?? 0); i++) kinds.push({ malformed: reason as Malformed });
  // The first record lists the models, so every model the capture uses can be validated from the capture.
  return [{ conforming: -1 }, ...shuffle(kinds, random)];
}

/** What a generated capture holds, to compare with the audit's result. */
export interface Planted {
  records: number;
  /** Exchanges the audit judges (every record that is neither malformed nor off the API). */
  judged: number;
  drifts: Partial<Record<Drift, number>>;
  malformed: Partial<Record<Malformed, number>>;
}

export function planted(options: GenerateOptions): Planted {
  const drifts = { ...options.drifts };
  const malformed = { ...options.malformed };
  const sum = (o: Record<string, number | undefined>) =>
    Object.values(o).reduce<number>((a, b) => a + (b ?? 0), 0);
  const records = 1 + options.conforming + sum(drifts) + sum(malformed);
  return { records, judged: records - sum(malformed), drifts, malformed };
}
