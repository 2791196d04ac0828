/**
 * @module checks/traffic/worker
 * A worker thread's side of `auditOnWorkers`: judges each batch of JSON Lines records it is handed and, at the
 * end, posts its tally back. Runs the same `auditRecord` as the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toContract } from '../../contract/index.js';
import { auditRecord, type RecordSink } from './core.js';
import { trafficSetup } from './judge.js';
import { emptyTally } from './tally.js';
import type { LineBatch, WorkerInit } from './workers.js';

const init = workerData as WorkerInit;
const sink: RecordSink = {
  setup: trafficSetup(toContract(init.ledger)),
  tally: emptyTally(),
  maxRecordBytes: init.maxRecordBytes,
  secrets: new Set(),
};

parentPort?.on('message', (message: { kind: 'batch'; batch: LineBatch } | { kind: 'end' }) => {
  if (message.kind === 'end') {
    parentPort?.postMessage({ kind: 'result', tally: sink.tally, secrets: [...sink.secrets] });
    return;
  }
  const { firstLine, bytes, lengths } = message.batch;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  for (let i = 0; i < lengths.length; i++) {
    const line = firstLine + i;
    const length = lengths[i] as number;
    const slice = length === -1 ? null : buffer.subarray(at, at + length);
    if (length > 0) at += length;
    if (init.shard && (line - 1) % init.shard.n !== init.shard.k - 1) continue;
    auditRecord(sink, 'jsonl', { file: init.name, line }, { file: init.file, at: line }, slice);
  }
  parentPort?.postMessage({ kind: 'ack' });
});
