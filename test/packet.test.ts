import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import type { AuditScenarioResult } from '../src/checks/audit/index.js';
import type { Finding } from '../src/classify/types.js';
import {
  maskPacket,
  type Packet,
  PacketSchema,
  packetJsonSchema,
  RENDERERS,
  renderJson,
  renderMarkdown,
} from '../src/report/index.js';
import {
  AREA_CHECK,
  handledFindings,
  sampleAudit,
  testLedger,
  testPacket,
  variedFindings,
} from './builders.js';

function samplePacket(generatedAt = '2026-06-10T09:00:05.000Z', findings = variedFindings()): Packet {
  const ledger = testLedger();
  ledger.waivers = [
    {
      target: 'probe-stream:clause-pending',
      justification: 'streaming is off in this service',
      approver: 'J. Lead',
      expires: '2026-07-01',
    },
    { target: 'errors.timeout', justification: 'old waiver', approver: 'J. Lead', expires: '2026-01-01' },
  ];
  return testPacket({ ledger, findings, generatedAt, ledgerFile: 'chatproof.yaml' });
}

describe('packet.json', () => {
  test('validates against the published JSON Schema and carries the promised fields', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(packetJsonSchema());
    const json = JSON.parse(renderJson(samplePacket()));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.schemaVersion).toBe(1);
    expect(json.verdict).toBe('escalate');
    expect(json.reasons.length).toBeGreaterThan(0);
    for (const finding of json.findings) {
      for (const key of ['class', 'check', 'area', 'clause', 'code', 'message', 'evidence'])
        expect(finding).toHaveProperty(key);
    }
    expect(json.audit.scenarios[0]).toEqual(
      expect.objectContaining({ name: '429-retry-after', attempts: 3, delaysMs: [480, 950], exitCode: 0 }),
    );
  });

  test('parses with the zod definition the type comes from', () => {
    expect(PacketSchema.safeParse(samplePacket()).success).toBe(true);
  });

  test('is byte-identical for the same inputs once timestamps are masked, whatever the finding order', () => {
    const a = samplePacket('2026-06-10T09:00:05.000Z');
    const b = samplePacket('2026-06-11T17:42:00.123Z', [...variedFindings()].reverse());
    for (const { render } of Object.values(RENDERERS)) {
      expect(render(maskPacket(a))).toBe(render(maskPacket(b)));
    }
    expect(renderJson(a)).not.toBe(renderJson(b));
  });

  test("takes the audit's results as the audit returns them and keeps only the record's fields", () => {
    const [kept] = sampleAudit().scenarios;
    const whole: AuditScenarioResult = {
      ...kept!,
      kind: 'rate-limit',
      description: 'a 429 with Retry-After',
      fault: 'sequence:1xstatus:429',
      calls: [{ stream: false, attempts: 3, delaysMs: [480, 950], routes: ['primary'] }],
      totalAttempts: 3,
      timedOut: false,
      durationMs: 1500,
      stderrLine: 'retrying',
      finding: handledFindings()[0]!,
      log: [],
    };
    const packet = testPacket({ audit: { command: ['node', 'c.mjs'], scenarios: [whole] } });
    expect(packet.audit?.scenarios).toEqual([kept]);
  });

  test('omits the audit when the client audit did not run', () => {
    const packet = testPacket({ audit: null, generatedAt: 'x', version: '0' });
    expect(packet).not.toHaveProperty('audit');
    expect(packet.evidenceLedger.find((e) => e.id === 'error-classifier-reviewed')?.status).toBe('not-run');
  });
});

