// What a review cannot run is data: a not-run finding naming the clauses that blocked it, never a caught error.
import { describe, expect, test } from 'vitest';
import type { ClauseId, LedgerInput } from '../src/contract/index.js';
import { type ReviewRunners, review } from '../src/review/index.js';
import { testLedger } from './builders.js';

/** The fixture ledger with these clauses pending and a client to audit; the probe and negative suite stubbed. */
function ledgerWith(pending: readonly ClauseId[]): LedgerInput {
  const ledger = testLedger();
  const ids = new Set<string>(pending);
  for (const clause of ledger.clauses) if (ids.has(clause.id)) clause.value = '<FROM_DOCS>';
  return { ...ledger, audit: { command: ['node', '-e', 'process.exit(0)'] } };
}

const quiet: Partial<ReviewRunners> = { probe: async () => [], negative: async () => [] };

describe('review() records a blocked client audit as not run', () => {
  test.each<[ClauseId[], string]>([
    [['endpoint.base-url'], 'the client audit needs a target: endpoint.base-url is pending'],
    [['request.model-id'], 'the client audit needs clauses that are still pending: request.model-id'],
  ])('%s pending', async (pending, reason) => {
    const result = await review({ ledger: ledgerWith(pending), write: false, env: {}, runners: quiet });
    const audit = result.packet.findings.filter((finding) => finding.check === 'audit');
    expect(audit).toEqual([
      expect.objectContaining({
        class: 'not-run',
        code: 'not-run',
        clause: pending[0],
        message: `not run: ${reason}`,
      }),
    ]);
    expect(result.packet.audit).toBeUndefined();
    expect(result.verdict).not.toBe('pass');
  });
});

test('the probe and the negative suite draw from one budget per review', async () => {
  const seen: unknown[] = [];
  const record = async (_contract: unknown, context: { budget?: unknown }) => {
    seen.push(context.budget);
    return [];
  };
  await review({
    ledger: testLedger(),
    write: false,
    env: {},
    runners: { probe: record, negative: record },
  });
  await review({
    ledger: testLedger(),
    write: false,
    env: {},
    runners: { probe: record, negative: record },
  });
  expect(seen).toHaveLength(4);
  expect(seen[0]).toBeDefined();
  expect(seen[1]).toBe(seen[0]);
  expect(seen[2]).not.toBe(seen[0]);
});
