/** Source checks: is each clause's quoted passage still in its cited documentation? */

export {
  checkSources,
  type DocumentFetcher,
  type FetchedDocument,
  httpFetcher,
  type SourceCheckOptions,
  type SourceCheckResult,
  type SourceRecord,
} from './check.js';
export { SOURCE_CODES, type SourceCode } from './codes.js';
export { containsQuote, htmlToText, normalize } from './text.js';
