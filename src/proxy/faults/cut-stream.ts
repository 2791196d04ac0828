/**
 * @module proxy/faults/cut-stream
 * Ends an event stream early and cleanly, without the `[DONE]` sentinel: the connection closes normally, so
 * only a client that checks for the end of the stream notices the answer is incomplete.
 */

import { SseSplitter } from '../../http/sse.js';
import { intercept, isEventStream, withoutLength } from '../response.js';
import type { Fault } from '../types.js';

export interface CutStreamOptions {
  /** Data events to let through before the cut (default 1). `[DONE]` is never sent. */
  afterEvents?: number;
}

/** Cuts event streams; other responses pass untouched. */
export function cutStream(options: CutStreamOptions = {}): Fault {
  const keep = options.afterEvents ?? 1;
  return (next) => (request, response) => {
    let active = false;
    let cut = false;
    let passed = 0;
    const splitter = new SseSplitter();
    const finish = () => {
      if (cut) return;
      cut = true;
      response.end();
    };
    return next(
      request,
      intercept(response, {
        head: (status, headers) => {
          active = isEventStream(headers);
          if (active) request.note(`cut-stream:${keep}`);
          response.head(status, active ? withoutLength(headers) : headers);
        },
        write: (chunk) => {
          if (!active) return response.write(chunk);
          if (cut) return true;
          let writable = true;
          for (const event of splitter.push(chunk)) {
            if (event.data === undefined) continue;
            if (event.data.trim() === '[DONE]' || passed >= keep) {
              finish();
              return true;
            }
            passed += 1;
            writable = response.write(Buffer.from(`${event.raw}\n\n`));
          }
          return writable;
        },
        end: () => (active ? finish() : response.end()),
      }),
    );
  };
}
