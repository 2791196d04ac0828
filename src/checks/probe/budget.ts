/**
 * @module checks/probe/budget
 * The review budget (`billing.review-budget`, a local value): at most so many requests and tokens per run.
 * A 429 stops all sending for the rest of the run. Plain state, no I/O; one budget may be shared by the probe
 * and the negative suite of one review.
 */
import type { CheckName } from '../../classify/check-names.js';

export interface BudgetLimits {
  requests: number;
  tokens: number;
}

/** Why a run stopped sending. */
export interface BudgetStop {
  reason: 'rate-limit' | 'budget' | 'unreachable';
  /** The check whose answer (or failure) stopped the run. */
  check: CheckName;
  message: string;
}

export interface Budget {
  readonly limits: BudgetLimits;
  readonly used: { requests: number; tokens: number };
  /** Set once; later checks are `not-run` with this reason. */
  stop: BudgetStop | undefined;
  /** Why a request reserving `tokens` may not be sent, or undefined when it may. */
  refusal(tokens: number): string | undefined;
  /** Records a sent request and the tokens it may have cost. */
  charge(tokens: number): void;
}

/** Creates a budget with nothing spent. */
export function createBudget(limits: BudgetLimits): Budget {
  const budget: Budget = {
    limits,
    used: { requests: 0, tokens: 0 },
    stop: undefined,
    refusal(tokens) {
      if (budget.stop) return budget.stop.message;
      if (budget.used.requests + 1 > limits.requests) {
        return `review budget spent: ${budget.used.requests} of ${limits.requests} requests sent`;
      }
      if (budget.used.tokens + tokens > limits.tokens) {
        return `review budget spent: ${budget.used.tokens} of ${limits.tokens} tokens used, this request may use ${tokens}`;
      }
      return undefined;
    },
    charge(tokens) {
      budget.used.requests += 1;
      budget.used.tokens += tokens;
    },
  };
  return budget;
}
