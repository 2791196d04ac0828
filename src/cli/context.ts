/**
 * @module cli/context
 * What a command gets instead of globals: output streams, environment, colour, and an abort signal.
 */

export interface Output {
  write(text: string): void;
}

export interface CommandContext {
  stdout: Output;
  stderr: Output;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Colour on stderr/stdout: on a TTY or with FORCE_COLOR; never with a non-empty NO_COLOR or --no-color. */
  color: boolean;
  /** True when stderr is a terminal (progress displays redraw only there). */
  interactive: boolean;
  quiet: boolean;
  json: boolean;
  /** Aborted on Ctrl-C; long commands stop cleanly and write what they have. */
  signal: AbortSignal;
  /** Standard input, for commands that read `-`. */
  stdin?: NodeJS.ReadableStream & AsyncIterable<Buffer>;
}

/** Global options every command accepts (DESIGN: the interface users and scripts rely on). */
export interface GlobalOptions {
  ledger: string;
  json: boolean;
  out?: string;
  color: boolean;
  quiet: boolean;
}

/** Exit codes, stable and documented. */
export const EXIT = {
  pass: 0,
  fail: 1,
  escalate: 2,
  usage: 64,
  internal: 70,
  /** The review ran and its packet is written, but the history store could not be written. */
  storeFailed: 73,
  /** An output could not be created (EX_CANTCREAT): a read-only folder, a full disk, a name too long. */
  cantCreate: 73,
  interrupted: 130,
  /** Stopped by SIGTERM (128 + 15); the partial packet is written as for Ctrl-C. */
  terminated: 143,
} as const;

/** Minimal ANSI styling that turns itself off when colour is off. */
export function style(color: boolean) {
  const wrap = (code: number) => (text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  return { bold: wrap(1), dim: wrap(2), red: wrap(31), green: wrap(32), yellow: wrap(33), cyan: wrap(36) };
}
