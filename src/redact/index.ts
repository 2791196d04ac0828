/**
 * Structural, exact-value and pattern redaction, the run's redacting boundary, and an artifact scanner.
 *
 * `createBoundary` / `withBoundary` / `activeBoundary` are the boundary every output passes: create one per run,
 * run the work inside it, and write every byte that leaves the process through `boundary.text` or
 * `boundary.sink`. `learnSecret` and `boundary.addUrl` / `addHeaders` teach it the run's secrets.
 */
export {
  activeBoundary,
  createBoundary,
  learnSecret,
  MIN_LEARNT_SECRET,
  type RedactionBoundary,
  redactOutput,
  type TextSink,
  withBoundary,
} from './boundary.js';
export { encodingOf, escapedMatcher, MIN_FRAGMENT, needlesFor, secretRegExp } from './forms.js';
export { looksLikeSecret, SECRET_KEY_NAMES, SECRET_PATTERNS, type SecretPattern } from './patterns.js';
export { createRedactor, findSecret, REDACTED, type Redactor, type RedactorOptions } from './redactor.js';
export { type ArtifactLeak, scanArtifacts } from './scan.js';
