/**
 * @module proxy/faults/cut-stream
 * Ends an event stream early and cleanly, without the `[DONE]` sentinel: the connection closes normally, so
 * only a client that checks for the end of the stream notices the answer is incomplete.
 */

import { intercept, isEventStream, passEvents, withoutLength } from '../response.js';
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
    const finish = () => {
      if (cut) return;
      cut = true;
      response.end();
    };
    const events = passEvents(response, keep, finish);
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
          return events(chunk);
        },
        end: () => (active ? finish() : response.end()),
      }),
    );
  };
}
