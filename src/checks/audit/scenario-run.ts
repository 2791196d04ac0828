/**
 * @module checks/audit/scenario-run
 * One scenario end to end: its own proxy (and fallback route) in front of the upstream, the command run with
 * the base-URL variables pointing at it, and the attempt log collected once the last attempt settles.
 */
import { join } from 'node:path';
import { WAITING_NOTICE_MS } from '../../http/index.js';
import type { Attempt, ErrorEnvelope } from '../../proxy/index.js';
import { buildFault, type RunningProxy, startProxy } from '../../proxy/index.js';
import type { Redactor } from '../../redact/index.js';
import { runCommand } from './command.js';
import type { AuditPolicy, AuditScenario, CommandRun } from './types.js';

export interface ScenarioRunOptions {
  command: readonly string[];
  upstream: string;
  envelope: ErrorEnvelope;
  policy: AuditPolicy;
  /** Variables every run gets (the caller's environment plus keys and model). */
  env: NodeJS.ProcessEnv;
  /** The variable the ledger's base-URL clause names, if known. */
  baseUrlVariable?: string;
  cwd: string;
  limitMs: number;
  secrets: readonly string[];
  redactor: Redactor;
  /** Folder for per-scenario attempt logs (`<scenario>.attempts.jsonl`). */
  logDir?: string;
  signal?: AbortSignal;
  /** Called every `waitingNoticeMs` while a request through the proxy has had no answer, with how long. */
  onWaiting?: (ms: number) => void;
  waitingNoticeMs?: number;
}

async function settled(proxy: RunningProxy): Promise<void> {
  // The command has exited; its sockets close a moment later and the proxy records their attempts. Bounded, in
  // case a socket outlives the command (a grandchild still holding it).
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([proxy.idle(), new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
  clearTimeout(timer);
}

/** Runs the command under the scenario's fault and returns what happened. */
export async function runScenario(
  scenario: AuditScenario,
  options: ScenarioRunOptions,
): Promise<{ run: CommandRun; attempts: Attempt[] }> {
  const faults =
    scenario.fault.length > 0 ? [buildFault(scenario.fault, { envelope: options.envelope })] : [];
  const fallback = options.policy.fallbackVariable;
  const proxy = await startProxy({
    upstream: options.upstream,
    faults,
    secrets: options.secrets,
    ...(fallback ? { routes: { fallback: {} } } : {}),
    ...(options.logDir ? { log: join(options.logDir, `${scenario.name}.attempts.jsonl`) } : {}),
  });
  const onWaiting = options.onWaiting;
  const noticeMs = options.waitingNoticeMs ?? WAITING_NOTICE_MS;
  const ticker = onWaiting
    ? setInterval(() => {
        const stats = proxy.stats();
        if (stats.awaitingAnswer > 0 && stats.oldestWaitMs >= noticeMs) onWaiting(stats.oldestWaitMs);
      }, noticeMs)
    : undefined;
  ticker?.unref();
  try {
    const env: NodeJS.ProcessEnv = {
      ...options.env,
      CHATPROOF_BASE_URL: proxy.url,
      OPENAI_BASE_URL: proxy.url,
      CHATPROOF_SCENARIO: scenario.name,
    };
    if (options.baseUrlVariable) env[options.baseUrlVariable] = proxy.url;
    if (fallback) env[fallback] = proxy.routeUrl('fallback');
    const run = await runCommand({
      argv: options.command,
      env,
      cwd: options.cwd,
      limitMs: scenario.limitMs ?? options.limitMs,
      redactor: options.redactor,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    await settled(proxy);
    return { run, attempts: proxy.attempts() };
  } finally {
    clearInterval(ticker);
    await proxy.close();
  }
}
