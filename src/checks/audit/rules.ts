/**
 * @module checks/audit/rules
 * The audit's rules: each has a stable name, the source it rests on, the scenarios it applies to, and a pure
 * judgement over what the client did.
 */

import type { JudgedFinding } from '../../classify/types.js';
import { CLAUSE, type ClauseRef } from '../../contract/index.js';
import type { AuditRuleId } from './codes.js';
import { faultedCall, fellBack } from './observe.js';
import { PROVIDER, SEED_SOURCES } from './sources.js';
import type { AuditPolicy, AuditRuleSource, AuditScenario, CallObservation, CommandRun } from './types.js';

/** Everything a rule may look at. */
export interface AuditRuleContext {
  scenario: AuditScenario;
  policy: AuditPolicy;
  calls: CallObservation[];
  run: CommandRun;
  /** A known clause value as text, for quoting; undefined when pending. */
  clauseValue(id: string): string | undefined;
}

export interface AuditRule {
  id: AuditRuleId;
  /** Class of the scenario's finding when this rule fails. */
  failClass: JudgedFinding['class'];
  applies(context: AuditRuleContext): boolean;
  source(context: AuditRuleContext): AuditRuleSource;
  judge(context: AuditRuleContext): { ok: boolean; message: string };
}

const ledger = (context: AuditRuleContext, id: ClauseRef, fallback: AuditRuleSource): AuditRuleSource => {
  const value = context.clauseValue(id);
  return value === undefined ? fallback : { kind: 'ledger', ref: id, quote: value };
};
const primaryAttempts = (call: CallObservation | undefined) =>
  call ? call.attempts.filter((attempt) => attempt.route === call.attempts[0]!.route).length : 0;
const exitedNonZero = (run: CommandRun) => !run.timedOut && run.exitCode !== null && run.exitCode !== 0;
const of =
  (...kinds: AuditScenario['kind'][]) =>
  (context: AuditRuleContext) =>
    kinds.includes(context.scenario.kind);
