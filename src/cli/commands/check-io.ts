/** The output and options shape `probe` and `negative` hand to their shared runner. */
import type { CommandIo } from '../../checks/probe/command.js';
import { type CommandContext, style } from '../context.js';

export function checkIo(options: Record<string, unknown>, context: CommandContext): CommandIo {
  return {
    ledger: options.ledger as string,
    cwd: context.cwd,
    json: context.json,
    quiet: context.quiet,
    ...(typeof options.out === 'string' ? { out: options.out } : {}),
    stdout: context.stdout,
    stderr: context.stderr,
    style: style(context.color),
    signal: context.signal,
  };
}
