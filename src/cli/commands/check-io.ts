/** The output and options shape `probe` and `negative` hand to their shared runner. */
import { resolve } from 'node:path';
import type { CommandIo } from '../../checks/probe/command.js';
import { assertFreshFolder, assertOutputDir } from '../../fsutil/index.js';
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

/** Refuses an `--out` that is a file before any request is sent, so no evidence is gathered only to be lost. */
export async function prepareOutput(
  io: CommandIo,
  kind: 'probe' | 'negative',
  force: boolean,
): Promise<void> {
  if (io.out === undefined) return;
  const dir = resolve(io.cwd, io.out);
  await assertOutputDir(dir);
  await assertFreshFolder(dir, `--out ${io.out}`, kind, { force });
}
