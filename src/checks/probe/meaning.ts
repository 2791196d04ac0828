/**
 * @module checks/probe/meaning
 * What present fields mean, checked against `response.field-meaning`: type, allowed values, range, a string
 * that must not be empty, the unit (unix seconds, token counts, list positions), and the relations between
 * fields (a total that is the sum of its parts, a breakdown that does not exceed its parent). Absent and null
 * fields are presence's business, not meaning's: they are skipped here. Pure; the clock is passed in.
 */
import type { AnswerKind, FieldMeaning, JsonValue } from '../../contract/index.js';
import type { ProbeCode } from './codes.js';
import { resolvePath, typeName, valueAt } from './paths.js';

/** A meaning violation's code: the probe's `meaning-*` codes but the match. */
export type MeaningCode = Exclude<Extract<ProbeCode, `meaning-${string}`>, 'meaning-matches'>;

export interface MeaningViolation {
  path: string;
  code: MeaningCode;
  message: string;
  expected?: JsonValue;
  observed?: JsonValue;
}

export interface MeaningCheck {
  /** Paths whose meaning was checked on a present value. */
  checked: string[];
  violations: MeaningViolation[];
}

/**
 * How far a completion's `created` may be from the clock of the request that asked for it. Servers and the
 * reviewer's machine may disagree by minutes; a value hours or days away is another clock or another unit.
 */
export const CLOCK_TOLERANCE_S = 15 * 60;
/** Seconds since 1970 stay below this until the year 5138; a time in milliseconds is far above it. */
const SECONDS_CEILING = 1e11;

const UNIT_INTEGER = new Set(['unix-seconds', 'tokens', 'index']);

function typeHolds(type: NonNullable<FieldMeaning['type']>, value: unknown): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

function valueViolation(
  path: string,
  meaning: FieldMeaning,
  value: unknown,
  clockS: number | undefined,
): MeaningViolation | undefined {
  const type = meaning.type ?? (meaning.unit && UNIT_INTEGER.has(meaning.unit) ? 'integer' : undefined);
  if (type && !typeHolds(type, value)) {
    return {
      path,
      code: 'meaning-wrong-type',
      message: `\`${path}\` is ${typeName(value)}; the documents say ${type}`,
      expected: type,
      observed: typeName(value),
    };
  }
  if (meaning.enum && !meaning.enum.includes(value as string | number | boolean)) {
    return {
      path,
      code: 'meaning-not-allowed',
      message: `\`${path}\` is ${JSON.stringify(value)}, not one of the documented values`,
      expected: meaning.enum,
      observed: value as JsonValue,
    };
  }
  if (typeof value === 'number') {
    const minimum = meaning.minimum ?? (meaning.unit && UNIT_INTEGER.has(meaning.unit) ? 0 : undefined);
    if (
      (minimum !== undefined && value < minimum) ||
      (meaning.maximum !== undefined && value > meaning.maximum)
    ) {
      const range = `${minimum ?? '-∞'}..${meaning.maximum ?? '∞'}`;
      return {
        path,
        code: 'meaning-out-of-range',
        message: `\`${path}\` is ${value}, outside the documented range ${range}`,
        expected: range,
        observed: value,
      };
    }
    if (meaning.unit === 'unix-seconds') return timeViolation(path, value, meaning.clock, clockS);
  }
  if (meaning.nonEmpty && value === '') {
    return { path, code: 'meaning-empty', message: `\`${path}\` is an empty string`, observed: '' };
  }
  return undefined;
}

/**
 * A time in unix seconds: not in milliseconds, and where its `clock` says against the request's clock. A
 * completion (and each chunk) is made when it is asked for (`near`); a model was made at some time before
 * (`past`), so only a time in the future is far; an expiry or any other time is judged for its unit only.
 */
function timeViolation(
  path: string,
  value: number,
  clock: FieldMeaning['clock'],
  clockS: number | undefined,
): MeaningViolation | undefined {
  if (value >= SECONDS_CEILING) {
    return {
      path,
      code: 'meaning-time-milliseconds',
      message: `\`${path}\` is ${value}: ${value < 1e14 ? 'milliseconds' : 'finer than seconds'}, not unix seconds${value < 1e14 ? ` (${new Date(value).toISOString()})` : ''}`,
      expected: 'unix seconds',
      observed: value,
    };
  }
  if (clockS === undefined || clock === undefined) return undefined;
  const ahead = value - clockS;
  const far = clock === 'past' ? ahead > CLOCK_TOLERANCE_S : Math.abs(ahead) > CLOCK_TOLERANCE_S;
  if (!far) return undefined;
  const hours = Math.round((Math.abs(ahead) / 3600) * 10) / 10;
  return {
    path,
    code: 'meaning-time-far',
    message: `\`${path}\` is ${new Date(value * 1000).toISOString()}, ${hours} h ${ahead > 0 ? 'ahead of' : 'behind'} the request's clock (tolerance ${CLOCK_TOLERANCE_S / 60} min)`,
    expected: { clock: clockS, toleranceS: CLOCK_TOLERANCE_S },
    observed: value,
  };
}

