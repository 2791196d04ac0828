/**
 * @module errors
 * chatproof's own failures. Expected outcomes from a target (a 429, a missing field) are findings, never errors.
 */
import { EXIT } from './exit.js';

/** Stable error codes; scripts may match on them. Add, never rename. */
export type ChatproofErrorCode =
  | 'E_USAGE'
  | 'E_FILE_NOT_FOUND'
  | 'E_FILE_UNREADABLE'
  | 'E_FILE_TOO_LARGE'
  | 'E_FILE_ENCODING'
  | 'E_YAML_SYNTAX'
  | 'E_LEDGER_INVALID'
  | 'E_INLINE_SECRET'
  | 'E_PLACEHOLDER'
  | 'E_OPENAPI_INVALID'
  | 'E_SECRET_REF'
  | 'E_OUTPUT_EXISTS'
  | 'E_OUTPUT_UNWRITABLE'
  | 'E_SIM_BIND'
  | 'E_PROXY_BIND'
  | 'E_STORE_UNWRITABLE'
  | 'E_STORE_CORRUPT'
  | 'E_STORE_FOREIGN'
  | 'E_STORE_NEWER'
  | 'E_REVIEW_NOT_FOUND'
  | 'E_PACKET_UNREADABLE'
  | 'E_CAPTURE_INVALID'
  | 'E_INTERRUPTED'
  | 'E_CANNOT_CREATE_OUTPUT'
  | 'E_INTERNAL';

/** Where in an input file a problem sits (1-based line and column). */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
  /** Field path inside the document, e.g. `clauses[3].source.url`. */
  path?: string;
}

export interface ChatproofErrorOptions {
  cause?: unknown;
  /** Every problem found, when there is more than one (validation reports them all). */
  problems?: readonly Problem[];
  location?: SourceLocation;
}

/** One problem in an input, with its location; used by validation reports. */
export interface Problem {
  code: ChatproofErrorCode;
  message: string;
  location: SourceLocation;
}

/** Base class for every error chatproof throws about its own inputs or environment. */
export class ChatproofError extends Error {
  override readonly name: string = 'ChatproofError';
  readonly code: ChatproofErrorCode;
  readonly problems: readonly Problem[];
  readonly location: SourceLocation | undefined;

  constructor(code: ChatproofErrorCode, message: string, options: ChatproofErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.problems = options.problems ?? [];
    this.location = options.location;
  }
}

/** Errors that mean "the user gave bad input or usage": exit code 64. Everything else is internal (70). */
export const USAGE_CODES: ReadonlySet<ChatproofErrorCode> = new Set<ChatproofErrorCode>([
  'E_USAGE',
  'E_FILE_NOT_FOUND',
  'E_FILE_UNREADABLE',
  'E_FILE_TOO_LARGE',
  'E_FILE_ENCODING',
  'E_YAML_SYNTAX',
  'E_LEDGER_INVALID',
  'E_INLINE_SECRET',
  'E_PLACEHOLDER',
  'E_OPENAPI_INVALID',
  'E_SECRET_REF',
  'E_OUTPUT_EXISTS',
  'E_OUTPUT_UNWRITABLE',
  'E_SIM_BIND',
  'E_PROXY_BIND',
  'E_STORE_CORRUPT',
  'E_STORE_FOREIGN',
  'E_STORE_NEWER',
  'E_REVIEW_NOT_FOUND',
  'E_PACKET_UNREADABLE',
  'E_CAPTURE_INVALID',
]);

/** Formats a location as `file:line:col`. */
export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.col}`;
}

/** The abort reason of a run stopped by a signal; `signalName` tells Ctrl-C (SIGINT) from SIGTERM. */
export function interruptedBy(signalName: 'SIGINT' | 'SIGTERM'): ChatproofError & { signalName: string } {
  return Object.assign(
    new ChatproofError('E_INTERRUPTED', signalName === 'SIGTERM' ? 'terminated' : 'interrupted'),
    { signalName },
  );
}

/** The exit code of an interrupted run: 143 after SIGTERM, 130 after Ctrl-C (or any other abort). */
export function interruptedExitCode(signal: AbortSignal | undefined): 130 | 143 {
  const name = (signal?.reason as { signalName?: string } | undefined)?.signalName;
  return name === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted;
}

export function isChatproofError(error: unknown): error is ChatproofError {
  return error instanceof ChatproofError;
}
