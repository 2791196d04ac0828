/**
 * @module checks/probe/refusal
 * A run that cannot open, as data: the target is pending (`E_PLACEHOLDER`) or the key its reference names cannot
 * be read (`E_SECRET_REF`). Nothing is sent; the result says why, the review records it as `not-run` and the
 * command line refuses with it.
 */
import { type Finding, notRun } from '../../classify/index.js';
import { type Area, CLAUSE } from '../../contract/index.js';

/** Why a run did not open. `message` names the reference or the clauses, never the key. */
export interface RunRefusal {
  code: 'E_PLACEHOLDER' | 'E_SECRET_REF';
  message: string;
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

/** The `not-run` finding a refused run records. */
export function refusedNotRun(check: 'probe' | 'negative', area: Area, refusal: RunRefusal): Finding {
  if (refusal.code === 'E_SECRET_REF') return keyNotRun(check, area, refusal.message);
  return notRun({ check, area, clause: null, code: 'not-run', reason: refusal.message, error: refusal.code });
}
