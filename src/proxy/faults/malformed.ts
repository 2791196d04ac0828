/**
 * @module proxy/faults/malformed
 * An answer that is not valid JSON although it says it is: a non-stream body is replaced by a completion object
 * cut off mid-string (the status and media type kept), and a stream gets one such event after its first.
 */
import { SseSplitter } from '../../http/sse.js';
import { collectBody, isEventStream, sendWhole, withoutLength } from '../response.js';
import type { Fault } from '../types.js';

/** A completion object cut off inside a string: no JSON parser accepts it. */
export const BROKEN_JSON =
  '{"id":"chatcmpl-broken","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"trunc';

/** Breaks the JSON of every answer. */
export function malformed(): Fault {
  return (next) => (request, response) => {
    let stream = false;
    let inserted = false;
    const splitter = new SseSplitter();
    const collected = collectBody(response, (status, headers) => {
      request.note('malformed');
      sendWhole(response, status, headers, Buffer.from(BROKEN_JSON));
    });
    return next(request, {
      ...collected,
      get closed() {
        return response.closed;
      },
      head: (status, headers) => {
        stream = isEventStream(headers);
        if (stream) request.note('malformed');
        collected.head(status, stream ? withoutLength(headers) : headers);
      },
      write: (chunk) => {
        if (!stream) return collected.write(chunk);
        if (inserted) return response.write(chunk);
        let writable = true;
        for (const event of splitter.push(chunk)) {
          writable = response.write(Buffer.from(`${event.raw}\n\n`));
          if (!inserted && event.data !== undefined) {
            inserted = true;
            writable = response.write(Buffer.from(`data: ${BROKEN_JSON}\n\n`));
          }
        }
        if (inserted) {
          const rest = splitter.rest();
          if (rest !== '') writable = response.write(Buffer.from(rest));
        }
        return writable;
      },
      end: () => {
        if (stream && !inserted) response.write(Buffer.from(splitter.rest()));
        collected.end();
      },
    });
  };
}
