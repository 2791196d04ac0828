/**
 * @module checks/audit/audit
 * `auditClient`: runs the client under every scenario (concurrently, each with its own proxy and attempt log,
 * or one after another) and judges what it did.
 */
import { setMaxListeners } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { CLAUSE, type Contract, values } from '../../contract/index.js';
import { ChatproofError } from '../../errors.js';
import { createRedactor } from '../../redact/index.js';
import { DEMO_KEY, PROFILES, type ProfileName, startSimulator } from '../../simulator/index.js';
import type { Deadline } from '../deadline.js';
import { ledgerEnvelope } from './envelope.js';
import { BASELINE_FAILED, judgeScenario, notRunResult } from './judge.js';
import { auditBlockedBy, markBudgetPending, refuseIfAuditBlocked } from './needs.js';
import { auditPolicy } from './policy.js';
import type { AuditProgressEvent } from './progress.js';
import { runScenario } from './scenario-run.js';
import { buildScenarios } from './scenarios.js';
import type { AuditResult, AuditScenario, AuditScenarioResult } from './types.js';

/** Default per-scenario time limit for the command. */
export const DEFAULT_LIMIT_MS = 30_000;

export interface AuditOptions {
  /** The client command, as argv. */
  command: readonly string[];
  /** The upstream the proxies forward to; omit to use the embedded simulator. */
  upstream?: string;
  /**
   * Simulator profile (when no upstream); injected errors take the ledger's envelope, with this profile's
   * messages and types for each status.
   */
  profile?: ProfileName;
  seed?: number;
  /** Key the simulator accepts and the command receives (simulator only); the demo key by default. */
  apiKey?: string;
  /** Environment the command inherits (default: this process's). */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run scenarios one after another instead of all at once. */
  serial?: boolean;
  /** Run only these scenarios. */
  scenarios?: readonly string[];
  /** Clauses the caller relies on besides the audit's own (e.g. `endpoint.base-url` as the upstream). */
  needs?: readonly string[];
  /** Per-scenario time limit in ms (default 30 s). */
  limitMs?: number;
  /** Write each scenario's attempt log here. */
  logDir?: string;
  signal?: AbortSignal;
  /**
   * The run deadline (`--deadline`): when it fires, running clients are stopped and every scenario not finished
   * is `not-run` with its reason; the audit still returns (only Ctrl-C or SIGTERM make it throw).
   */
  deadline?: Deadline;
  /**
   * On Ctrl-C or SIGTERM, return what the audit has so far instead of throwing `E_INTERRUPTED`: scenarios that
   * finished before the signal judged, every other one `not-run` naming the interruption, marked `incomplete`.
   */
  partialOnInterrupt?: boolean;
  /** Called as each scenario finishes (progress). */
  onScenario?: (result: AuditScenarioResult) => void;
  /** Progress: each scenario as it starts and ends, and requests that have had no answer for a while. */
  onProgress?: (event: AuditProgressEvent) => void;
  /** How often a request still waiting for its answer is reported (default 5 s). */
  waitingNoticeMs?: number;
}

/** Name of the key variable in an `env:NAME` reference. */
/** Why a scenario the signal stopped (or never let start) was not run: `terminated (SIGTERM)` or `interrupted`. */
function interruptionReason(signal: AbortSignal): string {
  const name = (signal.reason as { signalName?: string } | undefined)?.signalName;
  const how = name === 'SIGTERM' ? 'terminated (SIGTERM)' : name ? `interrupted (${name})` : 'interrupted';
  return `the audit was ${how} before this scenario finished`;
}

function keyVariable(contract: Contract): string | undefined {
  const ref = values.string(contract, CLAUSE.keyRef);
  return ref?.startsWith('env:') ? ref.slice(4) : undefined;
}

/**
 * The scenarios the audit will run, with those blocked by pending clauses marked `not-run`. Throws `E_USAGE` for
 * an unknown scenario name and `E_PLACEHOLDER` when the audit as a whole cannot run (see `refuseIfAuditBlocked`);
 * `needs` adds clauses the caller relies on (the target URL, say) to that check.
 */
