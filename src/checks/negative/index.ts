/** The negative suite: the seed's step 4 provider-facing cases, judged against the ledger's errors clauses. */

export { CASES, type CaseInput, SENTINELS } from './cases.js';
export { NEGATIVE_CODES, type NegativeCode } from './codes.js';
export { type BodyKind, bodyKind, judgeError } from './judge.js';
export { type NegativeOptions, type NegativeRecord, type NegativeResult, runNegative } from './run.js';
