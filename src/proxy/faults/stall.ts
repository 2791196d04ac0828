/**
 * @module proxy/faults/stall
 * Sends the status, the headers and the first part of the body, then nothing: the connection stays open until
 * the client gives up or, with `maxMs`, the proxy drops it. Only a client with a read timeout (not just a
 * connect timeout) gets out.
 */
import type { OutgoingHttpHeaders } from 'node:http';
import { intercept, isEventStream, passEvents, withoutLength } from '../response.js';
import type { Fault } from '../types.js';

export interface StallOptions {
  /** Data events of a stream to let through before the stall (default 1). */
  afterEvents?: number;
  /** Share of a non-stream body to let through (default 0.5); its length header still announces the whole. */
  fraction?: number;
  /** Drop the connection this long after the stall; hold until the client leaves when absent. */
  maxMs?: number;
}

/** Stalls every answer part-way through its body. */
export function stall(options: StallOptions = {}): Fault {
  const keep = options.afterEvents ?? 1;
  return (next) => (request, response) =>
    new Promise<void>((resolve, reject) => {
      let stalled = false;
      let timer: NodeJS.Timeout | undefined;
      const hold = () => {
        if (stalled) return;
        stalled = true;
        request.note('stall');
        if (options.maxMs === undefined) return;
        timer = setTimeout(() => {
          response.reset();
          resolve();
        }, options.maxMs);
      };
      request.onClose(() => {
        clearTimeout(timer);
        resolve();
      });
      let stream = false;
      let status = 0;
      let headers: OutgoingHttpHeaders = {};
      const chunks: Buffer[] = [];
      const events = passEvents(response, keep, hold);
      const wrapped = intercept(response, {
        head: (s, h) => {
          stream = isEventStream(h);
          if (stream) response.head(s, withoutLength(h));
          status = s;
          headers = h;
        },
        write: (chunk) => {
          if (stalled) return true;
          if (!stream) {
            chunks.push(chunk);
            return true;
          }
          return events(chunk);
        },
        end: () => {
          if (stalled) return;
          if (!stream) {
            const body = Buffer.concat(chunks);
            response.head(status, { ...withoutLength(headers), 'content-length': body.length });
            response.write(body.subarray(0, Math.floor(body.length * (options.fraction ?? 0.5))));
          }
          // A stream shorter than `afterEvents` stalls too: the fault promises no clean end.
          hold();
        },
      });
      Promise.resolve(next(request, wrapped)).then(() => stalled || response.closed || resolve(), reject);
    });
}
