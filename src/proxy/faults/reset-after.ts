/** @module proxy/faults/reset-after Lets `bytes` of the body through, then drops the connection. */
import { intercept } from '../response.js';
import type { Fault } from '../types.js';

/** Resets the client connection once `bytes` body bytes have been sent. */
export function resetAfter(bytes: number): Fault {
  return (next) => (request, response) => {
    request.note(`reset-after:${bytes}`);
    let sent = 0;
    let cut = false;
    const cutNow = () => {
      cut = true;
      response.reset();
    };
    return next(
      request,
      intercept(response, {
        write: (chunk) => {
          if (cut) return true;
          const room = bytes - sent;
          if (chunk.length < room) {
            sent += chunk.length;
            return response.write(chunk);
          }
          if (room > 0) response.write(chunk.subarray(0, room));
          sent = bytes;
          cutNow();
          return true;
        },
        end: () => {
          // A body shorter than the limit still must not end cleanly: the fault promises a reset.
          if (!cut) cutNow();
        },
      }),
    );
  };
}
