/**
 * @module review/key
 * The review's key read as data: the secret its reference names, or why it cannot be read. The default probe and
 * negative runners record a key that cannot be read as `not-run` (nothing sent) instead of throwing from inside.
 */
import { notRun } from '../classify/index.js';
import type { Finding } from '../classify/types.js';
import { type Area, CLAUSE, type Contract } from '../contract/index.js';
import { isChatproofError } from '../errors.js';
import { resolveSecret } from '../http/index.js';

export interface KeyRead {
  /** The secret, once read: the packet's redaction learns it. Empty while `auth.key-ref` is pending. */
  secrets: string[];
  /** Why the reference cannot be read (`E_SECRET_REF`'s message), when it cannot. */
  problem?: string;
}

/** Reads the key `auth.key-ref` (or `--key-ref`) names; never throws for a reference that cannot be read. */
export async function readKey(
  contract: Contract,
  context: { keyRef?: string; env: NodeJS.ProcessEnv },
): Promise<KeyRead> {
  const ref = context.keyRef ?? contract.known(CLAUSE.keyRef);
  if (typeof ref !== 'string') return { secrets: [] };
  try {
    return { secrets: [await resolveSecret(ref, { env: context.env })] };
  } catch (error) {
    if (isChatproofError(error) && error.code === 'E_SECRET_REF')
      return { secrets: [], problem: error.message };
    if (isChatproofError(error)) return { secrets: [] };
    throw error;
  }
}

/** The probe or the negative suite, not sent: the key its reference names cannot be read. */
export function keyNotRun(check: 'probe' | 'negative', area: Area, problem: string): Finding {
  return notRun({
    check,
    area,
    clause: CLAUSE.keyRef,
    code: 'key-unavailable',
    reason: `the key cannot be read (${problem}): nothing was sent`,
    blockedBy: [CLAUSE.keyRef],
    hint: 'set the variable or create the file that auth.key-ref names, or pass --key-ref',
  });
}
