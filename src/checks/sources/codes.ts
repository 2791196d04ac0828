/**
 * @module checks/sources/codes
 * Every finding code the source check emits. The type is the table: a code not listed here does not compile.
 */

export const SOURCE_CODES = [
  'pointer-changed',
  'pointer-gone',
  'pointer-unchanged',
  'quote-found',
  'quote-found-page-changed',
  'quote-missing',
  'source-gone',
  'source-incomplete',
  'source-unparseable',
  'source-unreachable',
] as const;
export type SourceCode = (typeof SOURCE_CODES)[number];

/** The source check's name. */
export const SOURCES_CHECK = 'sources';
