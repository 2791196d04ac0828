/**
 * @module checks/traffic/ranges
 * A regular JSON Lines file judged on worker threads without passing its bytes around: this thread only reads
 * the file to cut it into byte ranges that end just after a newline, counting the newlines before each range so
 * every record keeps its exact line number; each worker reads, splits and judges the ranges it is handed from
 * the file itself, and the tallies merge exactly at the end.
 */
import { open } from 'node:fs/promises';
import type { Ledger } from '../../contract/index.js';
import { ChatproofError } from '../../errors.js';
import { CHUNK_BYTES, detectFormat } from './input.js';
import type { ByteRange, CaptureFormat } from './types.js';
import { openPool, type WorkerJob, type WorkerOutcome } from './workers.js';

export type { ByteRange } from './types.js';

/** Bytes per range by default: many ranges per worker keep the threads evenly busy; each is read in chunks. */
export const RANGE_BYTES = 4 * 1024 * 1024;

const NL = 10;

/** The format of the file at `path`, read from its first bytes exactly as `sniff` reads it from a stream. */
export async function fileFormat(path: string): Promise<CaptureFormat> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return detectFormat(head.subarray(0, bytesRead).toString('utf8'), true) ?? 'jsonl';
  } finally {
    await handle.close();
  }
}

/**
 * Cuts the file at `path` into ranges of at least `rangeBytes` (but the last), each ending just after a newline
 * (the last one at the end of the file, which may lack its newline). Reads the file once, in chunks.
 */
export async function* cutRanges(
  path: string,
  rangeBytes = RANGE_BYTES,
  chunkBytes = CHUNK_BYTES,
): AsyncGenerator<ByteRange> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    let position = 0;
    let start = 0;
    let lines = 0;
    let firstLine = 1;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      const ranges: ByteRange[] = [];
      for (let at = chunk.indexOf(NL); at !== -1; at = chunk.indexOf(NL, at + 1)) {
        lines += 1;
        const end = position + at + 1;
        if (end - start >= rangeBytes) {
          ranges.push({ start, end, firstLine });
          start = end;
          firstLine = lines + 1;
        }
      }
      position += bytesRead;
      yield* ranges;
    }
    if (start < position) yield { start, end: position, firstLine };
  } finally {
    await handle.close();
  }
}

/** Audits the JSON Lines file at `path` on `job.workers` threads, range by range; returns each worker's tally. */
export async function auditRangesOnWorkers(
  ledger: Ledger,
  path: string,
  job: WorkerJob & { rangeBytes?: number },
): Promise<WorkerOutcome[]> {
  const pool = openPool(ledger, { ...job, path });
  try {
    for await (const range of cutRanges(path, job.rangeBytes)) {
      if (job.signal?.aborted) throw new ChatproofError('E_INTERRUPTED', 'interrupted');
      await pool.send({ kind: 'range', range });
    }
    return await pool.finish();
  } finally {
    pool.close();
  }
}
