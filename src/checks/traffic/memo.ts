/**
 * @module checks/traffic/memo
 * The findings of a chat exchange, remembered by a fingerprint of everything the judges read from it, so the
 * millions of exchanges of a capture that differ only in their text, ids, timestamps and token counts are
 * judged once per distinct shape. The fingerprint keeps:
 * - the status, the media type, the request's model and stream flags, each documented header's syntax
 *   reading, the rate-limit overrun rule and a 429's retry signal (by the judges' own functions), whether a
 *   request id is found, and an error answer's body kind and `x-should-retry`;
 * - the body's (or every stream event's) keys in order, list lengths, nulls, booleans and the type of every
 *   other value, except the values a judge or a schema reads: the echoed model, the completion status, list
 *   positions, an error's type and code and every field name a schema constrains by value are kept exactly,
 *   and ids are numbered by first appearance within the exchange (equal stays equal, empty stays empty);
 * - the violations of the field meanings that read a value beyond its type (units, ranges, sums), by
 *   `checkMeaning` with the capture's clock.
 * Exchanges with the same fingerprint get the same findings (held by a differential test over generated,
 * recorded and mutated captures). Model lists, bodies too deep to walk and streams with unreadable events
 * are judged in full every time.
 */
import type { Finding } from '../../classify/index.js';
import {
  type AnswerKind,
  CLAUSE,
  type Contract,
  type FieldMeaning,
  read,
  values,
} from '../../contract/index.js';
import { type Exchange, extractRequestId, readSse } from '../../http/index.js';
import { bodyKind } from '../negative/index.js';
import {
  essence,
  knownFormat,
  parseJson,
  rateLimitOverruns,
  readHeader,
  readRetrySignal,
} from '../probe/index.js';
import { answeredAsStream, requestFields, routeOf, type TrafficSetup } from './judge.js';
import { type Numbering, Print } from './memo-print.js';
import { valueNames } from './memo-schema.js';
import { keyOf } from './tally.js';
import type { CapturedExchange } from './types.js';

/** Fingerprints kept, and their total length: beyond either, new shapes are judged in full, uncached. */
const MAX_ENTRIES = 8192;
const MAX_CHARS = 8 * 1024 * 1024;

type Meanings = Readonly<Record<string, FieldMeaning>>;

export interface Memo extends Numbering {
  terminator: string | undefined;
  headers: ReturnType<typeof read<typeof CLAUSE.responseHeaders>>;
  entries: Map<string, readonly string[]>;
  chars: number;
}

const leafOf = (path: string | undefined): string | undefined =>
  path === undefined ? undefined : /([^.[\]]+)(?:\[\d*\])*$/.exec(path)?.[1];

/**
 * The meanings whose outcome the print does not decide: a time (judged against the capture's clock, which no
 * print holds), a sum or a part of a whole (whatever the values), and a range or unit on a value printed by
 * its type only.
 */
function valueMeanings(meanings: Meanings, exact: Set<string>, all: boolean): Meanings {
  const out: Record<string, FieldMeaning> = {};
  for (const [path, meaning] of Object.entries(meanings)) {
    const leaf = leafOf(path) ?? path;
    if (meaning.sum || meaning.atMost || meaning.unit === 'unix-seconds') out[path] = meaning;
    else if (all || exact.has(leaf)) continue;
    else if (meaning.minimum !== undefined || meaning.maximum !== undefined || meaning.unit)
      out[path] = meaning;
  }
  return out;
}

export function createMemo(contract: Contract): Memo {
  const schemas = [CLAUSE.responseFields, CLAUSE.streamDone, CLAUSE.errorEnvelope].map(
    (id) => contract.clause(id)?.schema as Record<string, unknown> | undefined,
  );
  const named = valueNames(schemas, knownFormat);
  const stated = read(contract, CLAUSE.fieldMeaning) ?? {};
  const exact = new Set(named.names);
  // Read by the judges themselves: the completion status, the echoed model, a choice's position, the
  // error's type and code.
  const judged = [CLAUSE.finishReasonPath, CLAUSE.modelField].map((id) =>
    leafOf(values.string(contract, id)),
  );
  for (const leaf of [...judged, 'finish_reason', 'index', 'type', 'code']) if (leaf) exact.add(leaf);
  for (const kind of Object.values(stated)) {
    for (const [path, meaning] of Object.entries(kind ?? {})) {
      const leaf = leafOf(path);
      if (leaf && (meaning.enum || meaning.unit === 'index')) exact.add(leaf);
    }
  }
  const meanings: Memo['meanings'] = {};
  const reads = new Set<string>();
  for (const [kind, kindMeanings] of Object.entries(stated) as [AnswerKind, Meanings | undefined][]) {
    if (!kindMeanings) continue;
    const reduced = valueMeanings(kindMeanings, exact, named.all);
    meanings[kind] = reduced;
    for (const [path, meaning] of Object.entries(reduced)) {
      for (const read of [path, ...(meaning.sum ?? []), ...(meaning.atMost ? [meaning.atMost] : [])]) {
        reads.add(leafOf(read) ?? read);
      }
    }
  }
  const idName = leafOf(values.string(contract, CLAUSE.idField) ?? 'id');
  return {
    exact,
    all: named.all,
    idName: idName !== undefined && !exact.has(idName) ? idName : undefined,
    terminator: values.string(contract, CLAUSE.streamDone),
    meanings,
    headers: read(contract, CLAUSE.responseHeaders),
    reads,
    names: new Map(),
    strings: new Map(),
    numbers: new Map(),
    values: new Map(),
    chunks: new Map(),
    chunkCount: 0,
    chunkUnits: 0,
    entries: new Map(),
    chars: 0,
  };
}

