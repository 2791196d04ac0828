import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { type Packet, packetExchange } from '../report/index.js';
import { diffPackets } from './diff.js';
import { DIFF_RULES } from './rules.js';

const FIXTURE = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'store', 'demo-packet.json');
const TEXT = readFileSync(FIXTURE, 'utf8');
const demo = (): Packet => JSON.parse(TEXT);
const ref = (id: string) => ({ id, generatedAt: '2026-12-01T00:00:00.000Z', verdict: 'fail' });
const diff = (base: Packet, head: Packet) =>
  diffPackets({ ref: ref('a'), packet: base }, { ref: ref('b'), packet: head });

/** Rewrites the JSON body of every probe exchange. */
function probeBody(packet: Packet, edit: (body: Record<string, unknown>) => void): Packet {
  // Exchanges are stored once and referenced; each probe exchange is edited once.
  const probe = new Set(
    packet.findings.filter((f) => f.check === 'probe').map((f) => packetExchange(packet, f)),
  );
  for (const exchange of probe) {
    const response = exchange?.response;
    if (!response) continue;
    const body = JSON.parse(response.body);
    edit(body);
    response.body = JSON.stringify(body);
  }
  return packet;
}

const summary = (packet: Packet) =>
  diff(demo(), packet).changes.map((c) => `${c.grade} ${c.rule} ${c.subject}`);

