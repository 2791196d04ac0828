/**
 * @module proxy/faults/truncate
 * Truncated body: a JSON answer loses its tail but ends cleanly with a matching length, so the client's parser,
 * not its transport, meets the damage. Event streams pass untouched (see cut-stream).
 */
import { collectBody, sendWhole } from '../response.js';
import type { Fault } from '../types.js';

export interface TruncateOptions {
  /** Bytes to keep; when absent, `fraction` of the body. */
  bytes?: number;
  /** Share of the body to keep (default 0.5). */
  fraction?: number;
}

/** Cuts non-stream bodies short. */
export function truncate(options: TruncateOptions = {}): Fault {
  return (next) => (request, response) =>
    next(
      request,
      collectBody(response, (status, headers, body) => {
        const keep = options.bytes ?? Math.floor(body.length * (options.fraction ?? 0.5));
        request.note(`truncate:${Math.min(keep, body.length)}`);
        sendWhole(response, status, headers, body.subarray(0, Math.max(0, keep)));
      }),
    );
}
