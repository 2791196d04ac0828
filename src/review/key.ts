/**
 * @module review/key
 * The review's key read as data: the secret its reference names, or why it cannot be read. The default probe and
 * negative runners read it first, so a key that cannot be read is `key-unavailable` (nothing sent) whichever
 * of their checks are pending.
 */
import { CLAUSE, type Contract } from '../contract/index.js';
import { resolveSecret } from '../http/index.js';

export interface KeyRead {
  /** The secret, once read: the packet's redaction learns it. Empty while `auth.key-ref` is pending. */
  secrets: string[];
  /** Why the reference cannot be read, when it cannot. */
  problem?: string;
}

/** Reads the key `auth.key-ref` (or `--key-ref`) names; a reference that cannot be read is a `problem`. */
export async function readKey(
  contract: Contract,
  context: { keyRef?: string; env: NodeJS.ProcessEnv },
): Promise<KeyRead> {
  const ref = context.keyRef ?? contract.known(CLAUSE.keyRef);
  if (typeof ref !== 'string') return { secrets: [] };
  const read = await resolveSecret(ref, { env: context.env });
  return read.ok ? { secrets: [read.secret] } : { secrets: [], problem: read.problem };
}
