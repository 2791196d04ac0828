/**
 * @module proxy/sse
 * Splits a server-sent event stream into whole events as bytes arrive in arbitrary pieces.
 */

/** One event as sent: its raw text (without the blank line that ends it) and its data lines joined. */
export interface SseEvent {
  raw: string;
  data: string | undefined;
}

/** Parses one raw event's `data:` lines (joined with newlines, as the SSE spec says). */
export function eventData(raw: string): string | undefined {
  let data: string | undefined;
  for (const line of raw.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue;
    const value = line.slice(line.startsWith('data: ') ? 6 : 5);
    data = data === undefined ? value : `${data}\n${value}`;
  }
  return data;
}

/** Incremental splitter: `push` bytes, get the events they complete; `rest` is what has no end yet. */
export class SseSplitter {
  private buffer = '';
  private readonly decoder = new TextDecoder();

  push(chunk: Buffer): SseEvent[] {
    this.buffer += this.decoder.decode(chunk, { stream: true });
    const events: SseEvent[] = [];
    for (;;) {
      const match = /\r?\n\r?\n/.exec(this.buffer);
      if (!match) break;
      const raw = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      events.push({ raw, data: eventData(raw) });
    }
    return events;
  }

  /** Text received after the last complete event. */
  rest(): string {
    return this.buffer + this.decoder.decode();
  }
}
