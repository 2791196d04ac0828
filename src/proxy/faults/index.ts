/** The fault catalogue: each fault is `(next) => handler` middleware. */
import { cutStream } from './cut-stream.js';
import { delay } from './delay.js';
import { drip } from './drip.js';
import { errorEvent } from './error-event.js';
import { hang } from './hang.js';
import { malformed } from './malformed.js';
import { namedFault } from './named.js';
import { only } from './only.js';
import { probability, seededRandom } from './probability.js';
import { resetAfter } from './reset-after.js';
import { resetBeforeHeaders } from './reset-before-headers.js';
import { retryAfter, retryAfterHeader } from './retry-after.js';
import { rewrite, rewriteJson } from './rewrite.js';
import { sequence } from './sequence.js';
import { shouldRetry } from './should-retry.js';
import { stall } from './stall.js';
import { status } from './status.js';
import { truncate } from './truncate.js';

export { type CutStreamOptions, cutStream } from './cut-stream.js';
export { delay } from './delay.js';
export { type DripOptions, drip } from './drip.js';
export { type ErrorEventOptions, errorEvent } from './error-event.js';
export { type HangOptions, hang } from './hang.js';
export { BROKEN_JSON, malformed } from './malformed.js';
export { type NamedFaultEnv, namedFault, readTerm, type Term, type TermResult, termFault } from './named.js';
export { only } from './only.js';
export { probability, seededRandom } from './probability.js';
export { resetAfter } from './reset-after.js';
export { resetBeforeHeaders } from './reset-before-headers.js';
export { type RetryAfterOptions, retryAfter, retryAfterHeader } from './retry-after.js';
export { rewrite, rewriteJson } from './rewrite.js';
export { sequence } from './sequence.js';
export { shouldRetry } from './should-retry.js';
export { type StallOptions, stall } from './stall.js';
export { type ErrorEnvelope, type ErrorEnvelopeInput, type StatusOptions, status } from './status.js';
export { type TruncateOptions, truncate } from './truncate.js';

/** Every fault by name, for `faults.status({...})`, `faults.delay(500)`, `faults.sequence(2, …)`, … */
export const faults = {
  cutStream,
  delay,
  drip,
  errorEvent,
  hang,
  malformed,
  namedFault,
  only,
  probability,
  resetAfter,
  resetBeforeHeaders,
  retryAfter,
  retryAfterHeader,
  rewrite,
  rewriteJson,
  seededRandom,
  sequence,
  shouldRetry,
  stall,
  status,
  truncate,
} as const;
