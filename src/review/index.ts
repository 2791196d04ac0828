/** `review(options)`: the whole review as a library call; the CLI's `review` and `demo` commands wrap it. */
export { type ProgressEvent, progressReporter, type ReviewStep } from './progress.js';
export { type ReviewOptions, type ReviewResult, review } from './review.js';
export { type AuditOutcome, defaultRunners, type ReviewRunners, type RunnerContext } from './runners.js';
export { type SummaryHead, summaryTable } from './summary.js';
export { assertPacketDir, defaultPacketDir, writePacket } from './write.js';
