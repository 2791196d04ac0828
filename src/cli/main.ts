/**
 * @module cli/main
 * The only place that parses argv, prints usage and turns errors into exit codes. Commands are functions in
 * `commands/<name>.ts`, imported lazily so `chatproof --help` stays fast.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ChatproofError, USAGE_CODES } from '../errors.js';
import { type CommandContext, EXIT, type GlobalOptions, type Output } from './context.js';

const EXIT_CODES_HELP = `
Exit codes:
  0   pass          every contract area is sourced, implemented and validated
  1   fail          a rule of the review failed (see the packet's reasons)
  2   escalate      observed behaviour differs from the documented source
  64  usage/input   bad arguments or an invalid input file (file:line:col in the message)
  70  internal      a bug in chatproof; please report it
  130 interrupted   Ctrl-C; a partial packet marked incomplete was written`;

export interface MainOptions {
  stdout?: Output;
  stderr?: Output;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  isTTY?: boolean;
  signal?: AbortSignal;
}

/** Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code. */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const stdout = options.stdout ?? { write: (text: string) => void process.stdout.write(text) };
  const stderr = options.stderr ?? { write: (text: string) => void process.stderr.write(text) };
  const env = options.env ?? process.env;
  const isTTY = options.isTTY ?? Boolean(process.stderr.isTTY);
  const controller = new AbortController();
  const onSigint = () => controller.abort(new ChatproofError('E_INTERRUPTED', 'interrupted'));
  if (!options.signal) process.once('SIGINT', onSigint);
  options.signal?.addEventListener('abort', () => controller.abort(options.signal?.reason), { once: true });

  let exitCode: number = EXIT.pass;
  const makeContext = (globals: GlobalOptions): CommandContext => ({
    stdout,
    stderr,
    env,
    cwd: options.cwd ?? process.cwd(),
    color: globals.color && isTTY && env.NO_COLOR === undefined,
    interactive: isTTY,
    quiet: globals.quiet,
    json: globals.json,
    signal: controller.signal,
  });
  const program = buildProgram(makeContext, (code) => {
    exitCode = code;
  });
  program.exitOverride();
  program.configureOutput({
    writeOut: (text) => stdout.write(text),
    writeErr: (text) => stderr.write(text),
    outputError: (text, write) => write(text),
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version exit 0; every parse error (unknown option, missing argument) is a usage error.
      return error.exitCode === 0 ? EXIT.pass : EXIT.usage;
    }
    if (error instanceof ChatproofError) {
      if (error.code === 'E_INTERRUPTED') return EXIT.interrupted;
      stderr.write(`chatproof: ${error.message}\n`);
      return USAGE_CODES.has(error.code) ? EXIT.usage : EXIT.internal;
    }
    stderr.write(`chatproof: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    return EXIT.internal;
  } finally {
    if (!options.signal) process.removeListener('SIGINT', onSigint);
  }
}

type Run = (options: Record<string, unknown>, args: string[], context: CommandContext) => Promise<number>;

function buildProgram(
  makeContext: (globals: GlobalOptions) => CommandContext,
  setExit: (code: number) => void,
): Command {
  const program = new Command('chatproof')
    .description(
      'Prove a chat-completions integration still matches its contract: a ledger of sourced assumptions in,\n' +
        'probes, negative tests, a client audit and a verdict (pass / fail / escalate) out, as a review packet.',
    )
    .version(VERSION, '-V, --version')
    .option('--ledger <file>', 'ledger file', './chatproof.yaml')
    .option('--json', 'print machine-readable JSON on stdout', false)
    .option('--out <dir>', 'folder for packets and artifacts')
    .option('--no-color', 'no colour, even on a terminal')
    .option('--quiet', 'only errors and the final summary', false)
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP)
    .enablePositionalOptions(false);

  const action =
    (load: () => Promise<Run>) =>
    async (...params: unknown[]) => {
      const command = params.at(-1) as Command;
      const options = command.optsWithGlobals() as Record<string, unknown> & GlobalOptions;
      const args = command.args;
      const run = await load();
      setExit(await run(options, args, makeContext(options)));
    };

  program
    .command('init')
    .description('write a new ledger: every clause a <PLACEHOLDER>, with the source links to fill')
    .option('-o, --out <file>', 'where to write the ledger', 'chatproof.yaml')
    .option(
      '--from-openapi <file>',
      'fill request, response and error clauses from an OpenAPI 3.0/3.1 document',
    )
    .option('--force', 'overwrite an existing file', false)
    .addHelpText(
      'after',
      '\nExamples:\n  chatproof init --out chatproof.yaml\n  chatproof init --out ledger.yaml --from-openapi openapi.yaml',
    )
    .action(action(async () => (await import('./commands/init.js')).initCommand));

  program
    .command('validate [file]')
    .description(
      'check a ledger: schema and semantic errors with file:line:col, and a pending report per area',
    )
    .addHelpText(
      'after',
      '\nExit 0 when the ledger is well-formed (pending clauses are reported, not errors), 64 when not.',
    )
    .action(action(async () => (await import('./commands/validate.js')).validateCommand));

  return program;
}

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
