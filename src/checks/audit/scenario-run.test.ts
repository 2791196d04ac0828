import { describe, expect, test } from 'vitest';
import { createRedactor } from '../../redact/index.js';
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
});
