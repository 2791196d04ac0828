/**
 * @module proxy/faults/hang
 * Never answers: the request waits until the client gives up (its timeout) or, when `maxMs` is set, until the
 * proxy drops the connection, so a client without a timeout cannot hold an audit forever.
 */
import type { Fault } from '../types.js';

export interface HangOptions {
  /** Drop the connection after this long; hang until the client leaves when absent. */
  maxMs?: number;
}

/** Holds the request without an answer. */
export function hang(options: HangOptions = {}): Fault {
  return () => (request, response) =>
    new Promise<void>((resolve) => {
      request.note('hang');
      let timer: NodeJS.Timeout | undefined;
      if (options.maxMs !== undefined) {
        timer = setTimeout(() => {
          response.reset();
          resolve();
        }, options.maxMs);
      }
      request.onClose(() => {
        clearTimeout(timer);
        resolve();
      });
    });
}
