/**
 * @module cli/main
 * The only place that parses argv, prints usage and turns errors into exit codes. The command tree is in
 * `program.ts`; commands are functions in `commands/<name>.ts`, imported lazily so `chatproof --help` stays fast.
 */

import { type Command, CommanderError } from 'commander';
import { ChatproofError, interruptedBy, interruptedExitCode, USAGE_CODES } from '../errors.js';
import { createBoundary, withBoundary } from '../redact/boundary.js';
import { type CommandContext, EXIT, type GlobalOptions, type Output } from './context.js';
import { buildProgram } from './program.js';

export interface MainOptions {
  stdout?: Output;
  stderr?: Output;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  isTTY?: boolean;
  signal?: AbortSignal;
  /** Standard input for `-` arguments; `process.stdin` by default. */
  stdin?: NodeJS.ReadableStream & AsyncIterable<Buffer>;
}

/** Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code. */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  // The run's redacting boundary: every write to stdout and stderr, and every file written, passes it. It
  // learns the run's secrets as they are met (keys as references resolve, URL credentials from argv).
  const boundary = createBoundary();
  for (const arg of argv) {
    if (/:\/\/|@|\?/.test(arg)) boundary.addUrl(arg.replace(/^--[a-z-]+=/, ''));
  }
  const stdout = boundary.sink(
    options.stdout ?? { write: (text: string) => void process.stdout.write(text) },
  );
  const stderr = boundary.sink(
    options.stderr ?? { write: (text: string) => void process.stderr.write(text) },
  );
  const env = options.env ?? process.env;
  const isTTY = options.isTTY ?? Boolean(process.stderr.isTTY);
  // Results go to stdout and progress to stderr: colour only when neither is piped into a file or a program.
  const colorable = options.isTTY ?? Boolean(process.stderr.isTTY && process.stdout.isTTY);
  const controller = new AbortController();
  // SIGTERM (a CI runner, `timeout`, systemd) stops a run exactly as Ctrl-C does; only the exit code differs.
  const onSigint = () => controller.abort(interruptedBy('SIGINT'));
  const onSigterm = () => controller.abort(interruptedBy('SIGTERM'));
  if (!options.signal) {
    process.once('SIGINT', onSigint);
    process.once('SIGTERM', onSigterm);
  }
  options.signal?.addEventListener('abort', () => controller.abort(options.signal?.reason), { once: true });

  let exitCode: number = EXIT.pass;
  const makeContext = (globals: GlobalOptions): CommandContext => ({
    stdout,
    stderr,
    env,
    cwd: options.cwd ?? process.cwd(),
    color: globals.color && colorEnabled(env, colorable),
    interactive: isTTY,
    quiet: globals.quiet,
    json: globals.json,
    signal: controller.signal,
    stdin: options.stdin ?? process.stdin,
  });
  const program = buildProgram(makeContext, (code) => {
    exitCode = code;
  });
  // Set before parsing and inherited by every subcommand: commander must never call process.exit.
  const all = (command: Command): Command[] => [command, ...command.commands.flatMap(all)];
  for (const command of all(program)) {
    command.exitOverride();
    command.configureOutput({
      writeOut: (text) => stdout.write(text),
      writeErr: (text) => stderr.write(text),
      outputError: (text, write) => write(text),
    });
  }
  try {
    await withBoundary(boundary, () => program.parseAsync(argv, { from: 'user' }));
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version exit 0; every parse error (unknown option, missing argument) is a usage error.
      return error.exitCode === 0 ? EXIT.pass : EXIT.usage;
    }
    if (error instanceof ChatproofError) {
      if (error.code === 'E_INTERRUPTED') return interruptedExitCode(controller.signal);
      stderr.write(`chatproof: ${error.message}\n`);
      if (error.code === 'E_STORE_UNWRITABLE') return EXIT.storeFailed;
      if (error.code === 'E_CANNOT_CREATE_OUTPUT') return EXIT.cantCreate;
      return USAGE_CODES.has(error.code) ? EXIT.usage : EXIT.internal;
    }
    stderr.write(`chatproof: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    return EXIT.internal;
  } finally {
    if (!options.signal) {
      process.removeListener('SIGINT', onSigint);
      process.removeListener('SIGTERM', onSigterm);
    }
  }
}

/**
 * Colour by the common conventions: `--no-color` always wins; then `NO_COLOR` with a non-empty value turns it
 * off (an empty `NO_COLOR=` does not); then `FORCE_COLOR` turns it on even into a pipe (`0` or `false` turns it
 * off); otherwise colour only on a terminal.
 */
export function colorEnabled(env: NodeJS.ProcessEnv, terminal: boolean): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return terminal;
}
