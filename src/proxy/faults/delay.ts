/** @module proxy/faults/delay Waits before passing the request on, so the answer starts `ms` later. */
import type { Fault } from '../types.js';

/** Delays the request by `ms` before the rest of the chain sees it. */
export function delay(ms: number): Fault {
  return (next) => (request, response) =>
    new Promise<void>((resolve, reject) => {
      request.note(`delay:${ms}`);
      let gone = false;
      const timer = setTimeout(() => {
        if (gone) return resolve();
        Promise.resolve(next(request, response)).then(resolve, reject);
      }, ms);
      request.onClose(() => {
        gone = true;
        clearTimeout(timer);
        resolve();
      });
    });
}
