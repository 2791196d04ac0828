/**
 * @module review/runners
 * The checks a review runs, behind one small interface so the library, the CLI and the tests can swap them.
 * The defaults are the probe, the negative suite and the client audit from `checks/`.
 */

import { dirname, resolve } from 'node:path';
import {
  type AuditOptions,
  type AuditProgressEvent,
  type AuditScenarioRecord,
  auditClient,
  auditPendingClauses,
} from '../checks/audit/index.js';
import type { Deadline } from '../checks/deadline.js';
import { type Budget, keyNotRun, type RunOptions, runNegative, runProbe } from '../checks/index.js';
import { type ScanResult, scanRepository } from '../checks/scan/index.js';
import { checkSources } from '../checks/sources/index.js';
import { auditTraffic, fileInput, type TrafficResult } from '../checks/traffic/index.js';
import { notRun } from '../classify/index.js';
import type { Finding } from '../classify/types.js';
import type { Clock } from '../clock.js';
import { CLAUSE, type ClauseRef, type Contract, clauseRef, values } from '../contract/index.js';
import type { WaitingNotice } from '../http/index.js';
import { readKey } from './key.js';

/** What every runner gets: target overrides, the environment for key references, and the abort signal. */
export interface RunnerContext {
  baseUrl?: string;
  keyRef?: string;
  stallMs?: number;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The ledger file, relative to `cwd`: the client audit runs in its folder. */
  ledgerFile?: string;
  signal: AbortSignal;
  now: Clock;
  /** Run the client audit against the embedded simulator (with this key) instead of the target. */
  simulatorKey?: string;
  /** The review's budget (`billing.review-budget`), shared by every check; absent while the clause is pending. */
  budget?: Budget;
  /** The run deadline (`--deadline`), shared by every check. */
  deadline?: Deadline;
  /** Progress of the client audit, scenario by scenario. */
  onAuditProgress?: (event: AuditProgressEvent) => void;
  /** Progress: a request of the probe or the negative suite has had no answer for a few seconds. */
  onWaiting?: (waiting: WaitingNotice) => void;
  waitingNoticeMs?: number;
}

export interface AuditOutcome {
  /** Absent when the audit did not run (a `not-run` finding says why). */
  scenarios?: AuditScenarioRecord[];
  findings: Finding[];
}

export interface ReviewRunners {
  sources(contract: Contract, context: RunnerContext): Promise<Finding[]>;
  probe(contract: Contract, context: RunnerContext): Promise<Finding[]>;
  negative(contract: Contract, context: RunnerContext): Promise<Finding[]>;
  audit(contract: Contract, command: readonly string[], context: RunnerContext): Promise<AuditOutcome>;
  /** The code scan and location check of the service repository (`review --repo`); `dir` is absolute. */
  scan(contract: Contract, dir: string, context: RunnerContext): Promise<ScanResult>;
  /** The production traffic audit of captured files (`review --traffic`). */
  traffic(contract: Contract, files: readonly string[], context: RunnerContext): Promise<TrafficResult>;
}

/** Options the probe and negative suite take; one budget is shared by every check of the review. */
function runOptions(context: RunnerContext, budget: Budget | undefined): RunOptions {
  const options: RunOptions = { env: context.env, signal: context.signal, now: context.now };
  if (context.baseUrl !== undefined) options.baseUrl = context.baseUrl;
  if (context.keyRef !== undefined) options.keyRef = context.keyRef;
  if (context.stallMs !== undefined) options.stallMs = context.stallMs;
  if (context.deadline !== undefined) options.deadline = context.deadline;
  if (budget) options.budget = budget;
  if (context.onWaiting) options.onWaiting = context.onWaiting;
  if (context.waitingNoticeMs !== undefined) options.waitingNoticeMs = context.waitingNoticeMs;
  return options;
}

/** The audit recorded as not run because `blockedBy` is pending: data, never an exception. */
function auditBlocked(reason: string, blockedBy: readonly ClauseRef[]): AuditOutcome {
  return {
    findings: [
      notRun({
        check: 'audit',
        area: 'errors',
        clause: blockedBy[0] ?? null,
        code: 'not-run',
        reason,
        blockedBy,
        evidence: { details: { pending: [...blockedBy] } },
      }),
    ],
  };
}

export const defaultRunners: ReviewRunners = {
  async scan(contract, dir, context) {
    // The ledger names the contract's values; scanning it would report them as configuration.
    const ledger = context.ledgerFile ? [resolve(context.cwd, context.ledgerFile)] : [];
    return scanRepository(dir, { contract, signal: context.signal, skip: ledger });
  },
  async traffic(contract, files, context) {
    const inputs = files.map((file) => fileInput(resolve(context.cwd, file), file));
    return auditTraffic(contract, inputs, { signal: context.signal });
  },
  async sources(contract, context) {
    return (await checkSources(contract, { now: context.now, cwd: context.cwd })).findings;
  },
  async probe(contract, context) {
    const key = await readKey(contract, context);
    if (key.problem !== undefined) return [keyNotRun('probe', 'endpoint', key.problem)];
    return (await runProbe(contract, runOptions(context, context.budget))).findings;
  },
  async negative(contract, context) {
    const key = await readKey(contract, context);
    if (key.problem !== undefined) return [keyNotRun('negative', 'errors', key.problem)];
    // The probe ran first and asked the model list; the review skips this suite when it found a misconfiguration.
    const options = { ...runOptions(context, context.budget), checkTarget: false };
    return (await runNegative(contract, options)).findings;
  },
  async audit(contract, command, context) {
    const upstream = context.baseUrl ?? values.string(contract, CLAUSE.baseUrl);
    // The command is the ledger's: it runs where the ledger is (or in audit.cwd, relative to it), not wherever
    // chatproof was started, so `node scripts/client.mjs` means the same file from any folder.
    const ledgerDir = context.ledgerFile ? dirname(resolve(context.cwd, context.ledgerFile)) : context.cwd;
    const auditCwd = resolve(ledgerDir, contract.ledger.audit?.cwd ?? '.');
    const options: AuditOptions = { command, env: context.env, cwd: auditCwd, signal: context.signal };
    const limitMs = contract.ledger.audit?.timeoutMs;
    if (limitMs !== undefined) options.limitMs = limitMs;
    if (context.deadline !== undefined) options.deadline = context.deadline;
    if (context.onAuditProgress) options.onProgress = context.onAuditProgress;
    if (context.waitingNoticeMs !== undefined) options.waitingNoticeMs = context.waitingNoticeMs;
    if (context.simulatorKey !== undefined) options.apiKey = context.simulatorKey;
    else if (upstream !== undefined) options.upstream = upstream;
    else
      return auditBlocked(`the client audit needs a target: ${CLAUSE.baseUrl} is pending`, [CLAUSE.baseUrl]);
    const pending = auditPendingClauses(contract);
    if (pending.length > 0) {
      return auditBlocked(
        `the client audit needs clauses that are still pending: ${pending.join(', ')}`,
        pending.map(clauseRef),
      );
    }
    const result = await auditClient(contract, options);
    return {
      scenarios: result.scenarios,
      findings: result.findings,
    };
  },
};