/** Items of one list carry 0..n-1, each once (a stream's chunk may carry a subset: unique there). */
function indexViolation(path: string, body: unknown, kind: AnswerKind): MeaningViolation | undefined {
  const at = path.lastIndexOf('[].');
  if (at < 0) return undefined;
  const listPath = path.slice(0, at);
  const rest = path.slice(at + 3);
  for (const list of resolvePath(body, listPath).values) {
    if (!Array.isArray(list) || list.length === 0) continue;
    const indices = list.map((item) => valueAt(item, rest));
    if (!indices.every((index) => Number.isInteger(index))) continue;
    const unique = new Set(indices);
    const complete = kind !== 'json' || indices.every((index) => (index as number) < list.length);
    if (unique.size === indices.length && complete) continue;
    return {
      path,
      code: 'meaning-index-invalid',
      message:
        kind === 'json'
          ? `\`${path}\` is ${JSON.stringify(indices)}; ${list.length} item(s) should carry 0..${list.length - 1}, each once`
          : `\`${path}\` repeats within one chunk: ${JSON.stringify(indices)}`,
      expected: kind === 'json' ? list.map((_, i) => i) : 'distinct positions',
      observed: indices as JsonValue,
    };
  }
  return undefined;
}

function relationViolation(path: string, meaning: FieldMeaning, body: unknown): MeaningViolation | undefined {
  const value = valueAt(body, path);
  if (typeof value !== 'number') return undefined;
  if (meaning.sum) {
    const parts = meaning.sum.map((part) => valueAt(body, part));
    if (parts.every((part): part is number => typeof part === 'number')) {
      const total = parts.reduce((a, b) => a + b, 0);
      if (total !== value) {
        return {
          path,
          code: 'meaning-sum-mismatch',
          message: `\`${path}\` is ${value}, but ${meaning.sum.join(' + ')} = ${total}`,
          expected: total,
          observed: value,
        };
      }
    }
  }
  if (meaning.atMost) {
    const parent = valueAt(body, meaning.atMost);
    if (typeof parent === 'number' && value > parent) {
      return {
        path,
        code: 'meaning-exceeds-parent',
        message: `\`${path}\` is ${value}, more than \`${meaning.atMost}\` (${parent}) it is a part of`,
        expected: { atMost: parent },
        observed: value,
      };
    }
  }
  return undefined;
}

/** Each stated meaning with the top-level key its path starts from, built once per clause value. */
interface Entry {
  path: string;
  meaning: FieldMeaning;
  top: string;
}
const entriesCache = new WeakMap<object, Entry[]>();

function entriesOf(meanings: Readonly<Record<string, FieldMeaning>>): Entry[] {
  const known = entriesCache.get(meanings);
  if (known) return known;
  const entries = Object.entries(meanings).map(([path, meaning]) => ({
    path,
    meaning,
    top: /^[^.[]+/.exec(path)?.[0] ?? path,
  }));
  entriesCache.set(meanings, entries);
  return entries;
}

/** Checks every stated meaning on one body. `clockS`: when the answer was asked for, in unix seconds. */
export function checkMeaning(
  meanings: Readonly<Record<string, FieldMeaning>>,
  body: unknown,
  kind: AnswerKind,
  clockS?: number,
): MeaningCheck {
  const out: MeaningCheck = { checked: [], violations: [] };
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return out;
  const top = body as Record<string, unknown>;
  // Run on every body and every stream chunk of a traffic audit: nothing is allocated that is not needed.
  let notContainers: Set<string> | undefined;
  for (const { path, meaning, top: key } of entriesOf(meanings)) {
    // Most chunks carry few of the stated fields (no usage but in the last): skip what is not there at all.
    const root = top[key];
    if (root === undefined || root === null) continue;
    const resolved = resolvePath(body, path);
    // A list item or an object on the way that is something else (`data: ["gpt-4o"]`): the field cannot be
    // there, whatever its presence; said once per container.
    for (const stop of resolved.stops) {
      if (stop.kind !== 'not-container' || notContainers?.has(stop.at)) continue;
      notContainers ??= new Set();
      notContainers.add(stop.at);
      out.violations.push({
        path: stop.at,
        code: 'meaning-wrong-type',
        message: `\`${stop.at}\` is not ${stop.at.endsWith('[]') ? 'a list of objects' : 'an object'}, so \`${path}\` cannot be read`,
        expected: 'object',
        observed: typeName(valueAt(body, stop.at.replace(/\[\]$/, '[0]'))),
      });
    }
    let present = false;
    let bad: MeaningViolation | undefined;
    for (const value of resolved.values) {
      if (value === null) continue;
      present = true;
      bad = valueViolation(path, meaning, value, clockS);
      if (bad) break;
    }
    if (!present) continue;
    out.checked.push(path);
    if (bad) {
      out.violations.push(bad);
      continue;
    }
    const relation =
      (meaning.unit === 'index' ? indexViolation(path, body, kind) : undefined) ??
      relationViolation(path, meaning, body);
    if (relation) out.violations.push(relation);
  }
  return out;
}

/**
 * Across a whole stream, the choices opened are numbered 0..n-1: chunks carry them one at a time, so the
 * positions seen over all chunks, not within one, must start at 0 and leave no gap.
 */
export function streamIndexViolation(path: string, chunks: readonly unknown[]): MeaningViolation | undefined {
  const seen = new Set<number>();
  for (const chunk of chunks) {
    for (const value of resolvePath(chunk, path).values)
      if (Number.isInteger(value)) seen.add(value as number);
  }
  if (seen.size === 0 || [...seen].every((index) => index < seen.size)) return undefined;
  const indices = [...seen].sort((a, b) => a - b);
  return {
    path,
    code: 'meaning-index-invalid',
    message: `the stream's choices are numbered ${JSON.stringify(indices)}; ${seen.size} choice(s) should be 0..${seen.size - 1}`,
    expected: indices.map((_, i) => i),
    observed: indices,
  };
}
