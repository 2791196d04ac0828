/**
 * @module checks/audit/command
 * Runs the client command once, bounded by a time limit: its own process group, so a stopped command takes its
 * children with it. Output is kept as a short, redacted tail.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { Redactor } from '../../redact/index.js';
import type { CommandRun } from './types.js';

const TAIL_BYTES = 4_000;
/** After SIGTERM, how long a command gets to exit before SIGKILL. */
const KILL_GRACE_MS = 1_000;

export interface CommandOptions {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  limitMs: number;
  redactor: Redactor;
  signal?: AbortSignal;
}

function tail(text: string): string {
  return text.length > TAIL_BYTES ? text.slice(-TAIL_BYTES) : text;
}

/**
 * Process groups of clients still running. If chatproof exits before a client's SIGKILL grace ends (a signal
 * stopped the run), they are killed on the way out: no audited client outlives the audit.
 */
const liveGroups = new Set<number>();
let exitHook = false;
function track(pid: number): void {
  liveGroups.add(pid);
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const group of liveGroups) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  });
}

/** Runs `argv` and resolves with how it ended; never rejects. */
export function runCommand(options: CommandOptions): Promise<CommandRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const [file, ...args] = options.argv;
    const child = spawn(file!, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    if (child.pid !== undefined && process.platform !== 'win32') track(child.pid);
    const killGroup = (signal: NodeJS.Signals) => {
      if (child.pid === undefined || child.exitCode !== null) return;
      try {
        if (process.platform !== 'win32') process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // Already gone.
      }
    };
    const stop = () => {
      killGroup('SIGTERM');
      setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS).unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.limitMs);
    const onAbort = () => stop();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (run: Omit<CommandRun, 'stdoutTail' | 'stderrTail' | 'durationMs' | 'timedOut'>) => {
      if (settled) return;
      settled = true;
      if (child.pid !== undefined && process.platform !== 'win32') {
        liveGroups.delete(child.pid);
        // The client has ended; whatever it left running in its group (a shell's children) ends with it.
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // The group is already empty.
        }
      }
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({
        ...run,
        timedOut,
        durationMs: performance.now() - started,
        stdoutTail: options.redactor.text(tail(stdout)),
        stderrTail: options.redactor.text(tail(stderr)),
      });
    };
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout = tail(stdout + text);
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr = tail(stderr + text);
    });
    // Node's message names the command and the cause (`spawn /no/such/cmd ENOENT`), which the code alone does not.
    child.on('error', (error: NodeJS.ErrnoException) =>
      finish({ exitCode: null, signal: null, spawnError: error.message || error.code || 'unknown error' }),
    );
    child.on('close', (exitCode, signal) => finish({ exitCode, signal }));
  });
}
