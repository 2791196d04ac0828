import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import type { Finding } from '../src/classify/types.js';
import {
  buildPacket,
  maskPacket,
  type Packet,
  PacketSchema,
  packetJsonSchema,
  RENDERERS,
  renderJson,
  renderMarkdown,
} from '../src/report/index.js';
import { judge } from '../src/verdict/index.js';
import {
  completeLedger,
  contractOf,
  handledFindings,
  sampleAudit,
  variedFindings,
} from './review-fixture.js';

function samplePacket(generatedAt = '2026-06-10T09:00:05.000Z', findings = variedFindings()): Packet {
  const ledger = completeLedger();
  ledger.waivers = [
    {
      target: 'probe-stream:skipped',
      justification: 'streaming is off in this service',
      approver: 'J. Lead',
      expires: '2026-07-01',
    },
    { target: 'errors.timeout', justification: 'old waiver', approver: 'J. Lead', expires: '2026-01-01' },
  ];
  const contract = contractOf(ledger);
  const audit = sampleAudit();
  const verdict = judge({ contract, findings, audit: audit.scenarios, today: '2026-06-10' });
  return buildPacket({
    contract,
    findings,
    verdict,
    audit,
    generatedAt,
    version: '0.0.0-test',
    ledgerFile: 'chatproof.yaml',
  });
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

  test('omits the audit when the client audit did not run', () => {
    const contract = contractOf(completeLedger());
    const findings = handledFindings();
    const verdict = judge({ contract, findings, today: '2026-06-10' });
    const packet = buildPacket({ contract, findings, verdict, generatedAt: 'x', version: '0' });
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

  test('waived and expired waivers are shown, and the waived finding stays in the packet', () => {
    expect(packet.waivers.map((w) => [w.target, w.state])).toEqual([
      ['probe-stream:skipped', 'active'],
      ['errors.timeout', 'expired'],
    ]);
    expect(packet.findings.find((f) => f.key === 'probe-stream:skipped')?.waivedBy).toBe(
      'probe-stream:skipped',
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
      code: 'transport-error',
      message: 'the target could not be reached: ECONNREFUSED',
      reason: 'the target was unreachable (ECONNREFUSED 127.0.0.1:9)',
      evidence: {
        exchange: {
          startedAt: '2026-06-10T09:00:01.000Z',
          request: { method: 'POST', url: 'http://127.0.0.1:9/v1/chat/completions', headers: {} },
          error: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9' },
          timings: { firstByteMs: null, totalMs: 1 },
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
    const ledger = completeLedger();
    const contract = contractOf({
      ...ledger,
      clauses: ledger.clauses.map((c) =>
        c.id === 'support.fixture-path' ? { ...c, value: '<REPO_PATH>' } : c,
      ),
    });
    const verdict = judge({ contract, findings: [], today: '2026-06-10' });
    const pending = buildPacket({ contract, findings: [], verdict, generatedAt: 'x', version: '0' });
    const line = pending.runbook.find((l) => l.id === 'support.fixture-path');
    expect(line?.todo).toBe(true);
    expect(line?.text).toMatch(/TODO: name the fixture path/);
    expect(renderMarkdown(pending)).toContain('**TODO** The latest contract test fixture is stored in: TODO');
  });
});

describe('snapshots (timestamps masked)', () => {
  test('Markdown', async () => {
    await expect(renderMarkdown(maskPacket(samplePacket()))).toMatchFileSnapshot('__snapshots__/packet.md');
  });

  test('JSON', async () => {
    await expect(renderJson(maskPacket(samplePacket()))).toMatchFileSnapshot('__snapshots__/packet.json');
  });

  test('JUnit has one test case per check, per rule and for the verdict', () => {
    const packet = samplePacket();
    const xml = RENDERERS.junit.render(packet);
    expect(xml.match(/<testcase /g)).toHaveLength(packet.checks.length + packet.rules.length + 1);
    expect(xml).toContain('<failure type="unexpected"');
    expect(xml).toContain('<skipped message="response.stream-done is pending"/>');
  });
});