function printHeaders(
  memo: Memo,
  contract: Contract,
  print: Print,
  captured: CapturedExchange,
  clockMs: number,
): void {
  const { status, headers } = captured.response;
  const documented = memo.headers;
  if (documented) {
    for (const [name, syntax] of Object.entries(documented)) {
      const raw = headers[name];
      print.char(raw === undefined ? '-' : readHeader(syntax, raw, clockMs).ok ? '1' : '0');
    }
    print.count('o', rateLimitOverruns(documented, headers).length);
  }
  if (status === 429) {
    const signal = readRetrySignal(contract, headers, clockMs);
    print.char(signal === undefined ? '-' : signal.reading.ok ? '1' : '0');
  }
}

/** What an exchange's findings are remembered by, and the model its request named. */
export interface Recall {
  key: string;
  model: string | undefined;
}

const asObject = (text: string): object | undefined => {
  const parsed = parseJson(text);
  const value = parsed.ok ? parsed.value : undefined;
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
};

/** The exchange's fingerprint, or undefined when it is judged in full every time. */
export function recallKey(memo: Memo, setup: TrafficSetup, captured: CapturedExchange): Recall | undefined {
  if (routeOf(setup, captured) !== 'chat') return undefined;
  const { response } = captured;
  const fields = requestFields(setup, captured.request.body);
  const type = response.headers['content-type'] ?? '';
  const clockMs = Date.parse(captured.startedAt ?? '');
  const clockS = Number.isFinite(clockMs) ? Math.floor(clockMs / 1000) : undefined;
  const success = response.status >= 200 && response.status < 300;
  const stream = success && answeredAsStream(fields.stream, type);
  const print = new Print(memo);
  print.char(success ? (stream ? 'S' : 'J') : 'E');
  print.count('#', response.status);
  print.string(type);
  if (fields.model === undefined) print.char('-');
  else print.string(fields.model);
  print.char(fields.stream ? '1' : '0');
  print.char(fields.includeUsage ? '1' : '0');
  printHeaders(memo, setup.contract, print, captured, clockMs);
  print.char('|');
  const recall = (): Recall | undefined =>
    print.ok ? { key: print.text(), model: fields.model } : undefined;
  if (!success) {
    const exchange = { response: { ...response, truncated: false } } as Exchange;
    const kind = bodyKind(exchange);
    const retry = response.headers['x-should-retry'];
    print.value(`k${kind}`);
    print.char(
      extractRequestId(setup.requestIdFrom, response.headers, response.body) === undefined ? '0' : '1',
    );
    if (retry === undefined) print.char('-');
    else print.string(retry);
    if (kind !== 'json') return recall();
    const body = asObject(response.body);
    // JSON, but not an object (a list, a string): its value is kept as it is.
    if (body === undefined) print.value(`v${response.body.trim()}`);
    else {
      print.body(body, false);
      print.meaning('error', body, clockS);
    }
    return recall();
  }
  if (!stream) {
    const body = asObject(response.body);
    if (body === undefined) return undefined;
    print.body(body, false);
    print.meaning('json', body, clockS);
    return recall();
  }
  if (essence(type) !== 'text/event-stream') return undefined;
  const { events, framing } = readSse(response.body);
  print.value(`u${JSON.stringify(framing.unknownFields)}`);
  print.char(framing.incomplete ? '1' : '0');
  for (const event of events) {
    print.string(event.event);
    if (memo.terminator !== undefined && event.data === memo.terminator) {
      print.char('D');
      continue;
    }
    const chunk = asObject(event.data);
    if (chunk === undefined) return undefined;
    print.body(chunk, true);
    print.meaning('stream', chunk, clockS);
    print.char(';');
    if (!print.ok) return undefined;
  }
  return recall();
}

/** The finding keys remembered for `key`. */
export const recalled = (memo: Memo, key: string): readonly string[] | undefined => memo.entries.get(key);

/** Remembers an exchange's finding keys (each once), while the memo has room. */
export function remember(memo: Memo, key: string, findings: readonly Finding[]): void {
  if (memo.entries.size >= MAX_ENTRIES || memo.chars + key.length > MAX_CHARS) return;
  const keys: string[] = [];
  for (const finding of findings) {
    const k = keyOf(finding);
    if (!keys.includes(k)) keys.push(k);
  }
  memo.entries.set(key, keys);
  memo.chars += key.length;
}
