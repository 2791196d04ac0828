/** Evidence that says nothing (`n/a`, empty, a placeholder in any field) is pending, never proof. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Ledger, renderLedgerYaml } from '../src/contract/index.js';
import { judge } from '../src/verdict/index.js';
import {
  handledFindings,
  handledScenario,
  testContract,
  testLedger,
  testPacket,
  withClause,
} from './builders.js';
import { runCli } from './helpers/cli.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatproof-evidence-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function shamLedger(): Ledger {
  let ledger = withClause(testLedger(), 'endpoint.base-url', (c) => ({
    ...c,
    source: { ...c.source, quote: 'n/a' },
  }));
  ledger = withClause(ledger, 'support.escalation-path', (c) => ({
    ...c,
    implementation: [...c.implementation, { kind: 'alert', location: '<ALERT_LOCATION>' }],
  }));
  return ledger;
}

describe('evidence that says nothing', () => {
  test('validate reports an n/a quote and a placeholder location as pending, naming the fields', async () => {
    const file = join(dir, 'l.yaml');
    await writeFile(file, renderLedgerYaml(shamLedger()));
    const result = await runCli(['validate', file], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/, 0 pending/);
    expect(result.stdout).toContain('endpoint.base-url (source.quote)');
    expect(result.stdout).toContain('support.escalation-path (implementation[1].location)');
  });

  test('a review cannot pass on them: the clause is pending in the verdict and in the clause table', () => {
    const contract = testContract(shamLedger());
    const audit = [handledScenario()];
    const verdict = judge({ contract, findings: handledFindings(), today: '2026-06-10' });
    expect(verdict.verdict).toBe('fail');
    const rule = verdict.rules.find((r) => r.id === 'area-source-evidence');
    expect(rule?.items.map((i) => i.ref)).toEqual(['endpoint.base-url', 'support.escalation-path']);
    expect(rule?.items[0]?.message).toContain('source.quote');
    const packet = testPacket({
      ledger: shamLedger(),
      audit: { command: ['node', 'c.mjs'], scenarios: audit },
    });
    expect(packet.verdict).toBe('fail');
    expect(packet.clauses.find((c) => c.id === 'endpoint.base-url')?.pendingFields).toEqual(['source.quote']);
  });
});
