/**
 * @module proxy/attempt-log
 * The attempt log: finished exchanges are queued on the hot path and turned into redacted records (and JSON
 * Lines on disk) in a batch a few milliseconds later, so logging never sits between the upstream and the client.
 */
import { appendFile } from 'node:fs/promises';
import { createRedactor, type Redactor } from '../redact/index.js';
import { toAttempt } from './attempt.js';
import type { ExchangeFacts } from './live.js';
import type { Attempt } from './types.js';

export interface AttemptLogOptions {
  /** Append every attempt as one JSON line to this file. */
  file?: string;
  /** Secret values to remove from everything recorded. */
  secrets?: readonly string[];
  /** How long finished exchanges wait before a batch is converted and written (default 20 ms). */
  flushMs?: number;
  /** Keep at most this many attempts in memory (oldest dropped; the file keeps all). Default 100 000. */
  keep?: number;
}

export class AttemptLog {
  private pending: ExchangeFacts[] = [];
  private records: Attempt[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private writeError: unknown;
  private readonly redactor: Redactor;
  private readonly flushMs: number;
  private readonly keep: number;

  constructor(private readonly options: AttemptLogOptions = {}) {
    this.redactor = createRedactor({ secrets: options.secrets ?? [] });
    this.flushMs = options.flushMs ?? 20;
    this.keep = options.keep ?? 100_000;
  }

  /** Queues a finished exchange; O(1) on the hot path. */
  push(facts: ExchangeFacts): void {
    this.pending.push(facts);
    if (this.timer === undefined) {
      this.timer = setTimeout(() => this.drain(), this.flushMs);
      this.timer.unref();
    }
  }

  /** Every attempt recorded so far, in arrival order, including the ones still queued. */
  attempts(): Attempt[] {
    this.drain();
    return [...this.records].sort((a, b) => a.seq - b.seq);
  }

  /** Converts and writes everything queued; resolves once the file holds it. */
  async flush(): Promise<void> {
    this.drain();
    await this.writing;
    if (this.writeError !== undefined) throw this.writeError;
  }

  private drain(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending.map((facts) => toAttempt(facts, this.redactor));
    this.pending = [];
    for (const attempt of batch) this.records.push(attempt);
    if (this.records.length > this.keep) this.records.splice(0, this.records.length - this.keep);
    const file = this.options.file;
    if (file !== undefined) {
      const lines = batch.map((attempt) => `${JSON.stringify(attempt)}\n`).join('');
      this.writing = this.writing
        .then(() => appendFile(file, lines, 'utf8'))
        .catch((error: unknown) => {
          this.writeError = error;
        });
    }
  }
}
