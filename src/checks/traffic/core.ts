/**
 * @module checks/traffic/core
 * One record, from its bytes to the tally: decode, parse, normalise, judge, add up. Shared by the main thread
 * and the worker threads, so both count and judge exactly alike. Never throws for a record's content.
 */
import { isUtf8 } from 'node:buffer';
import { createRedactor } from '../../redact/index.js';
import { judgeExchange, type TrafficSetup } from './judge.js';
import { type Memo, recalled, recallKey, remember } from './memo.js';
import { fromHar, fromJsonl, parseRecordText } from './record.js';
import { exchangeSecrets } from './secrets.js';
import { addJudged, addRecalled, countSkip, type Order, type Tally } from './tally.js';
import type { CaptureFormat, RecordRef, SkipReason } from './types.js';

/** Distinct secrets kept for the final pass over the whole output (beyond it, each example's own still apply). */
const MAX_KEPT_SECRETS = 256;
const AUTH_HEADERS = ['authorization', 'x-api-key', 'api-key', 'proxy-authorization'];

export interface RecordSink {
  setup: TrafficSetup;
  tally: Tally;
  maxRecordBytes: number;
  /** Secrets seen across the capture (raw auth header values among them), for the final pass over the output. */
  secrets: Set<string>;
  /** Finding keys of chat successes already judged, by fingerprint; without it every exchange is judged in full. */
  memo?: Memo;
}

/** Every key the capture uses is kept for the final pass (cheaply: the header value as it is). */
function keepKeys(sink: RecordSink, headers: Readonly<Record<string, string>>): void {
  for (const name of AUTH_HEADERS) {
    const value = headers[name];
    if (value !== undefined && sink.secrets.size < MAX_KEPT_SECRETS) sink.secrets.add(value);
  }
}

function skip(tally: Tally, reason: SkipReason): false {
  countSkip(tally, reason);
  return false;
}

/** Audits one record (true when it was judged): `bytes` null means it was dropped for `problem` as it streamed past. */
export function auditRecord(
  sink: RecordSink,
  format: CaptureFormat,
  ref: RecordRef,
  order: Order,
  bytes: Buffer | null,
  problem: SkipReason = 'too-large',
): boolean {
  const { tally } = sink;
  if (bytes === null) return skip(tally, problem);
  if (!isUtf8(bytes)) return skip(tally, 'not-utf8');
  const text = parseRecordText(bytes.toString('utf8'));
  if (!text.ok) return skip(tally, text.reason);
  const parsed =
    format === 'har' ? fromHar(text.value, sink.maxRecordBytes) : fromJsonl(text.value, sink.maxRecordBytes);
  if (!parsed.ok) return skip(tally, parsed.reason);
  const captured = parsed.exchange;
  const { memo } = sink;
  const recall = memo && recallKey(memo, sink.setup, captured);
  if (recall) {
    const keys = recalled(memo, recall.key);
    if (keys && addRecalled(tally, keys, recall.model)) {
      keepKeys(sink, captured.request.headers);
      return true;
    }
  }
  let judgement: ReturnType<typeof judgeExchange>;
  try {
    judgement = judgeExchange(sink.setup, captured);
  } catch {
    // A judge that throws on some answer is a bug in chatproof; the record is counted, never lost or fatal.
    return skip(tally, 'judge-error');
  }
  if (judgement.kind === 'other' || !judgement.exchange) return skip(tally, 'not-chat-api');
  keepKeys(sink, captured.request.headers);
  // An exchange's cookies and query secrets are worked out only when something of it is kept.
  const redactor = () => {
    const secrets = exchangeSecrets(captured);
    for (const secret of secrets) if (sink.secrets.size < MAX_KEPT_SECRETS) sink.secrets.add(secret);
    return createRedactor({ secrets });
  };
  const { setup } = sink;
  const model =
    judgement.model === undefined
      ? undefined
      : {
          id: judgement.model,
          inLedger: judgement.model === setup.ledgerModel,
          ledgerValidated: setup.ledgerValidated,
        };
  addJudged(tally, judgement.findings, judgement.exchange, ref, order, redactor, model, judgement.listed);
  if (recall) remember(memo, recall.key, judgement.findings);
  return true;
}
