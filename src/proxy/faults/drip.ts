/**
 * @module proxy/faults/drip
 * Slow drip: the body reaches the client `bytes` at a time, one piece every `intervalMs`. Backpressure holds the
 * upstream while pieces wait, so a dripped stream never buffers more than one upstream chunk.
 */
import { intercept } from '../response.js';
import type { Fault } from '../types.js';

export interface DripOptions {
  intervalMs: number;
  /** Bytes per piece (default 16). */
  bytes?: number;
}

/** Trickles the response body. */
export function drip(options: DripOptions): Fault {
  const size = Math.max(1, options.bytes ?? 16);
  return (next) => (request, response) => {
    request.note(`drip:${options.intervalMs}`);
    const queue: Buffer[] = [];
    let ending = false;
    let timer: NodeJS.Timeout | undefined;
    let drained: (() => void)[] = [];
    const tick = () => {
      timer = undefined;
      const piece = queue.shift();
      if (piece) response.write(piece);
      if (queue.length > 0) {
        timer = setTimeout(tick, options.intervalMs);
        return;
      }
      if (ending) response.end();
      const waiting = drained;
      drained = [];
      for (const callback of waiting) callback();
    };
    const schedule = () => {
      if (timer === undefined && !response.closed) timer = setTimeout(tick, options.intervalMs);
    };
    request.onClose(() => clearTimeout(timer));
    return next(
      request,
      intercept(response, {
        write: (chunk) => {
          for (let offset = 0; offset < chunk.length; offset += size) {
            queue.push(chunk.subarray(offset, offset + size));
          }
          schedule();
          return false;
        },
        onDrain: (callback) => {
          if (queue.length === 0) callback();
          else drained.push(callback);
        },
        end: () => {
          ending = true;
          if (queue.length === 0 && timer === undefined) response.end();
        },
      }),
    );
  };
}