export function planAudit(
  contract: Contract,
  options: { limitMs?: number; scenarios?: readonly string[]; needs?: readonly string[] },
): AuditScenario[] {
  let scenarios = allScenarios(contract, options.limitMs);
  if (options.scenarios && options.scenarios.length > 0) {
    const unknown = options.scenarios.filter((name) => !scenarios.some((s) => s.name === name));
    if (unknown.length > 0) {
      throw new ChatproofError(
        'E_USAGE',
        `unknown scenario(s): ${unknown.join(', ')}; known: ${scenarios.map((s) => s.name).join(', ')}`,
      );
    }
    scenarios = scenarios.filter((s) => options.scenarios!.includes(s.name));
  }
  refuseIfAuditBlocked(contract, scenarios, options.needs);
  return scenarios;
}

function allScenarios(contract: Contract, limitMs?: number): AuditScenario[] {
  const catalogue = { limitMs: limitMs ?? DEFAULT_LIMIT_MS, defaultLimit: limitMs === undefined };
  return markBudgetPending(contract, buildScenarios(contract, auditPolicy(contract), catalogue));
}

/**
 * The pending clauses that keep the whole audit from running (see `auditBlockedBy`); empty when it can run.
 * What `planAudit` refuses with `E_PLACEHOLDER`, as data for a caller that records it instead (the review).
 */
export function auditPendingClauses(contract: Contract, needs: readonly string[] = []): string[] {
  return auditBlockedBy(contract, allScenarios(contract), needs);
}

