/**
 * @module checks/traffic/audit
 * `auditTraffic`: reads captures as streams, one record at a time (JSON Lines lines, HAR entries), judges every
 * record of the shard against the contract and adds the findings up. Memory holds one chunk, one record and
 * the tally, whatever the capture's size. Large JSON Lines captures can be judged on worker threads: a file's
 * byte ranges each read by a worker, a stream's lines handed over in batches.
 */
import type { Contract } from '../../contract/index.js';
import { ChatproofError } from '../../errors.js';
import { activeBoundary, createRedactor } from '../../redact/index.js';
import { auditRecord, type RecordSink } from './core.js';
import { createHarScanner } from './har-scan.js';
import { sniff, type TrafficInput } from './input.js';
import { trafficSetup } from './judge.js';
import { splitLines } from './lines.js';
import { createMemo } from './memo.js';
import { auditRangesOnWorkers, fileFormat } from './ranges.js';
import { secretForms } from './secrets.js';
import { emptyTally, mergeTally, toResult } from './tally.js';
import type { CaptureFormat, TrafficResult } from './types.js';
import { auditOnWorkers, type WorkerOutcome } from './workers.js';

/** Default cap on one record (a JSON Lines line, a HAR entry): larger records are skipped as too large. */
export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

export interface Shard {
  /** 1-based. */
  k: number;
  n: number;
}

export interface TrafficOptions {
  /** Skip detection and read every input as this format. */
  format?: CaptureFormat;
  /** Audit only the records whose 0-based position p has p mod n = k - 1. */
  shard?: Shard;
  maxRecordBytes?: number;
  /** Stop after this many records (of the shard) per input. */
  sample?: number;
  /** Worker threads for JSON Lines inputs; 0 judges on the calling thread. */
  workers?: number;
  /** Bytes per part of a JSON Lines file handed to a worker thread (default `RANGE_BYTES`). */
  rangeBytes?: number;
  /**
   * Judge a chat success whose fingerprint was seen before by the findings it gave then (default true):
   * the same findings, counts and examples, much faster. False judges every exchange in full.
   */
  memo?: boolean;
  signal?: AbortSignal;
  /** Called after each input with its format. */
  onInput?: (input: { name: string; format: CaptureFormat }) => void;
}

/** `--shard K/N` → `{k, n}`; a malformed value is a usage error. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const k = Number(match?.[1]);
  const n = Number(match?.[2]);
  if (!match || n < 1 || k < 1 || k > n) {
    throw new ChatproofError('E_USAGE', `--shard ${text}: expected K/N with 1 <= K <= N, e.g. 2/8`);
  }
  return { k, n };
}

const inShard = (position: number, shard: Shard | undefined): boolean =>
  shard === undefined || position % shard.n === shard.k - 1;

function interrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ChatproofError('E_INTERRUPTED', 'interrupted');
}

async function auditJsonl(
  sink: RecordSink,
  input: TrafficInput,
  file: number,
  chunks: AsyncIterable<Buffer>,
  options: TrafficOptions,
): Promise<void> {
  let counted = 0;
  for await (const lines of splitLines(chunks, sink.maxRecordBytes)) {
    interrupted(options.signal);
    for (const { line, bytes } of lines) {
      if (!inShard(line - 1, options.shard)) continue;
      if (options.sample !== undefined && counted >= options.sample) return;
      counted += 1;
      auditRecord(sink, 'jsonl', { file: input.name, line }, { file, at: line }, bytes);
    }
  }
}

async function auditHar(
  sink: RecordSink,
  input: TrafficInput,
  file: number,
  chunks: AsyncIterable<Buffer>,
  options: TrafficOptions,
): Promise<void> {
  const scanner = createHarScanner(sink.maxRecordBytes);
  let counted = 0;
  const take = (entries: ReturnType<typeof scanner.push>): boolean => {
    for (const { entry, bytes, problem } of entries) {
      if (!inShard(entry, options.shard)) continue;
      if (options.sample !== undefined && counted >= options.sample) return false;
      counted += 1;
      auditRecord(sink, 'har', { file: input.name, entry }, { file, at: entry }, bytes, problem);
    }
    return true;
  };
  for await (const chunk of chunks) {
    interrupted(options.signal);
    if (!take(scanner.push(chunk))) return;
  }
  take(scanner.end());
  if (!scanner.found) {
    throw new ChatproofError(
      'E_CAPTURE_INVALID',
      `${input.name}: not a HAR file: it has no log.entries array`,
    );
  }
}

/** Audits `inputs` (in order) against `contract`. */
export async function auditTraffic(
  contract: Contract,
  inputs: readonly TrafficInput[],
  options: TrafficOptions = {},
): Promise<TrafficResult> {
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const memo = options.memo ?? true;
  const sink: RecordSink = {
    setup: trafficSetup(contract),
    tally: emptyTally(),
    maxRecordBytes,
    secrets: new Set(),
    ...(memo ? { memo: createMemo(contract) } : {}),
  };
  const onWorkers = (options.workers ?? 0) > 0 && options.sample === undefined;
  const job = (file: number, input: TrafficInput) => ({
    workers: options.workers ?? 1,
    file,
    name: input.name,
    maxRecordBytes,
    memo,
    ...(options.shard ? { shard: options.shard } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const add = (parts: WorkerOutcome[]) => {
    for (const part of parts) {
      mergeTally(sink.tally, part.tally);
      for (const secret of part.secrets) sink.secrets.add(secret);
    }
  };
  for (const [file, input] of inputs.entries()) {
    interrupted(options.signal);
    // A JSON Lines file on disk: the workers read their ranges of it themselves.
    if (onWorkers && input.path !== undefined && options.format !== 'har') {
      const format = options.format ?? (await fileFormat(input.path));
      if (format === 'jsonl') {
        options.onInput?.({ name: input.name, format });
        add(
          await auditRangesOnWorkers(contract.ledger, input.path, {
            ...job(file, input),
            ...(options.rangeBytes ? { rangeBytes: options.rangeBytes } : {}),
          }),
        );
        continue;
      }
    }
    const { format, chunks } = await sniff(input.open(), options.format);
    options.onInput?.({ name: input.name, format });
    if (format === 'har') await auditHar(sink, input, file, chunks, options);
    else if (onWorkers) add(await auditOnWorkers(contract.ledger, chunks, job(file, input)));
    else await auditJsonl(sink, input, file, chunks, options);
  }
  // The run's redacting boundary learns every key the capture carried, so nothing written later leaks one.
  const secrets = [...sink.secrets].flatMap(secretForms);
  const boundary = activeBoundary();
  for (const secret of secrets) boundary?.addSecret(secret);
  const redactor = boundary ?? createRedactor({ secrets });
  const result = toResult(
    sink.tally,
    inputs.map((input) => input.name),
    options.shard ?? null,
    redactor,
  );
  // Last pass: every secret any record carried, over everything kept.
  return redactor.json(result);
}