describe('packet contents', () => {
  const packet = samplePacket();

  test('the evidence ledger has the seven items of the review with a status each', () => {
    expect(packet.evidenceLedger.map((e) => [e.item, e.status])).toEqual([
      ['Documentation reviewed', 'done'],
      // No probe was answered in this sample, so no endpoint or auth clause is validated.
      ['Config verified', 'pending'],
      ['Request contract tested', 'pending'],
      ['Response parser tested', 'done'],
      ['Error classifier reviewed', 'failed'],
      ['Cost/rate assumptions reviewed', 'done'],
      ['Runbook updated', 'done'],
    ]);
  });

  test('config verified and the endpoint and auth rows of the clause table say the same thing', () => {
    const rowsOf = (p: Packet) =>
      ['endpoint.base-url', 'endpoint.chat-path', 'auth.header'].map(
        (id) => p.clauses.find((c) => c.id === id)?.validation.status,
      );
    const config = (p: Packet) => p.evidenceLedger.find((e) => e.id === 'config-verified');

    expect(rowsOf(packet)).toEqual(['unvalidated', 'unvalidated', 'unvalidated']);
    expect(config(packet)?.status).toBe('pending');
    expect(config(packet)?.detail).toContain('endpoint.base-url unvalidated');

    const answered = samplePacket(undefined, [
      ...variedFindings(),
      {
        class: 'documented-handled',
        check: 'probe',
        area: 'response',
        clause: 'response.content-path',
        code: 'content-read',
        message: 'completion text read at `choices[0].message.content`',
        evidence: {},
      },
    ]);
    expect(rowsOf(answered)).toEqual(['validated', 'validated', 'validated']);
    expect(config(answered)?.status).toBe('done');
    const baseUrl = answered.clauses.find((c) => c.id === 'endpoint.base-url');
    expect(baseUrl?.validation.findings).toEqual(['probe:content-read']);
  });

  test('a configuration finding fails its clause row and the config-verified item', () => {
    const wrong = samplePacket(undefined, [
      ...variedFindings(),
      {
        class: 'configuration',
        check: 'probe',
        area: 'endpoint',
        clause: 'endpoint.base-url',
        code: 'base-url-wrong',
        message: 'the model list answered 404 under this base URL',
        evidence: {},
      },
    ]);
    const row = wrong.clauses.find((c) => c.id === 'endpoint.base-url');
    expect(row?.validation).toEqual({ status: 'failed', findings: ['probe:base-url-wrong'] });
    const config = wrong.evidenceLedger.find((e) => e.id === 'config-verified');
    expect(config?.status).toBe('failed');
    expect(config?.detail).toContain('endpoint.base-url');
  });

  test('waived and expired waivers are shown, and the waived finding stays in the packet', () => {
    expect(packet.waivers.map((w) => [w.target, w.state])).toEqual([
      ['probe-stream:clause-pending', 'active'],
      ['errors.timeout', 'expired'],
    ]);
    expect(packet.findings.find((f) => f.key === 'probe-stream:clause-pending')?.waivedBy).toBe(
      'probe-stream:clause-pending',
    );
  });

  test('an escalation draft carries the support path, documented vs observed, request id, time and reproducer', () => {
    expect(packet.escalations).toHaveLength(1);
    const draft = packet.escalations[0];
    expect(draft?.supportPath).toBe('support@example.test');
    expect(draft?.requestIds).toEqual(['req-0001']);
    expect(draft?.timestamps).toEqual(['2026-06-10T09:00:00.000Z']);
    expect(draft?.documented).toContain('401');
    expect(draft?.observed).toContain('403');
    expect(draft?.body).toContain('curl -sS');
  });

  test('escalation drafts are written for discrepancies only, never for a target that could not be reached', () => {
    const unreachable: Finding = {
      class: 'not-run',
      check: 'probe',
      area: 'endpoint',
      clause: 'endpoint.base-url',
      code: 'transport-refused',
      message: 'the target could not be reached: ECONNREFUSED',
      reason: 'the target was unreachable (ECONNREFUSED 127.0.0.1:9)',
      evidence: {
        exchange: {
          startedAt: '2026-06-10T09:00:01.000Z',
          request: { method: 'POST', url: 'http://127.0.0.1:9/v1/chat/completions', headers: {} },
          error: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9' },
          timings: { totalMs: 1 },
        },
        reproducer: "curl -sS -X POST 'http://127.0.0.1:9/v1/chat/completions'",
      },
    };
    const undocumented: Finding = {
      class: 'observed-not-documented',
      check: 'probe',
      area: 'response',
      clause: null,
      code: 'field-undocumented',
      message: 'the answer carries `service_tier`, which the documentation does not name',
      evidence: { observed: 'service_tier' },
    };
    const onlyTransport = samplePacket(undefined, [...handledFindings(), unreachable, undocumented]);
    expect(onlyTransport.escalations).toEqual([]);
    expect(onlyTransport.verdict).not.toBe('escalate');

    const mixed = samplePacket(undefined, [...variedFindings(), unreachable, undocumented]);
    const discrepancies = mixed.findings.filter((f) => f.class === 'unexpected').map((f) => f.key);
    expect(discrepancies).toEqual(['negative:missing-auth:status-mismatch']);
    expect(mixed.escalations.map((d) => d.finding)).toEqual(discrepancies);
  });

  test('the runbook shows a visible TODO where a value is pending', () => {
    const ledger = testLedger();
    const pending = testPacket({
      ledger: {
        ...ledger,
        clauses: ledger.clauses.map((c) =>
          c.id === 'support.fixture-path' ? { ...c, value: '<REPO_PATH>' } : c,
        ),
      },
      findings: [],
      audit: null,
      generatedAt: 'x',
      version: '0',
    });
    const line = pending.runbook.find((l) => l.id === 'support.fixture-path');
    expect(line?.todo).toBe(true);
    expect(line?.text).toMatch(/TODO: name the fixture path/);
    expect(renderMarkdown(pending)).toContain('**TODO** The latest contract test fixture is stored in: TODO');
  });
});

