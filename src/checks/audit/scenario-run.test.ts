import { describe, expect, test } from 'vitest';
import { createRedactor } from '../../redact/index.js';
import { judgeScenario } from './judge.js';
import { runScenario } from './scenario-run.js';
import type { AuditScenario } from './types.js';

const base: AuditScenario = {
  name: 'timeout',
  kind: 'timeout',
  description: 'test',
  fault: [],
  clause: null,
  area: 'limits-billing',
};
const options = {
  // No request is sent: the upstream is never contacted.
  command: [process.execPath, '-e', 'setTimeout(() => process.exit(0), 1500)'],
  upstream: 'http://127.0.0.1:9/v1',
  envelope: () => ({ status: 500, body: '{}', headers: {} }),
  policy: { maxAttempts: 1 } as never,
  env: { PATH: process.env.PATH ?? '' },
  cwd: process.cwd(),
  secrets: [],
  redactor: createRedactor({ secrets: [] }),
};

describe('a scenario run', () => {
  test("a scenario's own time limit replaces the audit's", async () => {
    const [own, audit] = await Promise.all([
      runScenario({ ...base, limitMs: 300 }, { ...options, limitMs: 20_000 }),
      runScenario(base, { ...options, limitMs: 20_000 }),
    ]);
    expect(own.run.timedOut).toBe(true);
    expect(audit.run).toMatchObject({ timedOut: false, exitCode: 0 });
  });

  test("a client's uncaught exception is reported by its message, redacted", async () => {
    const baseline: AuditScenario = { ...base, name: 'baseline', kind: 'baseline' };
    const canary = 'canary-4f1e9b2c7d';
    const command = [process.execPath, '-e', `throw new Error('no key here ${canary}')`];
    const redactor = createRedactor({ secrets: [canary] });
    const { run, attempts } = await runScenario(baseline, { ...options, command, redactor, limitMs: 20_000 });
    expect(run.stderrTail).toContain('Node.js v');
    const result = judgeScenario({
      scenario: baseline,
      policy: options.policy,
      run,
      attempts,
      clauseValue: () => undefined,
    });
    expect(result.stderrLine).toBe(`Error: no key here ${redactor.text(canary)}`);
    expect(result.stderrLine).not.toContain(canary);
    expect(result.finding).toMatchObject({ reason: expect.stringContaining('(stderr: Error: no key here ') });
  });
});
