/** The fault catalogue: each fault is `(next) => handler` middleware. */
export { type CutStreamOptions, cutStream } from './cut-stream.js';
export { delay } from './delay.js';
export { type DripOptions, drip } from './drip.js';
export { type HangOptions, hang } from './hang.js';
export { only } from './only.js';
export { probability, seededRandom } from './probability.js';
export { resetAfter } from './reset-after.js';
export { resetBeforeHeaders } from './reset-before-headers.js';
export { type RetryAfterOptions, retryAfter, retryAfterHeader } from './retry-after.js';
export { rewrite, rewriteJson } from './rewrite.js';
export { sequence } from './sequence.js';
export { shouldRetry } from './should-retry.js';
export { type ErrorEnvelope, type ErrorEnvelopeInput, type StatusOptions, status } from './status.js';
export { type TruncateOptions, truncate } from './truncate.js';
