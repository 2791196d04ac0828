import { describe, expect, test } from 'vitest';
import { createBudget } from './budget.js';

describe('review budget', () => {
  test('refuses the request that would pass the request or token cap', () => {
    const budget = createBudget({ requests: 2, tokens: 30 });
    expect(budget.refusal(16)).toBeUndefined();
    budget.charge(16);
    expect(budget.refusal(16)).toMatch(/16 of 30 tokens/);
    expect(budget.refusal(10)).toBeUndefined();
    budget.charge(10);
    expect(budget.refusal(0)).toMatch(/2 of 2 requests/);
  });

  test('once stopped (a 429), every later request is refused with the stop reason', () => {
    const budget = createBudget({ requests: 100, tokens: 100 });
    budget.stop = { reason: 'rate-limit', check: 'probe', message: 'stopped after a 429 on probe' };
    expect(budget.refusal(0)).toBe('stopped after a 429 on probe');
  });
});
