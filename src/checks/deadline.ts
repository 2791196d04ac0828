/**
 * @module checks/deadline
 * The run deadline (`--deadline`): one clock for a whole run. When it fires, requests in flight are ended,
 * nothing more is sent, and every check not reached is `not-run` with this reason, so the packet is still
 * written whole. The timer is unref'd: a deadline never keeps the process alive.
 */
import type { RunLimit } from '../http/index.js';

export interface Deadline {
  /** The limit, in milliseconds from the start of the run. */
  readonly ms: number;
  /** Aborted when the deadline is reached. */
  readonly signal: AbortSignal;
  /** True once the deadline has been reached. */
  reached(): boolean;
  /** The sentence a not-run finding gives as its reason. */
  readonly reason: string;
  readonly limit: RunLimit;
  /** Stops the timer (the run ended first). */
  dispose(): void;
}

/** `1500 ms`, `30 s`, `2.5 min`: the limit as a reader would say it. */
export function formatDuration(ms: number): string {
  if (ms < 1000 || ms % 1000 !== 0) return `${ms} ms`;
  if (ms < 60_000 || ms % 60_000 !== 0) return `${ms / 1000} s`;
  return `${ms / 60_000} min`;
}

/** Starts the run's deadline `ms` from now. */
export function startDeadline(ms: number): Deadline {
  const controller = new AbortController();
  const reason = `the run deadline of ${formatDuration(ms)} (--deadline) was reached before this check finished`;
  const timer = setTimeout(() => controller.abort(new DeadlineReached(reason)), ms);
  timer.unref();
  return {
    ms,
    signal: controller.signal,
    reached: () => controller.signal.aborted,
    reason,
    limit: { kind: 'deadline', ms },
    dispose: () => clearTimeout(timer),
  };
}

/** The abort reason of a deadline, so a caller can tell it from Ctrl-C or SIGTERM. */
export class DeadlineReached extends Error {
  override readonly name = 'DeadlineReached';
}

/** `30s`, `5m`, `1500ms`, `1h`, or a bare number of milliseconds; undefined when the text is none of these. */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?\s*$/.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 }[match[2] ?? 'ms'] ?? 1;
  const ms = Math.round(value * unit);
  return Number.isSafeInteger(ms) && ms > 0 ? ms : undefined;
}
