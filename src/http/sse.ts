/**
 * @module http/sse
 * An incremental server-sent-events reader, after the WHATWG "event stream interpretation": lines end with
 * LF, CRLF or CR; `data:` lines accumulate; a blank line dispatches; `:` starts a comment. It also records
 * the framing it saw, because a provider switching line endings or leaving an event unfinished is evidence.
 * The proxy's faults relay events byte for byte through `SseSplitter`, which reads each event's data here too.
 */
import type { SseEvent, SseFraming } from './types.js';

/** Incremental reader: feed decoded text in any chunking, then `end()`. */
export interface SseReader {
  /** Feeds text; returns the events dispatched by it. */
  push(text: string): SseEvent[];
  /** Ends the stream; an event without its closing blank line is dropped (as browsers do) and flagged. */
  end(): SseEvent[];
  readonly framing: SseFraming;
}

/** Creates an SSE reader; `clock` stamps each event's `atMs` (streaming reads pass elapsed time). */
export function createSseReader(clock?: () => number): SseReader {
  const framing: SseFraming = { lf: 0, crlf: 0, cr: 0, comments: 0, unknownFields: [], incomplete: false };
  let buffer = '';
  // A CR at the end of a chunk may be the first half of a CRLF split across chunks.
  let pendingCr = false;
  let started = false;
  let data: string[] = [];
  let eventName = '';
  let lastId: string | undefined;
  let retry: number | undefined;
  let dirty = false;

  const dispatch = (out: SseEvent[]) => {
    if (data.length > 0) {
      const event: SseEvent = { event: eventName || 'message', data: data.join('\n') };
      if (lastId !== undefined) event.id = lastId;
      if (retry !== undefined) event.retry = retry;
      if (clock) event.atMs = clock();
      out.push(event);
    }
    data = [];
    eventName = '';
    retry = undefined;
    dirty = false;
  };

  const line = (text: string, out: SseEvent[]) => {
    if (text === '') return dispatch(out);
    if (text.startsWith(':')) {
      framing.comments += 1;
      return;
    }
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    dirty = true;
    switch (field) {
      case 'data':
        data.push(value);
        break;
      case 'event':
        eventName = value;
        break;
      case 'id':
        if (!value.includes('\0')) lastId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) retry = Number(value);
        break;
      default:
        if (framing.unknownFields.length < 20) framing.unknownFields.push(field);
    }
  };

  // Jumps from line end to line end with indexOf (native), rather than looking at every character.
  const drain = (out: SseEvent[]) => {
    let start = 0;
    let nextLf = buffer.indexOf('\n');
    let nextCr = buffer.indexOf('\r');
    while (nextLf !== -1 || nextCr !== -1) {
      if (nextCr === -1 || (nextLf !== -1 && nextLf < nextCr)) {
        framing.lf += 1;
        line(buffer.slice(start, nextLf), out);
        start = nextLf + 1;
        nextLf = buffer.indexOf('\n', start);
        continue;
      }
      const i = nextCr;
      if (i + 1 === buffer.length) {
        // Decide CR vs CRLF when the next chunk (or the end) arrives.
        line(buffer.slice(start, i), out);
        pendingCr = true;
        start = i + 1;
        break;
      }
      const crlf = buffer.charCodeAt(i + 1) === 10;
      if (crlf) framing.crlf += 1;
      else framing.cr += 1;
      line(buffer.slice(start, i), out);
      start = crlf ? i + 2 : i + 1;
      nextCr = buffer.indexOf('\r', start);
      if (crlf) nextLf = buffer.indexOf('\n', start);
    }
    buffer = buffer.slice(start);
  };

  return {
    framing,
    push(text) {
      const out: SseEvent[] = [];
      let chunk = text;
      if (!started && chunk.length > 0) {
        started = true;
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      }
      if (pendingCr && chunk.length > 0) {
        pendingCr = false;
        if (chunk.charCodeAt(0) === 10) {
          framing.crlf += 1;
          chunk = chunk.slice(1);
        } else framing.cr += 1;
      }
      buffer += chunk;
      drain(out);
      return out;
    },
    end() {
      const out: SseEvent[] = [];
      if (pendingCr) {
        pendingCr = false;
        framing.cr += 1;
      }
      // A final line without its terminator still counts as a field line, but the event is never dispatched.
      if (buffer.length > 0) {
        line(buffer, []);
        buffer = '';
      }
      if (dirty && data.length > 0) framing.incomplete = true;
      data = [];
      return out;
    },
  };
}

/** Reads a whole event stream at once (for captured bodies). */
export function readSse(text: string): { events: SseEvent[]; framing: SseFraming } {
  const reader = createSseReader();
  const events = [...reader.push(text), ...reader.end()];
  return { events, framing: reader.framing };
}

/** One event as sent, for a proxy that passes events through: its raw text and what its `data` lines say. */
export interface RawSseEvent {
  /** The event's text without the blank line that ends it. */
  raw: string;
  /** Its data lines joined, as the reader above reads them; undefined when it has none. */
  data: string | undefined;
}

/**
 * Incremental splitter for relaying a stream: `push` bytes in arbitrary pieces, get the events they complete,
 * each kept byte for byte; `rest` is what has no end yet. An event ends at a blank line (LF or CRLF).
 */
export class SseSplitter {
  private buffer = '';
  private readonly decoder = new TextDecoder();

  push(chunk: Uint8Array): RawSseEvent[] {
    this.buffer += this.decoder.decode(chunk, { stream: true });
    const events: RawSseEvent[] = [];
    for (;;) {
      const match = /\r?\n\r?\n/.exec(this.buffer);
      if (!match) break;
      const raw = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      events.push({ raw, data: readSse(`${raw}\n\n`).events[0]?.data });
    }
    return events;
  }

  /** Text received after the last complete event. */
  rest(): string {
    return this.buffer + this.decoder.decode();
  }
}
