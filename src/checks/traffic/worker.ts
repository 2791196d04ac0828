/**
 * @module checks/traffic/worker
 * A worker thread's side of `auditOnWorkers` and `auditRangesOnWorkers`: judges each batch of JSON Lines
 * records it is handed, or reads, splits and judges each byte range of the file it is handed, and, at the end,
 * posts its tally back. Runs the same split and the same `auditRecord` as the main thread.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { toContract } from '../../contract/index.js';
import { auditRecord, type RecordSink } from './core.js';
import { CHUNK_BYTES } from './input.js';
import { trafficSetup } from './judge.js';
import { type Line, lineSplitter } from './lines.js';
import { createMemo } from './memo.js';
import { emptyTally } from './tally.js';
import type { ByteRange } from './types.js';
import type { LineBatch, WorkerInit, WorkerMessage } from './workers.js';

const init = workerData as WorkerInit;
const contract = toContract(init.ledger);
const sink: RecordSink = {
  setup: trafficSetup(contract),
  tally: emptyTally(),
  maxRecordBytes: init.maxRecordBytes,
  secrets: new Set(),
  ...(init.memo ? { memo: createMemo(contract) } : {}),
};
const { shard } = init;

function judge(line: number, bytes: Buffer | null): void {
  if (shard && (line - 1) % shard.n !== shard.k - 1) return;
  auditRecord(sink, 'jsonl', { file: init.name, line }, { file: init.file, at: line }, bytes);
}

function judgeBatch({ firstLine, bytes, lengths }: LineBatch): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  for (let i = 0; i < lengths.length; i++) {
    const length = lengths[i] as number;
    const slice = length === -1 ? null : buffer.subarray(at, at + length);
    if (length > 0) at += length;
    judge(firstLine + i, slice);
  }
}

let fd: number | undefined;
let chunk: Buffer | undefined;

function judgeRange({ start, end, firstLine }: ByteRange): void {
  fd ??= openSync(init.path as string, 'r');
  chunk ??= Buffer.allocUnsafe(CHUNK_BYTES);
  const splitter = lineSplitter(init.maxRecordBytes, firstLine);
  const take = (lines: Line[]) => {
    for (const { line, bytes } of lines) judge(line, bytes);
  };
  // Each chunk's lines are judged before the next read reuses it.
  for (let position = start; position < end; ) {
    const read = readSync(fd, chunk, 0, Math.min(chunk.length, end - position), position);
    if (read === 0) break;
    position += read;
    take(splitter.push(chunk.subarray(0, read)));
  }
  take(splitter.end());
}

parentPort?.on('message', (message: WorkerMessage | { kind: 'end' }) => {
  if (message.kind === 'end') {
    if (fd !== undefined) closeSync(fd);
    parentPort?.postMessage({ kind: 'result', tally: sink.tally, secrets: [...sink.secrets] });
    return;
  }
  if (message.kind === 'batch') judgeBatch(message.batch);
  else judgeRange(message.range);
  parentPort?.postMessage({ kind: 'ack' });
});
