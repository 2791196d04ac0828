/**
 * @module checks/traffic/input
 * Where a capture's bytes come from (a file or stdin) and which format it is in, read from its first bytes:
 * a JSON object whose first key is `log` is HAR; anything else is JSON Lines.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ChatproofError } from '../../errors.js';
import type { CaptureFormat } from './types.js';

/** One capture to audit: the name findings cite, and its bytes as a stream of chunks. */
export interface TrafficInput {
  name: string;
  open(): AsyncIterable<Buffer>;
  /** The file's path when it is a regular file (worker threads then read their parts of it themselves). */
  path?: string;
}

/** Reads in 1 MiB chunks: large enough to amortise system calls, small against the memory bound. */
export const CHUNK_BYTES = 1024 * 1024;

export function fileInput(path: string, name = path): TrafficInput {
  return { name, path, open: () => createReadStream(path, { highWaterMark: CHUNK_BYTES }) };
}

export function streamInput(stream: AsyncIterable<Buffer>, name = '-'): TrafficInput {
  return { name, open: () => stream };
}

/** Checks every capture file exists before anything runs; returns the total size in bytes. */
export async function assertCaptures(files: readonly string[], cwd: string): Promise<number> {
  let bytes = 0;
  for (const file of files) {
    if (file === '-') continue;
    const info = await stat(resolve(cwd, file)).catch(() => undefined);
    if (!info) throw new ChatproofError('E_FILE_NOT_FOUND', `${file}: no such capture file`);
    if (!info.isFile()) throw new ChatproofError('E_FILE_UNREADABLE', `${file}: not a file`);
    bytes += info.size;
  }
  return bytes;
}

const HAR_START = /^\s*\{\s*"log"\s*:/;

/** The format of a capture whose first bytes are `head`; undefined while too little has been read. */
export function detectFormat(head: string, complete: boolean): CaptureFormat | undefined {
  const text = head.replace(/^\uFEFF/, '');
  if (HAR_START.test(text)) return 'har';
  const trimmed = text.trimStart();
  // `{"log"` may still be arriving: wait for the first key, up to a few kilobytes of whitespace.
  if (
    !complete &&
    trimmed.length < 8 &&
    text.length < 4096 &&
    (trimmed === '' || '{"log":'.startsWith(trimmed.replace(/\s/g, '')))
  ) {
    return undefined;
  }
  return 'jsonl';
}

/** Reads chunks until the format is known, and returns it with a stream that replays what was read. */
export async function sniff(
  chunks: AsyncIterable<Buffer>,
  given: CaptureFormat | undefined,
): Promise<{ format: CaptureFormat; chunks: AsyncGenerator<Buffer> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const read: Buffer[] = [];
  let format = given;
  let done = false;
  while (format === undefined) {
    const next = await iterator.next();
    if (next.done) done = true;
    else read.push(next.value);
    format = detectFormat(Buffer.concat(read).subarray(0, 4096).toString('utf8'), done);
  }
  async function* replay(): AsyncGenerator<Buffer> {
    yield* read;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { format, chunks: replay() };
}
