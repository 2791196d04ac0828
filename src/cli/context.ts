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

/** Exit codes, stable and documented (one table, `src/exit.ts`). */
export { EXIT } from '../exit.js';

/** Minimal ANSI styling that turns itself off when colour is off. */
export function style(color: boolean) {
  const wrap = (code: number) => (text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  return { bold: wrap(1), dim: wrap(2), red: wrap(31), green: wrap(32), yellow: wrap(33), cyan: wrap(36) };
}
