/**
 * @module plan/checks
 * The checks `probe` and `negative` can run, each with the clauses it needs to send its request and the
 * clauses it judges against. Data only: the runners look a check up here, never the other way round.
 */

import type { NegativeCaseName } from '../checks/negative/codes.js';
import type { ProbeCheck } from '../checks/probe/codes.js';
import { type NegativeCheck, negativeCheck } from '../classify/check-names.js';
import {
  type Area,
  CLAUSE,
  type ClauseId,
  type ClauseIdOf,
  type ErrorExpectation,
} from '../contract/index.js';

export type CheckKind = 'probe' | 'negative';

export interface CheckSpec {
  /** Stable id used as a finding's `check`, e.g. `probe`, `negative:missing-auth`. */
  id: Exclude<ProbeCheck, 'probe-models'> | NegativeCheck;
  kind: CheckKind;
  area: Area;
  title: string;
  /** Clauses without which the request cannot be built or sent: pending → the check is not run. */
  needs: readonly ClauseId[];
  /** Clauses the answer is judged against: pending → that judgement is `not-run`, the rest still runs. */
  judges: readonly ClauseId[];
  /** For a negative case: the error clause whose expectation it is judged against. */
  expects?: ClauseIdOf<ErrorExpectation>;
  /** Request-side clauses a negative case breaks on purpose: a documented rejection validates them too. */
  exercises?: readonly ClauseId[];
}

/** Where to send and how to authenticate, and the local limits every request obeys. */
export const TARGET_CLAUSES: readonly ClauseId[] = [
  CLAUSE.baseUrl,
  CLAUSE.chatPath,
  CLAUSE.authHeader,
  CLAUSE.authScheme,
  CLAUSE.keyRef,
  CLAUSE.timeoutMs,
  CLAUSE.reviewBudget,
];

/** What a chat request body is made of (the seed's probe body). */
export const BODY_CLAUSES: readonly ClauseId[] = [
  CLAUSE.modelField,
  CLAUSE.modelId,
  CLAUSE.messagesField,
  CLAUSE.roleField,
  CLAUSE.contentField,
  CLAUSE.userRole,
  CLAUSE.maxTokensField,
];

const RESPONSE_JUDGES: readonly ClauseId[] = [
  CLAUSE.responseFields,
  CLAUSE.parsedFields,
  CLAUSE.nullableFields,
  CLAUSE.contentPath,
  CLAUSE.finishReasonPath,
  CLAUSE.finishReasons,
  CLAUSE.idField,
  CLAUSE.usageFields,
  CLAUSE.requestId,
  CLAUSE.fieldMeaning,
  CLAUSE.mediaTypes,
  CLAUSE.responseHeaders,
];

const ERROR_JUDGES: readonly ClauseId[] = [
  CLAUSE.errorEnvelope,
  CLAUSE.requestId,
  CLAUSE.fieldMeaning,
  CLAUSE.mediaTypes,
  CLAUSE.responseHeaders,
];

const negative = (
  name: NegativeCaseName,
  clause: ClauseIdOf<ErrorExpectation>,
  title: string,
  exercises: readonly ClauseId[],
  extra: readonly ClauseId[] = [],
): CheckSpec => ({
  id: negativeCheck(name),
  kind: 'negative',
  area: 'errors',
  title,
  needs: [...TARGET_CLAUSES, ...BODY_CLAUSES, clause, ...extra],
  judges: ERROR_JUDGES,
  expects: clause,
  exercises,
});

/** Every check, in the order it runs. */
export const CHECKS: readonly CheckSpec[] = [
  {
    id: 'probe',
    kind: 'probe',
    area: 'response',
    title: 'contract probe (JSON)',
    needs: [...TARGET_CLAUSES, ...BODY_CLAUSES],
    judges: RESPONSE_JUDGES,
  },
  {
    id: 'probe-stream',
    kind: 'probe',
    area: 'response',
    title: 'contract probe (stream)',
    needs: [...TARGET_CLAUSES, ...BODY_CLAUSES, CLAUSE.streamField, CLAUSE.streamDone],
    judges: [...RESPONSE_JUDGES, CLAUSE.streamUsage, CLAUSE.streamRules],
  },
  negative('missing-auth', CLAUSE.badAuth, 'no auth header', [CLAUSE.authHeader]),
  negative('invalid-key', CLAUSE.badAuth, 'an invalid key', []),
  negative('malformed-json', CLAUSE.invalidRequest, 'a body that is not valid JSON', []),
  negative('missing-model', CLAUSE.invalidRequest, 'no model field', [
    CLAUSE.modelField,
    CLAUSE.requiredFields,
  ]),
  negative('unknown-model', CLAUSE.invalidModel, 'a model id that does not exist', [CLAUSE.modelField]),
  negative(
    'temperature-out-of-range',
    CLAUSE.invalidRequest,
    'temperature above the documented range',
    [CLAUSE.temperatureRange],
    [CLAUSE.temperatureRange],
  ),
  negative('empty-messages', CLAUSE.invalidRequest, 'an empty messages array', [CLAUSE.messagesField]),
  negative('invalid-role', CLAUSE.invalidRequest, 'a message with an undocumented role', [CLAUSE.roles]),
  negative('wrong-path', CLAUSE.wrongPath, 'a path that is not the chat path', []),
];

/** The error clause a negative check is judged against. */
export function expectationClause(spec: CheckSpec): ClauseIdOf<ErrorExpectation> | undefined {
  return spec.expects;
}
