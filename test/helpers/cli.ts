/** Runs the CLI in-process, as a user would from a shell, with captured output and no colour. */
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal },
): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    cwd: options.cwd,
    env: { NO_COLOR: '1', ...options.env },
    isTTY: false,
    signal: options.signal ?? new AbortController().signal,
    stdout: { write: (text) => out.push(text) },
    stderr: { write: (text) => err.push(text) },
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
