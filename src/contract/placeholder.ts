/** Placeholders are values written `<LIKE_THIS>`: unknown, never guessed, never passed. */

const PLACEHOLDER = /^<[A-Z][A-Z0-9_]*>$/;

/** True when a string is a placeholder such as `<COMETAPI_BASE_URL_FROM_DOCS>`. */
export function isPlaceholder(value: unknown): value is string {
  return typeof value === 'string' && PLACEHOLDER.test(value.trim());
}

/** True when a value is, or contains anywhere inside it, a placeholder. */
export function containsPlaceholder(value: unknown): boolean {
  if (isPlaceholder(value)) return true;
  if (Array.isArray(value)) return value.some(containsPlaceholder);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsPlaceholder);
  return false;
}

/** Makes a placeholder from a descriptive name: `placeholder('team or person')` → `<TEAM_OR_PERSON>`. */
export function placeholder(name: string): string {
  return `<${name
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')}>`;
}

/** Words that fill a field without saying anything: not a quoted passage, not a location. */
const NO_EVIDENCE = new Set([
  '',
  'n/a',
  'na',
  'n.a.',
  'none',
  'null',
  'nil',
  'tbd',
  'todo',
  'unknown',
  '-',
  '--',
  '—',
  '?',
  '...',
  '…',
]);

/**
 * True when a piece of evidence text says nothing: missing, empty, `n/a`, `TBD`, `…`, or a placeholder. Such a
 * quote is not source evidence and such a location is not implementation evidence.
 */
export function isEmptyEvidence(text: string | undefined): boolean {
  if (text === undefined) return true;
  return NO_EVIDENCE.has(text.trim().toLowerCase()) || isPlaceholder(text);
}
