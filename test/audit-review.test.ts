// The client audit as `review` runs it: the scenario time limit comes from the ledger's audit.timeoutMs.
import { describe, expect, test } from 'vitest';
import { defaultRunners } from '../src/review/runners.js';
import { DEMO_KEY } from '../src/simulator/index.js';
import { simulatorContract } from './audit-support.js';

const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

async function timeoutFinding(auditTimeoutMs: number | undefined) {
  const contract = simulatorContract({ 'policy.timeout-ms': 5_000 });
  // A client that succeeds at once without a request: cheap, and the timeout scenario's plan is what matters.
  const command = [process.execPath, '-e', 'process.exit(0)'];
  contract.ledger.audit = { command, ...(auditTimeoutMs !== undefined ? { timeoutMs: auditTimeoutMs } : {}) };
  const outcome = await defaultRunners.audit(contract, command, {
    env,
    cwd: process.cwd(),
    signal: new AbortController().signal,
    now: () => new Date(),
    simulatorKey: DEMO_KEY,
  });
  return outcome.findings.find((finding) => finding.check === 'audit:timeout');
}

describe('the client audit in a review', () => {
  test("honours the ledger's audit.timeoutMs as the scenario time limit", async () => {
    const [tight, standard] = await Promise.all([timeoutFinding(3_000), timeoutFinding(undefined)]);
    expect(tight).toMatchObject({ class: 'not-run' });
    expect(tight?.message).toContain('does not fit in the scenario time limit (3000 ms)');
    expect(tight?.message).toContain('audit.timeoutMs in the ledger');
    // With the default 30 s limit the 5 s policy fits: the hang is planned (this client just never met it).
    expect(standard?.message).not.toContain('does not fit');
  });
});
