/**
 * @module proxy/line-file
 * An append-only text file kept open: one `write` per batch instead of an open, write and close per batch
 * (`appendFile`), which cost the proxy more CPU than the records themselves.
 */
import { close, open, write } from 'node:fs';

/** Appends text to a file in order, one batch at a time; failures are kept for `idle` to report. */
export class LineFile {
  private fd: number | undefined;
  private queue: string[] = [];
  private busy = false;
  private waiters: (() => void)[] = [];
  private error: unknown;

  constructor(private readonly path: string) {}

  /** Queues `text` for the end of the file. */
  append(text: string): void {
    this.queue.push(text);
    if (!this.busy) this.next();
  }

  /** Resolves once everything appended so far is written; rejects with the first write failure since the last call. */
  async idle(): Promise<void> {
    if (this.busy) await new Promise<void>((resolve) => this.waiters.push(resolve));
    const error = this.error;
    this.error = undefined;
    if (error !== undefined) throw error;
  }

  /** Writes what is queued, then closes the file (appending later opens it again). */
  async close(): Promise<void> {
    try {
      await this.idle();
    } finally {
      const fd = this.fd;
      this.fd = undefined;
      if (fd !== undefined) await new Promise<void>((resolve) => close(fd, () => resolve()));
    }
  }

  private next(): void {
    if (this.queue.length === 0) {
      this.busy = false;
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
      return;
    }
    this.busy = true;
    if (this.fd === undefined) {
      open(this.path, 'a', (error, fd) => {
        if (error) {
          // What is queued is lost; the next batch tries to open the file again.
          this.queue = [];
          this.failed(error);
          return;
        }
        this.fd = fd;
        this.next();
      });
      return;
    }
    const data = Buffer.from(this.queue.length === 1 ? this.queue[0]! : this.queue.join(''), 'utf8');
    this.queue = [];
    this.writeFrom(this.fd, data, 0);
  }

  private writeFrom(fd: number, data: Buffer, offset: number): void {
    write(fd, data, offset, data.length - offset, null, (error, written) => {
      if (error) this.failed(error);
      else if (offset + written < data.length) this.writeFrom(fd, data, offset + written);
      else this.next();
    });
  }

  private failed(error: unknown): void {
    if (this.error === undefined) this.error = error;
    this.next();
  }
}
