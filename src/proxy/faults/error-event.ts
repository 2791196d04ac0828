/**
 * @module proxy/faults/error-event
 * A 200 stream that turns into an error part-way: after `afterEvents` data events comes one in-band
 * `data: {"error":{…}}` event in the provider's envelope, and the stream ends without `[DONE]`. A request that
 * does not ask for a stream gets that error body with status 200, without the upstream being contacted.
 */
import { intercept, isEventStream, passEvents, sendWhole, withoutLength } from '../response.js';
import type { Fault } from '../types.js';
import type { ErrorEnvelope } from './status.js';

export interface ErrorEventOptions {
  /** Renders the in-band error. */
  envelope: ErrorEnvelope;
  /** The status the error object describes (default 500); the HTTP status stays 200. */
  status?: number;
  /** Data events before the error event (default 1). */
  afterEvents?: number;
}

/** Ends streams with an in-band error event; answers other requests with an error body and status 200. */
export function errorEvent(options: ErrorEventOptions): Fault {
  const keep = options.afterEvents ?? 1;
  const error = () => options.envelope({ status: options.status ?? 500 });
  return (next) => (request, response) => {
    if (!request.wantsStream) {
      request.note('error-event');
      const answer = error();
      sendWhole(response, 200, answer.headers, Buffer.from(answer.body));
      return;
    }
    let active = false;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      response.write(Buffer.from(`data: ${error().body}\n\n`));
      response.end();
    };
    const events = passEvents(response, keep, finish);
    return next(
      request,
      intercept(response, {
        head: (status, headers) => {
          active = isEventStream(headers);
          if (active) request.note('error-event');
          response.head(status, active ? withoutLength(headers) : headers);
        },
        write: (chunk) => {
          if (!active) return response.write(chunk);
          if (done) return true;
          return events(chunk);
        },
        end: () => (active ? finish() : response.end()),
      }),
    );
  };
}
