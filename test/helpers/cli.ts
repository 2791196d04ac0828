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

/** A long-running command (`proxy`, `simulate`) started in-process: its first stdout line, and a way to stop it. */
export interface RunningCli {
  /** The first thing the command printed on stdout, trimmed (the URL it serves on). */
  firstLine: Promise<string>;
  /** The exit code, once the command ended. */
  done: Promise<number>;
  stop(): void;
  stdout(): string;
  stderr(): string;
  /** Resolves once stderr holds at least `count` matches of `pattern`. */
  stderrHas(pattern: RegExp, count?: number): Promise<void>;
}

export function startCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): RunningCli {
  const out: string[] = [];
  const err: string[] = [];
  const controller = new AbortController();
  let announced: (line: string) => void = () => {};
  const firstLine = new Promise<string>((resolve) => {
    announced = resolve;
  });
  const watchers: (() => void)[] = [];
  const done = main(args, {
    cwd: options.cwd,
    env: { NO_COLOR: '1', ...options.env },
    isTTY: false,
    signal: controller.signal,
    stdout: {
      write: (text) => {
        out.push(text);
        announced(text.trim());
      },
    },
    stderr: {
      write: (text) => {
        err.push(text);
        for (const watch of [...watchers]) watch();
      },
    },
  });
  const stderr = () => err.join('');
  return {
    firstLine,
    done,
    stop: () => controller.abort(),
    stdout: () => out.join(''),
    stderr,
    stderrHas: (pattern, count = 1) =>
      new Promise<void>((resolve) => {
        const global = new RegExp(
          pattern.source,
          pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
        );
        const watch = () => {
          if ((stderr().match(global) ?? []).length < count) return;
          watchers.splice(watchers.indexOf(watch), 1);
          resolve();
        };
        watchers.push(watch);
        watch();
      }),
  };
}
