/**
 * @module http/unresolvable.fixture
 * For tests: a host name that does not resolve, without asking any resolver. `node:net` looks names up through
 * `dns.lookup`, read from the module when it connects, so this one name is answered ENOTFOUND here and every
 * other lookup goes through as before. No query leaves the machine, and the answer never times out.
 */
import dns from 'node:dns';

/** The name `unresolvable()` answers with ENOTFOUND. */
export const UNRESOLVABLE_HOST = 'chatproof-target.invalid';

type Callback = (error: NodeJS.ErrnoException | null, ...rest: unknown[]) => void;

/** Makes `UNRESOLVABLE_HOST` fail to resolve; returns what puts the real lookup back. */
export function unresolvable(): () => void {
  const lookup = dns.lookup;
  const fake = (host: string, options: unknown, callback?: Callback): void => {
    if (host !== UNRESOLVABLE_HOST) {
      (lookup as (...args: unknown[]) => void)(host, options, callback);
      return;
    }
    const done = (typeof options === 'function' ? options : callback) as Callback;
    const error: NodeJS.ErrnoException = Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), {
      code: 'ENOTFOUND',
      syscall: 'getaddrinfo',
      hostname: host,
    });
    process.nextTick(() => done(error));
  };
  dns.lookup = fake as typeof dns.lookup;
  return () => {
    dns.lookup = lookup;
  };
}
