/**
 * @module checks/traffic/workers
 * JSON Lines judged on worker threads. The pool hands each worker messages, at most two ahead of each, so
 * memory stays bounded: byte ranges of a file (ranges.ts), or, for a stream, batches of whole lines this thread
 * read and split (bytes transferred, not copied). Each worker keeps its own tally; the tallies merge exactly.
 */
import { Worker } from 'node:worker_threads';
import type { Ledger } from '../../contract/index.js';
import { ChatproofError } from '../../errors.js';
import { splitLines } from './lines.js';
import type { Tally } from './tally.js';
import type { ByteRange } from './types.js';

export interface WorkerJob {
  workers: number;
  file: number;
  name: string;
  maxRecordBytes: number;
  shard?: { k: number; n: number };
  /** Remember the findings of chat successes by fingerprint (see `memo.ts`). */
  memo: boolean;
  signal?: AbortSignal;
}

/** What one worker is given. */
export interface WorkerInit {
  ledger: Ledger;
  file: number;
  name: string;
  maxRecordBytes: number;
  shard?: { k: number; n: number };
  memo: boolean;
  /** The file the worker reads its ranges from (range messages only). */
  path?: string;
}

/** A batch: consecutive lines from `firstLine`, their bytes back to back, each line's length (-1: too large). */
export interface LineBatch {
  firstLine: number;
  bytes: Uint8Array;
  lengths: Int32Array;
}

export interface WorkerOutcome {
  tally: Tally;
  secrets: string[];
}

/**
 * Worker threads to use by default on a machine with `cores` CPUs: one per core, at most three (each thread's
 * heap counts against the memory bound; 1 GB on two workers reading ranges peaks near 205 MB). Measured on two
 * cores, two workers judge a 1 GB capture in about 0.65 of the time one thread takes (bench/results/traffic.md).
 */
export function defaultWorkers(cores: number): number {
  return cores < 2 ? 0 : Math.min(3, cores);
}

/** Bytes of lines per batch: enough to amortise messaging, small against the memory bound. */
const BATCH_BYTES = 512 * 1024;
const AHEAD = 2;

interface Slot {
  worker: Worker;
  inFlight: number;
  result: Promise<WorkerOutcome>;
}

function start(init: WorkerInit): Slot {
  // Each worker's heap is capped so the process stays inside the memory bound whatever the capture; a tally
  // and one range need far less. A smaller cap collects more often: 64/8 MB cost about 9 % more CPU than this,
  // and a 16 MB young generation about 2 % more than 48 MB (which adds about 35 MB to the peak RSS).
  const worker = new Worker(new URL('./worker.js', import.meta.url), {
    workerData: init,
    resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 48 },
  });
  const slot: Slot = { worker, inFlight: 0, result: Promise.resolve(undefined as unknown as WorkerOutcome) };
  slot.result = new Promise<WorkerOutcome>((resolve, reject) => {
    worker.on('message', (message: { kind: 'ack' } | ({ kind: 'result' } & WorkerOutcome)) => {
      if (message.kind === 'ack') {
        slot.inFlight -= 1;
        wake();
      } else resolve({ tally: message.tally, secrets: message.secrets });
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new ChatproofError('E_INTERNAL', `a traffic worker exited with code ${code}`));
    });
  });
  return slot;
}

let waiters: (() => void)[] = [];
function wake(): void {
  const pending = waiters;
  waiters = [];
  for (const resolve of pending) resolve();
}

function pack(lines: { line: number; bytes: Buffer | null }[]): LineBatch {
  let total = 0;
  for (const { bytes } of lines) total += bytes?.length ?? 0;
  const bytes = new Uint8Array(new ArrayBuffer(total));
  const lengths = new Int32Array(lines.length);
  let at = 0;
  for (const [i, line] of lines.entries()) {
    if (line.bytes === null) lengths[i] = -1;
    else {
      bytes.set(line.bytes, at);
      at += line.bytes.length;
      lengths[i] = line.bytes.length;
    }
  }
  return { firstLine: lines[0]?.line ?? 1, bytes, lengths };
}

/** A message to a worker: a batch of lines, or a range of the file it reads itself. */
export type WorkerMessage = { kind: 'batch'; batch: LineBatch } | { kind: 'range'; range: ByteRange };

/** Workers for one input: `send` waits until a worker has room (at most `AHEAD` messages in flight each). */
export function openPool(
  ledger: Ledger,
  job: WorkerJob & { path?: string },
): {
  send(message: WorkerMessage, transfer?: ArrayBuffer[]): Promise<void>;
  finish(): Promise<WorkerOutcome[]>;
  close(): void;
} {
  const init: WorkerInit = {
    ledger,
    file: job.file,
    name: job.name,
    maxRecordBytes: job.maxRecordBytes,
    memo: job.memo,
    ...(job.shard ? { shard: job.shard } : {}),
    ...(job.path !== undefined ? { path: job.path } : {}),
  };
  const slots = Array.from({ length: Math.max(1, job.workers) }, () => start(init));
  const failed = Promise.race(slots.map((slot) => slot.result.then(() => new Promise<never>(() => {}))));
  // A worker that fails before the end rejects `failed`; nothing may be left unhandled meanwhile.
  failed.catch(() => {});
  return {
    async send(message, transfer = []) {
      for (;;) {
        const slot = slots.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
        if (slot.inFlight < AHEAD) {
          slot.inFlight += 1;
          slot.worker.postMessage(message, transfer);
          return;
        }
        await Promise.race([new Promise<void>((resolve) => waiters.push(resolve)), failed]);
      }
    },
    async finish() {
      for (const slot of slots) slot.worker.postMessage({ kind: 'end' });
      return await Promise.race([Promise.all(slots.map((slot) => slot.result)), failed]);
    },
    close() {
      for (const slot of slots) void slot.worker.terminate();
    },
  };
}

/** Audits a JSON Lines stream on `job.workers` threads; returns each worker's tally. */
export async function auditOnWorkers(
  ledger: Ledger,
  chunks: AsyncIterable<Buffer>,
  job: WorkerJob,
): Promise<WorkerOutcome[]> {
  const pool = openPool(ledger, job);
  try {
    let pending: { line: number; bytes: Buffer | null }[] = [];
    let size = 0;
    const send = async () => {
      if (pending.length === 0) return;
      const batch = pack(pending);
      pending = [];
      size = 0;
      await pool.send({ kind: 'batch', batch }, [
        batch.bytes.buffer as ArrayBuffer,
        batch.lengths.buffer as ArrayBuffer,
      ]);
    };
    for await (const lines of splitLines(chunks, job.maxRecordBytes)) {
      if (job.signal?.aborted) throw new ChatproofError('E_INTERRUPTED', 'interrupted');
      for (const line of lines) {
        pending.push(line);
        size += line.bytes?.length ?? 0;
        if (size >= BATCH_BYTES || pending.length >= 4096) await send();
      }
    }
    await send();
    return await pool.finish();
  } finally {
    pool.close();
  }
}
