/**
 * @module checks/audit/observe
 * From an attempt log to logical calls: which attempts were retries of which call, how long the client waited
 * between them, and what wait the proxy had asked for. Pure.
 */
import type { Attempt } from '../../proxy/index.js';
import type { CallObservation, CallSummary } from './types.js';

/** The wait (ms) an answer's retry signal asked for, or undefined when it sent none or an unreadable one. */
export function askedWaitMs(attempt: Attempt): number | undefined {
  const ms = attempt.retrySignals['retry-after-ms'];
  if (ms !== undefined && Number.isFinite(Number.parseFloat(ms))) return Number.parseFloat(ms);
  const after = attempt.retrySignals['retry-after'];
  if (after === undefined) return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(after);
  if (Number.isNaN(date)) return undefined;
  // An HTTP date has one-second resolution, so a server truncates (or rounds) the moment it means: the wait it
  // asks for is the date itself against the moment the header was written, whatever fraction of a second that
  // leaves. Nothing is rounded here: a client that waits until the date has waited exactly this long.
  return Math.max(0, date - signalSentAt(attempt));
}

/** Wall-clock time (ms since the epoch) the attempt's headers, and so its retry signal, were written. */
function signalSentAt(attempt: Attempt): number {
  return Date.parse(attempt.startedAt) + (attempt.headersMs ?? 0);
}

/**
 * How long after `previous`'s headers were written `next` arrived (ms): the wait a retry signal in those headers
 * governs, measured from the same moment the asked-for wait is. Undefined when `previous` wrote no headers.
 * Not measured from the end of `previous`: under load the proxy can record that end late, which made a
 * well-behaved client look as if it retried early.
 */
export function waitedSinceHeadersMs(previous: Attempt, next: Attempt): number | undefined {
  if (previous.headersMs === undefined) return undefined;
  return Math.round(next.atMs - (previous.atMs + previous.headersMs));
}

/** Groups attempts into logical calls (same call key), each in arrival order. */
export function observeCalls(attempts: readonly Attempt[]): CallObservation[] {
  const calls = new Map<string, Attempt[]>();
  for (const attempt of [...attempts].sort((a, b) => a.atMs - b.atMs)) {
    const list = calls.get(attempt.callKey);
    if (list) list.push(attempt);
    else calls.set(attempt.callKey, [attempt]);
  }
  return [...calls.entries()].map(([callKey, list]) => {
    const delaysMs: number[] = [];
    const askedWait: (number | undefined)[] = [];
    const sinceSignal: (number | undefined)[] = [];
    for (let index = 1; index < list.length; index += 1) {
      const previous = list[index - 1]!;
      const next = list[index]!;
      delaysMs.push(Math.round(next.atMs - (previous.atMs + previous.totalMs)));
      askedWait.push(askedWaitMs(previous));
      sinceSignal.push(waitedSinceHeadersMs(previous, next));
    }
    return {
      callKey,
      attempts: list,
      delaysMs,
      askedWaitMs: askedWait,
      sinceSignalMs: sinceSignal,
      routes: [...new Set(list.map((attempt) => attempt.route))],
      models: [...new Set(list.flatMap((attempt) => (attempt.model === undefined ? [] : [attempt.model])))],
    };
  });
}

/** The first call a fault acted on, if any. */
export function faultedCall(calls: readonly CallObservation[]): CallObservation | undefined {
  return calls.find((call) => call.attempts.some((attempt) => attempt.faults.length > 0));
}

/** True when the call moved to another route or another model: a fallback. */
export function fellBack(call: CallObservation): boolean {
  return call.routes.length > 1 || call.models.length > 1 || call.routes[0] !== 'primary';
}

/** The per-call counts a scenario reports: attempts and waits of each call, and the most attempts of any. */
export function summariseCalls(calls: readonly CallObservation[]): {
  calls: CallSummary[];
  attempts: number;
  totalAttempts: number;
} {
  const summaries = calls.map((call) => ({
    stream: call.attempts[0]!.stream,
    attempts: call.attempts.length,
    delaysMs: call.delaysMs,
    routes: call.routes,
  }));
  return {
    calls: summaries,
    attempts: Math.max(0, ...summaries.map((call) => call.attempts)),
    totalAttempts: summaries.reduce((sum, call) => sum + call.attempts, 0),
  };
}
