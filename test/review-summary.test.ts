// The summary on stdout counts the client audit's scenarios by how they ended, not run included.
import { describe, expect, test } from 'vitest';
import { summaryTable } from '../src/review/index.js';
import { handledScenario, sampleAudit, testLedger, testPacket } from './builders.js';

const today = '2026-06-10';

describe("the summary's client audit line", () => {
  test('counts the scenarios not handled and those not run', () => {
    const audit = sampleAudit();
    const notRun = { ...handledScenario(), name: 'timeout', class: 'not-run' as const };
    const packet = testPacket({
      ledger: testLedger(),
      audit: { ...audit, scenarios: [...audit.scenarios, notRun] },
      today,
    });
    const total = audit.scenarios.length + 1;
    const bad = audit.scenarios.filter(
      (s) => s.class === 'documented-not-handled' || s.class === 'unexpected',
    ).length;
    expect(bad).toBeGreaterThan(0);
    expect(summaryTable(packet, '/tmp/p')).toContain(
      `client audit: ${total} scenario(s): ${bad} not handled, 1 not run\n`,
    );
  });

  test('a client whose every scenario was not run says so', () => {
    const scenarios = ['baseline', 'timeout'].map((name) => ({
      ...handledScenario(),
      name,
      class: 'not-run' as const,
    }));
    const packet = testPacket({
      ledger: testLedger(),
      audit: { command: ['node', 'c.mjs'], scenarios },
      today,
    });
    expect(summaryTable(packet, '/tmp/p')).toContain(
      'client audit: 2 scenario(s): 0 not handled, 2 not run\n',
    );
  });
});