describe('diffPackets', () => {
  test('the recorded packet is one an earlier chatproof stored: exchanges embedded in findings, no table', () => {
    // test/fixtures/store/PROVENANCE.md: diffing such a packet against itself or a newer one must keep working.
    const packet = demo();
    expect(packet.exchanges).toBeUndefined();
    expect(packet.findings.filter((f) => f.evidence.exchange !== undefined).length).toBeGreaterThan(10);
  });

  test('the same review twice has no change', () => {
    expect(diff(demo(), demo())).toMatchObject({
      summary: { breaking: 0, warning: 0, info: 0 },
      changes: [],
    });
  });

  test('a removed parsed field is one breaking change, not one per nested counter', () => {
    expect(summary(probeBody(demo(), (b) => delete b.usage))).toEqual([
      'breaking parsed-field-removed probe response: usage',
    ]);
  });

  test('a removed documented field is breaking, an undocumented one a warning; an added one is info', () => {
    const packet = probeBody(demo(), (b) => {
      delete b.system_fingerprint;
      b.provider_trace = { region: 'eu' };
    });
    const removedUndocumented = probeBody(demo(), (b) => {
      b.provider_trace = 1;
    });
    expect(summary(packet)).toEqual([
      'info field-added probe response: provider_trace',
      'breaking documented-field-removed probe response: system_fingerprint',
    ]);
    expect(diff(removedUndocumented, demo()).changes.map((c) => `${c.grade} ${c.rule}`)).toEqual([
      'warning undocumented-field-removed',
    ]);
  });

  test('a documented field changing type is breaking', () => {
    expect(summary(probeBody(demo(), (b) => (b.created = String(b.created))))).toEqual([
      'breaking documented-field-type probe response: created',
    ]);
  });

  test('null where response.nullable-fields allows it is info; elsewhere it is breaking', () => {
    const content = probeBody(demo(), (b) => {
      (b.choices as { message: { content: unknown } }[])[0]!.message.content = null;
    });
    expect(summary(content)).toEqual(['info field-null-allowed probe response: choices[].message.content']);
    const id = probeBody(demo(), (b) => (b.id = null));
    expect(summary(id)).toEqual(['breaking field-now-null probe response: id']);
  });

  test("a negative case's status and envelope changes are breaking; a gained key is info", () => {
    const packet = demo();
    const edited = new Set<unknown>();
    for (const finding of packet.findings) {
      const response = packetExchange(packet, finding)?.response;
      if (finding.check === 'negative:unknown-model' && response && !edited.has(response)) {
        edited.add(response);
        response.status = 400;
        const body = JSON.parse(response.body);
        delete body.error.param;
        body.error.code = 'invalid_model';
        body.error.hint = 'x';
        response.body = JSON.stringify(body);
      }
    }
    expect(summary(packet)).toEqual([
      'breaking error-status-changed negative: unknown-model',
      'breaking error-envelope-changed negative: unknown-model',
      'info error-envelope-extended negative: unknown-model',
      'breaking error-envelope-changed negative: unknown-model: error.code',
    ]);
  });

  test('finding classes: now unexpected is breaking, worse is a warning, better is info', () => {
    const packet = demo();
    const set = (key: string, cls: Packet['findings'][number]['class']) => {
      for (const f of packet.findings) if (f.key === key) f.class = cls;
    };
    set('probe:id-present', 'unexpected');
    set('probe:usage-present', 'not-run');
    set('audit:invalid-request-5xx:no-retry-on-invalid-request', 'documented-handled');
    expect(summary(packet)).toEqual([
      'info finding-better finding: audit:invalid-request-5xx:no-retry-on-invalid-request',
      'breaking finding-now-unexpected finding: probe:id-present',
      'warning finding-worse finding: probe:usage-present',
    ]);
  });

  test('client audit: a broken rule is breaking, attempts and waits are warnings', () => {
    const packet = demo();
    const scenario = packet.audit?.scenarios.find((s) => s.name === 'upstream-failure-once');
    if (!scenario) throw new Error('fixture lacks the scenario');
    const base = demo();
    const before = base.audit?.scenarios.find((s) => s.name === 'upstream-failure-once');
    scenario.attempts += 2;
    scenario.delaysMs = (before?.delaysMs ?? []).map((d) => d * 3 + 500);
    scenario.rules[0]!.ok = false;
    expect(diff(base, packet).changes.map((c) => `${c.grade} ${c.rule}`)).toEqual([
      'warning audit-attempts-changed',
      'warning audit-waits-changed',
      `breaking audit-rule-broken`,
    ]);
  });

  test('latency: p95 doubled by 250 ms or more is a warning, with medians, p95 and sample sizes', () => {
    const packet = demo();
    const exchanges = new Set(packet.findings.map((f) => packetExchange(packet, f)));
    for (const exchange of exchanges) if (exchange) exchange.timings.totalMs += 400;
    const [change] = diff(demo(), packet).changes;
    expect(change).toMatchObject({ kind: 'latency', grade: 'warning', rule: 'latency-p95-doubled' });
    expect(change?.after).toMatchObject({
      n: expect.any(Number),
      medianMs: expect.any(Number),
      p95Ms: expect.any(Number),
    });
  });

  test('an echoed model that changes on its own is breaking; one that follows request.model-id is info', () => {
    const echoed = probeBody(demo(), (b) => (b.model = 'gpt-4o-mini-2024-07-18'));
    expect(summary(echoed)).toEqual(['breaking echoed-model-changed probe: model']);
    const followed = probeBody(demo(), (b) => (b.model = 'gpt-4o-mini-2024-07-18'));
    const clause = followed.clauses.find((c) => c.id === 'request.model-id');
    if (clause) clause.value = 'gpt-4o-mini';
    expect(summary(followed)).toEqual([
      'warning model-id-changed clause: request.model-id',
      'info echoed-model-followed probe: model',
    ]);
  });

  test('ledger clauses: value, quote, owner; added and removed clauses', () => {
    const packet = demo();
    const [first, second, third] = packet.clauses;
    if (!first?.source || !second || !third) throw new Error('fixture lacks clauses');
    first.source.quote = 'a different passage';
    second.owner = 'someone else';
    third.value = '/models/v2';
    packet.clauses = packet.clauses.filter((c) => c.id !== 'support.fixture-path');
    expect(summary(packet)).toEqual([
      'warning source-quote-changed clause: endpoint.base-url: source',
      'warning clause-removed clause: support.fixture-path',
      'warning clause-value-changed clause: endpoint.models-path',
      'info clause-owner-changed clause: endpoint.chat-path: owner',
    ]);
  });

  test('every change names a rule whose kind and grade it carries, in a stable order', () => {
    const packet = probeBody(demo(), (b) => {
      delete b.usage;
      b.extra = true;
    });
    packet.verdict = 'escalate';
    const once = diff(demo(), packet);
    expect(JSON.stringify(diff(demo(), packet))).toBe(JSON.stringify(once));
    for (const change of once.changes) {
      const rule = DIFF_RULES[change.rule as keyof typeof DIFF_RULES];
      expect(rule, change.rule).toBeDefined();
      expect([change.kind, change.grade]).toEqual([rule.kind, rule.grade]);
    }
    expect(once.summary).toEqual({ breaking: 2, warning: 0, info: 1 });
  });
});

test('a finding class change is graded by the classes’ one severity order', () => {
  const key = 'probe:usage-present';
  const as = (cls: Packet['findings'][number]['class']) => {
    const packet = demo();
    const finding = packet.findings.find((f) => f.key === key);
    if (!finding) throw new Error('fixture lacks the finding');
    finding.class = cls;
    return packet;
  };
  const graded = (before: Packet, after: Packet) =>
    diff(before, after).changes.map((c) => `${c.grade} ${c.rule}`);
  // A failure outranks a check that could not run (classify/classes.ts SEVERITY), in both directions.
  expect(graded(as('documented-not-handled'), as('not-run'))).toEqual(['info finding-better']);
  expect(graded(as('not-run'), as('documented-not-handled'))).toEqual(['warning finding-worse']);
  expect(graded(as('configuration'), as('unexpected'))).toEqual(['breaking finding-now-unexpected']);
  expect(graded(as('observed-not-documented'), as('configuration'))).toEqual(['warning finding-worse']);
});