/** How much sooner than asked a retry may arrive and still honour the signal (ms): timer granularity only. */
export const RETRY_AFTER_SLACK_MS = 10;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const AUDIT_RULES: readonly AuditRule[] = [
  {
    id: 'works-without-faults',
    failClass: 'unexpected',
    applies: of('baseline'),
    source: () => SEED_SOURCES.smoke,
    // A failing baseline never reaches the rules: judgeScenario reports it not-run (the client, not the
    // provider, is at fault), so this rule only records that the client works when nothing is wrong.
    judge: () => ({ ok: true, message: 'the client succeeds when nothing is wrong' }),
  },
  {
    id: 'no-retry-on-invalid-request',
    failClass: 'documented-not-handled',
    applies: (c) => c.scenario.kind === 'invalid-request' && faultedCall(c.calls) !== undefined,
    source: (c) =>
      c.scenario.clause ? ledger(c, c.scenario.clause, SEED_SOURCES.invalid) : SEED_SOURCES.invalid,
    judge: ({ calls }) => {
      const attempts = primaryAttempts(faultedCall(calls));
      return attempts === 1
        ? { ok: true, message: 'the invalid request was sent once' }
        : { ok: false, message: `the invalid request was retried: ${plural(attempts, 'attempt')}` };
    },
  },
  {
    id: 'auth-halts',
    failClass: 'documented-not-handled',
    applies: (c) => c.scenario.kind === 'auth' && faultedCall(c.calls) !== undefined,
    source: () => SEED_SOURCES.auth,
    judge: ({ calls, run }) => {
      const call = faultedCall(calls)!;
      if (call.attempts.length > 1) {
        return {
          ok: false,
          message: `the auth error was retried: ${plural(call.attempts.length, 'attempt')}`,
        };
      }
      return exitedNonZero(run)
        ? { ok: true, message: 'the client stopped at the auth error and reported it' }
        : { ok: false, message: `the client ${describeExit(run)} after an auth error` };
    },
  },
  {
    id: 'no-fallback-on-invalid-or-auth',
    failClass: 'documented-not-handled',
    applies: (c) =>
      (c.scenario.kind === 'invalid-request' || c.scenario.kind === 'auth') &&
      faultedCall(c.calls) !== undefined,
    source: () => SEED_SOURCES.fallback,
    judge: ({ calls }) => {
      const call = faultedCall(calls)!;
      return fellBack(call)
        ? {
            ok: false,
            message: `the client fell back (routes ${call.routes.join(', ')}; models ${call.models.join(', ')})`,
          }
        : { ok: true, message: 'no fallback' };
    },
  },
  {
    id: 'honours-retry-after',
    failClass: 'documented-not-handled',
    applies: ({ calls }) => calls.some((call) => call.askedWaitMs.some((wait) => wait !== undefined)),
    source: (c) => {
      const value = c.clauseValue(CLAUSE.retryAfter);
      return value !== undefined && value !== '"none"'
        ? { kind: 'ledger', ref: CLAUSE.retryAfter, quote: value }
        : PROVIDER.retryAfter;
    },
    judge: ({ calls }) => {
      for (const call of calls) {
        for (const [index, asked] of call.askedWaitMs.entries()) {
          const waited = call.sinceSignalMs[index];
          // Both from the moment the signal was written, so load only makes the client look slower, never
          // faster; the slack covers clock granularity (whole milliseconds, two clocks read a moment apart).
          if (asked !== undefined && waited !== undefined && waited < asked - RETRY_AFTER_SLACK_MS) {
            return {
              ok: false,
              message: `asked to wait ${Math.round(asked)} ms, the client retried after ${waited} ms`,
            };
          }
        }
      }
      return { ok: true, message: 'every retry waited at least as long as asked' };
    },
  },
  {
    id: 'attempts-within-budget',
    failClass: 'documented-not-handled',
    applies: (c) => c.policy.maxAttempts !== undefined && c.calls.length > 0,
    source: (c) => ledger(c, CLAUSE.maxAttempts, SEED_SOURCES.transient),
    judge: ({ calls, policy }) => {
      const most = Math.max(...calls.map((call) => call.attempts.length));
      return most <= policy.maxAttempts!
        ? { ok: true, message: `at most ${plural(most, 'attempt')} per call (budget ${policy.maxAttempts})` }
        : {
            ok: false,
            message: `${plural(most, 'attempt')} for one call, over the budget of ${policy.maxAttempts}`,
          };
    },
  },
  {
    id: 'wait-within-budget',
    failClass: 'documented-not-handled',
    applies: (c) => c.policy.maxTotalWaitMs !== undefined && c.calls.some((call) => call.delaysMs.length > 0),
    source: (c) => ledger(c, CLAUSE.maxTotalWaitMs, SEED_SOURCES.transient),
    judge: ({ calls, policy }) => {
      const most = Math.max(...calls.map((call) => call.delaysMs.reduce((sum, delay) => sum + delay, 0)));
      return most <= policy.maxTotalWaitMs!
        ? { ok: true, message: `retries waited ${most} ms in total (budget ${policy.maxTotalWaitMs} ms)` }
        : { ok: false, message: `retries waited ${most} ms, over the budget of ${policy.maxTotalWaitMs} ms` };
    },
  },
  {
    id: 'parser-failure-not-retried',
    failClass: 'documented-not-handled',
    applies: (c) => of('parser', 'missing-field')(c) && faultedCall(c.calls) !== undefined,
    source: () => SEED_SOURCES.parser,
    judge: ({ calls }) => {
      const attempts = faultedCall(calls)!.attempts.length;
      return attempts === 1
        ? { ok: true, message: 'the damaged answer was not retried as an outage' }
        : {
            ok: false,
            message: `the damaged answer was retried as if the API were down: ${plural(attempts, 'attempt')}`,
          };
    },
  },
  {
    id: 'cut-stream-surfaced',
    failClass: 'documented-not-handled',
    applies: (c) => of('cut-stream', 'broken-stream')(c) && faultedCall(c.calls) !== undefined,
    source: (c) => ledger(c, CLAUSE.streamDone, SEED_SOURCES.missingField),
    judge: ({ run }) =>
      exitedNonZero(run)
        ? { ok: true, message: 'the client reported the incomplete stream as a failure' }
        : {
            ok: false,
            message: `the client ${describeExit(run)} on an incomplete stream (silent success on bad data)`,
          },
  },
  {
    id: 'bad-data-surfaced',
    failClass: 'documented-not-handled',
    applies: (c) => of('parser', 'missing-field')(c) && faultedCall(c.calls) !== undefined,
    source: (c) =>
      c.scenario.kind === 'missing-field'
        ? ledger(c, CLAUSE.contentPath, SEED_SOURCES.missingField)
        : SEED_SOURCES.parser,
    judge: ({ run }) =>
      exitedNonZero(run)
        ? { ok: true, message: 'the client reported the damaged answer as a failure' }
        : {
            ok: false,
            message: `the client ${describeExit(run)} on a damaged answer (silent success on bad data)`,
          },
  },
  {
    id: 'failure-reported',
    failClass: 'documented-not-handled',
    applies: (c) =>
      of('invalid-request', 'auth', 'persistent-failure')(c) && faultedCall(c.calls) !== undefined,
    source: (c) =>
      c.scenario.clause ? ledger(c, c.scenario.clause, SEED_SOURCES.invalid) : SEED_SOURCES.invalid,
    judge: ({ run }) =>
      exitedNonZero(run)
        ? { ok: true, message: 'the client reported the error' }
        : { ok: false, message: `the client ${describeExit(run)} although every request failed` },
  },
  {
    id: 'honours-x-should-retry',
    failClass: 'documented-not-handled',
    applies: (c) => c.scenario.kind === 'should-not-retry' && faultedCall(c.calls) !== undefined,
    source: () => PROVIDER.shouldRetry,
    judge: ({ calls }) => {
      const attempts = faultedCall(calls)!.attempts.length;
      return attempts === 1
        ? { ok: true, message: 'x-should-retry: false was obeyed' }
        : { ok: false, message: `retried despite x-should-retry: false (${plural(attempts, 'attempt')})` };
    },
  },
  {
    id: 'gives-up-within-timeout',
    failClass: 'documented-not-handled',
    applies: (c) =>
      c.scenario.kind === 'timeout' && c.policy.timeoutMs !== undefined && faultedCall(c.calls) !== undefined,
    source: (c) => ledger(c, CLAUSE.timeoutMs, SEED_SOURCES.transient),
    judge: ({ calls, policy }) => {
      const hung = faultedCall(calls)!.attempts[0]!;
      // Timers fire late under load; 10 % (at least 250 ms) over the policy is still the policy.
      const limit = policy.timeoutMs! + Math.max(250, policy.timeoutMs! * 0.1);
      if (hung.outcome === 'client-closed' && hung.totalMs <= limit) {
        return {
          ok: true,
          message: `the client gave up after ${Math.round(hung.totalMs)} ms (policy ${policy.timeoutMs} ms)`,
        };
      }
      return {
        ok: false,
        message: `the client waited ${Math.round(hung.totalMs)} ms without giving up (policy ${policy.timeoutMs} ms)`,
      };
    },
  },
  {
    id: 'tolerates-slow-answers',
    failClass: 'documented-not-handled',
    applies: (c) =>
      c.scenario.kind === 'slow' && (c.policy.timeoutMs === undefined || c.policy.timeoutMs > 5_000),
    source: (c) => ledger(c, CLAUSE.timeoutMs, SEED_SOURCES.transient),
    judge: ({ calls, run }) => {
      const retried = calls.some((call) => call.attempts.length > 1);
      if (run.exitCode === 0 && !retried)
        return { ok: true, message: 'slow but complete answers were accepted' };
      return {
        ok: false,
        message: retried
          ? 'a slow answer well inside the timeout was retried'
          : `the client ${describeExit(run)} on a slow answer well inside the timeout`,
      };
    },
  },
  {
    id: 'fallback-documented',
    failClass: 'observed-not-documented',
    applies: ({ calls }) => calls.some(fellBack),
    source: (c) => ledger(c, CLAUSE.fallbackVariable, SEED_SOURCES.fallbackFaq),
    judge: ({ policy, calls }) => {
      const call = calls.find(fellBack)!;
      return policy.fallbackVariable !== undefined
        ? {
            ok: true,
            message: `fell back through ${policy.fallbackVariable} (routes ${call.routes.join(', ')})`,
          }
        : {
            ok: false,
            message: `the client fell back (models ${call.models.join(', ')}; routes ${call.routes.join(', ')}) but the ledger documents no fallback`,
          };
    },
  },
  {
    id: 'finishes-within-limit',
    failClass: 'unexpected',
    applies: (c) => c.scenario.kind !== 'timeout',
    source: (c) => ledger(c, CLAUSE.timeoutMs, SEED_SOURCES.transient),
    judge: ({ run }) =>
      run.timedOut
        ? {
            ok: false,
            message: `the command was still running at the scenario time limit (${Math.round(run.durationMs)} ms) and was stopped`,
          }
        : { ok: true, message: 'the command finished in time' },
  },
];

/** "exited 0", "exited 3", "was killed by SIGTERM", "timed out". */
export function describeExit(run: CommandRun): string {
  if (run.spawnError) return `could not start (${run.spawnError})`;
  if (run.timedOut) return 'did not finish in time';
  if (run.exitCode !== null) return `exited ${run.exitCode}`;
  return `was killed by ${run.signal ?? 'a signal'}`;
}
