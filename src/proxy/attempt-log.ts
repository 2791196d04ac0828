/**
 * @module proxy/attempt-log
 * The attempt log: finished exchanges are queued on the hot path and turned into redacted records (and JSON
 * Lines on disk) in a batch a few milliseconds later, so logging never sits between the upstream and the client.
 */
import { activeBoundary, createBoundary, type RedactionBoundary, type Redactor } from '../redact/index.js';
import { toAttempt } from './attempt.js';
import { LineFile } from './line-file.js';
import type { ExchangeFacts } from './live.js';
import { cachedRedactor } from './redact-cache.js';
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
  private readonly file: LineFile | undefined;
  private redactor: Redactor;
  /** Learns the credentials clients send (a key under `x-custom-auth` the proxy was never told about). */
  private readonly boundary: RedactionBoundary;
  private learnt = 0;
  /** The boundary of the run that started the proxy: it learns the same credentials. */
  private readonly run: RedactionBoundary | undefined = activeBoundary();
  private readonly flushMs: number;
  private readonly keep: number;

  constructor(options: AttemptLogOptions = {}) {
    this.boundary = createBoundary([...(options.secrets ?? []), ...(this.run?.secrets() ?? [])]);
    this.redactor = cachedRedactor(this.boundary);
    this.learnt = this.boundary.secrets().length;
    this.flushMs = options.flushMs ?? 20;
    this.keep = options.keep ?? 100_000;
    this.file = options.file !== undefined ? new LineFile(options.file) : undefined;
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
    await this.file?.idle();
  }

  /** Flushes, then closes the log file. */
  async close(): Promise<void> {
    this.drain();
    await this.file?.close();
  }

  private drain(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const run = this.run;
    for (const facts of this.pending) {
      const headers: Record<string, string[]> = {};
      for (let i = 0; i + 1 < facts.rawHeaders.length; i += 2) {
        const name = facts.rawHeaders[i]!;
        const values = headers[name] ?? [];
        values.push(facts.rawHeaders[i + 1]!);
        headers[name] = values;
      }
      this.boundary.addHeaders(headers);
      run?.addHeaders(headers);
    }
    if (this.boundary.secrets().length !== this.learnt) {
      // A new secret: remembered redactions may hold it.
      this.learnt = this.boundary.secrets().length;
      this.redactor = cachedRedactor(this.boundary);
    }
    const batch = this.pending.map((facts) => toAttempt(facts, this.redactor));
    this.pending = [];
    for (const attempt of batch) this.records.push(attempt);
    if (this.records.length > this.keep) this.records.splice(0, this.records.length - this.keep);
    if (this.file !== undefined) {
      let lines = '';
      for (const attempt of batch) lines += `${JSON.stringify(attempt)}\n`;
      this.file.append(lines);
    }
  }
}
