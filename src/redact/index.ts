/** Structural and exact-value redaction, pattern rules for unknown keys, and an artifact scanner. */
export { MIN_FRAGMENT, needlesFor } from './forms.js';
export { looksLikeSecret, SECRET_KEY_NAMES, SECRET_PATTERNS, type SecretPattern } from './patterns.js';
export { createRedactor, findSecret, REDACTED, type Redactor, type RedactorOptions } from './redactor.js';
export { type ArtifactLeak, scanArtifacts } from './scan.js';
