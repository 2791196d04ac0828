/**
 * @module review/runners
 * The checks a review runs, behind one small interface so the library, the CLI and the tests can swap them.
 * The defaults load the probe, the negative suite and the client audit from `checks/`.
 */
import { type AuditOptions, auditClient } from '../checks/audit/index.js';
import type { Finding } from '../classify/types.js';
import { CLAUSE, type Contract, values } from '../contract/index.js';
import type { AuditScenario } from '../verdict/index.js';

/** What every runner gets: target overrides, the environment for key references, and the abort signal. */
export interface RunnerContext {
  baseUrl?: string;
  keyRef?: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  signal: AbortSignal;
  now: () => Date;
  /** Run the client audit against the embedded simulator (with this key) instead of the target. */
  simulatorKey?: string;
}

export interface AuditOutcome {
  scenarios: AuditScenario[];
  findings: Finding[];
}

export interface ReviewRunners {
  probe(contract: Contract, context: RunnerContext): Promise<Finding[]>;
  negative(contract: Contract, context: RunnerContext): Promise<Finding[]>;
  audit(contract: Contract, command: readonly string[], context: RunnerContext): Promise<AuditOutcome>;
}

// The checks module is imported lazily: `chatproof review --help` stays fast, and a build without one of the
// checks still produces a packet, with that check reported as not run.
const CHECKS_MODULE = '../checks/index.js';

type Loose = (...args: unknown[]) => Promise<unknown>;

async function load(module: string, name: string): Promise<Loose | undefined> {
  try {
    const loaded = (await import(module)) as Record<string, unknown>;
    const fn = loaded[name];
    return typeof fn === 'function' ? (fn as Loose) : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

function findingsOf(result: unknown): Finding[] {
  if (Array.isArray(result)) return result as Finding[];
  const findings = (result as { findings?: unknown } | null)?.findings;
  return Array.isArray(findings) ? (findings as Finding[]) : [];
}

/** Options the probe and negative suite take (`checks/probe` RunOptions). */
function runOptions(context: RunnerContext) {
  return {
    env: context.env,
    signal: context.signal,
    now: context.now,
    ...(context.baseUrl === undefined ? {} : { baseUrl: context.baseUrl }),
    ...(context.keyRef === undefined ? {} : { keyRef: context.keyRef }),
  };
}

/** Raised when a check is not part of this build; the review records it as not run. */
export class MissingCheck extends Error {
  override readonly name = 'MissingCheck';
}

export const defaultRunners: ReviewRunners = {
  async probe(contract, context) {
    const run = await load(CHECKS_MODULE, 'runProbe');
    if (!run) throw new MissingCheck('the probe is not part of this build');
    return findingsOf(await run(contract, runOptions(context)));
  },
  async negative(contract, context) {
    const run = await load(CHECKS_MODULE, 'runNegative');
    if (!run) throw new MissingCheck('the negative suite is not part of this build');
    return findingsOf(await run(contract, runOptions(context)));
  },
  async audit(contract, command, context) {
    const upstream = context.baseUrl ?? values.string(contract, CLAUSE.baseUrl);
    const options: AuditOptions = { command, env: context.env, cwd: context.cwd, signal: context.signal };
    if (context.simulatorKey !== undefined) options.apiKey = context.simulatorKey;
    else if (upstream !== undefined) options.upstream = upstream;
    else throw new MissingCheck(`the client audit needs a target: ${CLAUSE.baseUrl} is pending`);
    const result = await auditClient(contract, options);
    return {
      scenarios: result.scenarios.map((s) => ({
        name: s.name,
        attempts: s.attempts,
        delaysMs: s.delaysMs,
        exitCode: s.exitCode,
        class: s.class,
        rules: s.rules.map((rule) => ({ id: rule.id, ok: rule.ok, message: rule.message })),
      })),
      findings: result.findings,
    };
  },
};