describe('packet.json, section by section', () => {
  const packet = samplePacket();
  const json = JSON.parse(renderJson(maskPacket(packet)));

  test('renders the whole packet, timestamps masked, with the promised top-level fields in order', () => {
    expect(Object.keys(json)).toEqual([
      'schemaVersion',
      'generator',
      'generatedAt',
      'incomplete',
      'verdict',
      'headline',
      'target',
      'qualifiers',
      'exitCode',
      'reasons',
      'rules',
      'review',
      'clauses',
      'evidenceLedger',
      'checks',
      'findings',
      'audit',
      'runbook',
      'escalations',
      'waivers',
      'exchanges',
    ]);
    expect(json).toMatchObject({
      schemaVersion: 1,
      generator: { name: 'chatproof', version: '0.0.0-test' },
      generatedAt: '<TIME>',
      incomplete: false,
      verdict: 'escalate',
      exitCode: 2,
      target: { kind: 'ledger', url: 'https://api.example.test/v1' },
    });
    expect(json.headline).toBe(
      'CHG-42 · support-bot (staging) · ESCALATE · sources not re-checked · waived · implementation not verified',
    );
    expect(json.qualifiers.map((q: { id: string }) => q.id)).toEqual([
      'sources-not-rechecked',
      'waived',
      'implementation-not-verified',
    ]);
  });

  test('each reason names its rule, effect and outcome, and the findings and clauses that decided it', () => {
    expect(
      json.reasons.map((r: Record<string, unknown>) => [r.rule, r.effect, r.outcome, r.findings, r.clauses]),
    ).toEqual([
      [
        'area-validated-results',
        'required-for-pass',
        'not met',
        ['audit:invalid-request-5xx:no-retry-on-invalid-request'],
        ['errors.invalid-request-5xx'],
      ],
      [
        'no-retry-invalid-request',
        'fail',
        'not met',
        ['audit:invalid-request-5xx:no-retry-on-invalid-request'],
        ['errors.invalid-request-5xx'],
      ],
      [
        'observed-matches-source',
        'escalate',
        'not met',
        ['negative:missing-auth:status-mismatch'],
        ['errors.bad-auth'],
      ],
    ]);
    for (const reason of json.reasons) {
      expect(reason.message.startsWith(`${reason.title}: not met.`)).toBe(true);
      expect(reason.seed).toMatch(/\w/);
    }
    // The rules table agrees with the reasons: a rule is violated exactly when a reason names it.
    const violated = json.rules
      .filter((r: { status: string }) => r.status === 'violated')
      .map((r: { id: string }) => r.id);
    expect(violated.sort()).toEqual(json.reasons.map((r: { rule: string }) => r.rule).sort());
    expect(json.rules.map((r: { id: string }) => r.id)).toEqual(packet.rules.map((r) => r.id));
    expect(json.rules).toHaveLength(13);
  });

  test('the clause table lists every ledger clause once, in order, validated only by findings in the packet', () => {
    const ledgerIds = testLedger().clauses.map((c) => c.id);
    expect(json.clauses.map((c: { id: string }) => c.id)).toEqual(ledgerIds);
    const keys = new Set(json.findings.map((f: { key: string }) => f.key));
    for (const clause of json.clauses) {
      expect(Object.keys(clause)).toEqual([
        'id',
        'area',
        'statement',
        'value',
        'pending',
        'pendingFields',
        'basis',
        'source',
        'implementation',
        'owner',
        'validation',
        'waivedBy',
      ]);
      for (const key of clause.validation.findings) expect(keys).toContain(key);
    }
    const judged = json.clauses
      .filter((c: { validation: { status: string } }) => c.validation.status !== 'unvalidated')
      .map((c: { id: string; validation: { status: string; findings: string[] } }) => [
        c.id,
        c.validation.status,
        c.validation.findings,
      ]);
    expect(judged).toEqual([
      ['response.stream-done', 'not-run', ['probe-stream:clause-pending']],
      ['errors.bad-auth', 'discrepancy', ['negative:missing-auth:status-mismatch']],
      ['errors.invalid-request-5xx', 'failed', ['audit:invalid-request-5xx:no-retry-on-invalid-request']],
    ]);
    expect(json.clauses[0]).toMatchObject({
      id: 'endpoint.base-url',
      value: 'https://api.example.test/v1',
      source: { url: 'https://docs.example.test/chat', accessed: '2026-06-09' },
      implementation: [{ kind: 'config', location: 'src/chat/config.ts:10' }],
      owner: 'team-chat-platform',
    });
  });

  test('checks and findings: every finding once under its check, keyed check:code, classes kept', () => {
    const underChecks = json.checks.flatMap((c: { findings: string[] }) => c.findings);
    expect([...underChecks].sort()).toEqual(json.findings.map((f: { key: string }) => f.key).sort());
    for (const finding of json.findings) {
      expect(finding.key).toBe(`${finding.check}:${finding.code}`);
      for (const key of ['class', 'check', 'area', 'clause', 'code', 'message', 'evidence'])
        expect(finding).toHaveProperty(key);
    }
    expect(json.checks.map((c: { name: string; status: string }) => [c.name, c.status])).toEqual([
      [AREA_CHECK.endpoint, 'passed'],
      [AREA_CHECK.auth, 'passed'],
      ['negative:missing-auth', 'escalated'],
      [AREA_CHECK.request, 'passed'],
      [AREA_CHECK.response, 'passed'],
      ['probe-stream', 'not-run'],
      ['audit:invalid-request-5xx', 'failed'],
      [AREA_CHECK.errors, 'passed'],
      [AREA_CHECK['limits-billing'], 'passed'],
      [AREA_CHECK.support, 'passed'],
    ]);
    const problems = json.findings.filter((f: { class: string }) => f.class !== 'documented-handled');
    expect(
      problems.map((f: { key: string; class: string; waivedBy: unknown }) => [f.key, f.class, f.waivedBy]),
    ).toEqual([
      ['negative:missing-auth:status-mismatch', 'unexpected', null],
      ['probe-stream:clause-pending', 'not-run', 'probe-stream:clause-pending'],
      ['audit:invalid-request-5xx:no-retry-on-invalid-request', 'documented-not-handled', null],
    ]);
  });

  test('the audit, runbook, escalation and waiver sections', () => {
    expect(json.audit.command).toEqual(['node', 'examples/openai-client.mjs']);
    expect(
      json.audit.scenarios.map((s: Record<string, unknown>) => [s.name, s.attempts, s.exitCode, s.class]),
    ).toEqual([
      ['429-retry-after', 3, 0, 'documented-handled'],
      ['invalid-request-5xx', 3, 1, 'documented-not-handled'],
      ['401-bad-auth', 1, 1, 'documented-handled'],
    ]);
    // The rule's source stays in the packet: the audit's rules say which clause they judged by.
    expect(json.audit.scenarios[1].rules[0].source).toEqual({
      kind: 'ledger',
      ref: 'errors.invalid-request-5xx',
      quote: '500 + error.code invalid_request: do not retry',
    });
    expect(renderMarkdown(packet)).toContain(
      'BROKEN no-retry-on-invalid-request (`errors.invalid-request-5xx`)',
    );
    expect(json.runbook.map((line: { id: string }) => line.id)).toEqual([
      'support.contract-owner',
      'documentation-source',
      'support.config-location',
      'support.fixture-path',
      'support.escalation-path',
      'fallback-thresholds',
    ]);
    expect(json.runbook.some((line: { todo: boolean }) => line.todo)).toBe(false);
    expect(json.escalations.map((e: { finding: string }) => e.finding)).toEqual([
      'negative:missing-auth:status-mismatch',
    ]);
    expect(json.waivers.map((w: Record<string, unknown>) => [w.target, w.state, w.covers])).toEqual([
      ['probe-stream:clause-pending', 'active', ['probe-stream:clause-pending']],
      ['errors.timeout', 'expired', []],
    ]);
  });
});

describe('renderers (timestamps masked)', () => {
  test('Markdown', async () => {
    await expect(renderMarkdown(maskPacket(samplePacket()))).toMatchFileSnapshot('__snapshots__/packet.md');
  });

  test('JUnit has one test case per check, per rule and for the verdict', () => {
    const packet = samplePacket();
    const xml = RENDERERS.junit.render(packet);
    expect(xml.match(/<testcase /g)).toHaveLength(packet.checks.length + packet.rules.length + 1);
    expect(xml).toContain('<failure type="unexpected"');
    // A check that did not run says what would let it run.
    expect(xml).toContain(
      '<skipped message="response.stream-done is pending (to run it: fill `response.stream-done` in the ledger',
    );
  });
});