/** Runs the client audit. Findings are data: a client that misbehaves is a result, not an error. */
export async function auditClient(contract: Contract, options: AuditOptions): Promise<AuditResult> {
  if (options.command.length === 0)
    throw new ChatproofError('E_USAGE', 'audit-client needs a command after --');
  const limitMs = options.limitMs ?? DEFAULT_LIMIT_MS;
  const policy = auditPolicy(contract);
  const scenarios = planAudit(contract, options);
  // One listener on the caller's signal fans out to every running scenario.
  const stop = new AbortController();
  setMaxListeners(scenarios.length + 10, stop.signal);
  const onAbort = () => stop.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const profile = PROFILES[options.profile ?? 'cometapi'];
  const envelope = ledgerEnvelope(contract, profile);
  const baseEnv: NodeJS.ProcessEnv = { ...(options.env ?? process.env) };
  const keyVar = keyVariable(contract);
  const model = values.string(contract, CLAUSE.modelId);
  if (model !== undefined) baseEnv.CHATPROOF_MODEL = model;
  const secrets: string[] = [];
  if (keyVar && baseEnv[keyVar]) secrets.push(baseEnv[keyVar]!);
  if (baseEnv.OPENAI_API_KEY) secrets.push(baseEnv.OPENAI_API_KEY);

  const simulator = options.upstream
    ? undefined
    : await startSimulator({
        profile: profile.name,
        seed: options.seed ?? 1,
        apiKey: options.apiKey ?? DEMO_KEY,
      });
  try {
    const upstream = options.upstream ?? simulator!.url;
    if (simulator) {
      secrets.push(simulator.apiKey);
      baseEnv.OPENAI_API_KEY = simulator.apiKey;
      baseEnv.CHATPROOF_API_KEY = simulator.apiKey;
      if (keyVar) baseEnv[keyVar] = simulator.apiKey;
    }
    if (options.logDir) await mkdir(options.logDir, { recursive: true });
    const redactor = createRedactor({ secrets });
    const baseUrlVariable = values.string(contract, CLAUSE.baseUrlVariable);
    const clauseValue = (id: string) => {
      const value = contract.known(id);
      return value === undefined ? undefined : JSON.stringify(value);
    };
    const deadline = options.deadline;
    const scenarioSignal = deadline ? AbortSignal.any([stop.signal, deadline.signal]) : stop.signal;
    // Every running scenario listens to it (and `any` listens to the deadline's).
    setMaxListeners(scenarios.length + 10, scenarioSignal);
    if (deadline) setMaxListeners(scenarios.length + 10, deadline.signal);
    let started = 0;
    let finished = 0;
    // Scenarios the signal stopped or never let start: what they did (if anything) is not judged.
    const interrupted = new Set<string>();
    const stopped = (scenario: AuditScenario) => {
      interrupted.add(scenario.name);
      return notRunResult(scenario, interruptionReason(stop.signal));
    };
    const one = async (index: number): Promise<AuditScenarioResult> => {
      const scenario = scenarios[index]!;
      if (scenario.notRun) return notRunResult(scenario, scenario.notRun, scenario.blockedBy);
      if (stop.signal.aborted) return stopped(scenario);
      if (deadline?.reached()) return notRunResult(scenario, deadline.reason, [], deadline.limit);
      const progress = options.onProgress;
      progress?.({ kind: 'start', name: scenario.name, index: ++started, total: scenarios.length });
      const { run, attempts } = await runScenario(scenario, {
        ...(progress
          ? { onWaiting: (ms: number) => progress({ kind: 'waiting', name: scenario.name, ms }) }
          : {}),
        ...(options.waitingNoticeMs ? { waitingNoticeMs: options.waitingNoticeMs } : {}),
        command: options.command,
        upstream,
        envelope,
        policy,
        env: baseEnv,
        ...(baseUrlVariable ? { baseUrlVariable } : {}),
        cwd: options.cwd ?? process.cwd(),
        limitMs,
        secrets,
        redactor,
        ...(options.logDir ? { logDir: options.logDir } : {}),
        signal: scenarioSignal,
      });
      // A client the signal or the deadline stopped was cut short: what it did is not a judgement of its retries.
      if (stop.signal.aborted) return stopped(scenario);
      if (deadline?.reached() && !stop.signal.aborted) {
        return notRunResult(scenario, deadline.reason, [], deadline.limit);
      }
      return judgeScenario({ scenario, policy, run, attempts, clauseValue });
    };
    // Faults are judged only against a client that works without one: when the baseline fails, every other
    // scenario is not run (and, one after another, not even started).
    const baselineIndex = scenarios.findIndex((s) => s.kind === 'baseline' && !s.notRun);
    const baseline = baselineIndex >= 0 ? one(baselineIndex) : Promise.resolve(undefined);
    // Awaited below; this only keeps a failure from being reported as unhandled if an interrupt skips that.
    baseline.catch(() => undefined);
    const judged = async (index: number): Promise<AuditScenarioResult> => {
      if (index === baselineIndex) return (await baseline)!;
      const running = options.serial ? undefined : one(index);
      const base = await baseline;
      const scenario = scenarios[index]!;
      if (base?.class !== 'not-run' || scenario.notRun) return running ?? one(index);
      await running;
      // A baseline the signal stopped did not fail either: the scenarios after it are not judged.
      if (interrupted.has(base.name)) return stopped(scenario);
      // A baseline the deadline ended did not fail: the scenarios after it were not reached.
      if (base.finding.class === 'not-run' && base.finding.limit?.kind === 'deadline' && deadline) {
        return notRunResult(scenario, deadline.reason, [], deadline.limit);
      }
      return notRunResult(scenario, BASELINE_FAILED);
    };
    const results: AuditScenarioResult[] = [];
    const report = (result: AuditScenarioResult) => {
      options.onScenario?.(result);
      options.onProgress?.({
        kind: 'done',
        name: result.name,
        class: result.class,
        durationMs: result.durationMs,
        done: ++finished,
        total: scenarios.length,
      });
      return result;
    };
    if (options.serial) {
      for (const index of scenarios.keys()) {
        if (stop.signal.aborted && !options.partialOnInterrupt) break;
        results.push(report(await judged(index)));
      }
    } else {
      results.push(
        ...(await Promise.all([...scenarios.keys()].map(async (index) => report(await judged(index))))),
      );
    }
    const incomplete = stop.signal.aborted;
    if (incomplete && !options.partialOnInterrupt)
      throw stop.signal.reason ?? new ChatproofError('E_INTERRUPTED', 'interrupted');
    return {
      scenarios: results,
      findings: results.map((result) => result.finding),
      ...(incomplete ? { incomplete: true as const } : {}),
      // A scenario that did not run judged nothing: the audit passes only when every one ran and held; an
      // interrupted audit never passes.
      passed:
        !incomplete &&
        results.every(
          (result) => result.class === 'documented-handled' || result.class === 'observed-not-documented',
        ),
    };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await simulator?.close();
  }
}
