/**
 * The route to a pass: every rule not met and every check that did not run says what to change, in packet.json,
 * packet.md, packet.html, junit.xml and the summary on stdout; a client that never streams is told how to pass.
 */
import { describe, expect, test } from 'vitest';
import { auditClient } from '../src/checks/audit/index.js';
import type { Finding } from '../src/classify/types.js';
import { clauseRef, LedgerSchema } from '../src/contract/index.js';
import { RENDERERS } from '../src/report/index.js';
import { summaryTable as summaryText } from '../src/review/summary.js';
import { profileLedger } from '../src/simulator/index.js';
import { judge } from '../src/verdict/index.js';
import {
  handledFindings,
  testContract,
  testLedger,
  testPacket,
  variedFindings,
  withClause,
} from './builders.js';

const today = '2026-06-10';

function packetFor(ledger = testLedger(), findings = variedFindings()) {
  return testPacket({ ledger, findings, audit: null, today });
}

describe('the route to a pass', () => {
  test('every open item of a rule not met carries a hint, and its reason lists them', () => {
    let ledger = withClause(testLedger(), 'endpoint.chat-path', (c) => ({ ...c, value: '<CHAT_PATH>' }));
    ledger = withClause(ledger, 'request.model-id', (c) => ({ ...c, implementation: [] }));
    ledger = withClause(ledger, 'support.contract-owner', () => undefined);
    const findings = variedFindings().filter((f) => f.area !== 'support');
    const packet = packetFor(ledger, findings);
    expect(packet.verdict).not.toBe('pass');
    const violated = packet.rules.filter((rule) => rule.status === 'violated');
    expect(violated.length).toBeGreaterThan(2);
    for (const rule of violated) {
      for (const item of rule.items.filter((i) => !i.waivedBy)) {
        expect(item.hint, `${rule.id} ${item.ref}`).toMatch(/\w/);
      }
      const reason = packet.reasons.find((r) => r.rule === rule.id);
      expect(reason?.hints?.length, rule.id).toBeGreaterThan(0);
    }
    const source = packet.rules.find((r) => r.id === 'area-source-evidence')!;
    expect(source.items.find((i) => i.ref === 'endpoint.chat-path')?.hint).toMatch(
      /fill `endpoint.chat-path`'s value/,
    );
    const impl = packet.rules.find((r) => r.id === 'area-implementation-evidence')!;
    expect(impl.items[0]?.hint).toMatch(/add `implementation: .*` to `request.model-id`/);
    const support = packet.rules.find((r) => r.id === 'area-validated-results')!;
    expect(support.items.find((i) => i.ref === 'support')?.hint).toMatch(
      /record `validated: \{ on: <date>, evidence: .* \}` on support\.|waive `support`/,
    );
    expect(packet.rules.find((r) => r.id === 'contract-owned')?.items[0]?.hint).toMatch(
      /fill `support.contract-owner`/,
    );
  });

  test('a not-run check says what would let it run, everywhere the packet shows it', () => {
    const packet = packetFor();
    const skipped = packet.findings.find((f) => f.class === 'not-run')!;
    expect(skipped.hint).toMatch(
      /fill `response.stream-done` in the ledger .*waive `probe-stream:clause-pending`/,
    );
    expect(RENDERERS.markdown.render(packet)).toContain('- to run it: fill');
    expect(RENDERERS.html.render(packet)).toContain('to run it');
    expect(RENDERERS.junit.render(packet)).toMatch(/<skipped message="[^"]*to run it: fill/);
  });

  test('the Markdown, the HTML and the summary on stdout show the hints under their reasons', () => {
    const packet = packetFor();
    const hint = packet.reasons.find((r) => r.rule === 'no-retry-invalid-request')?.hints?.[0];
    expect(hint).toMatch(/configure the client not to retry/);
    const md = RENDERERS.markdown.render(packet);
    expect(md).toContain('    - to pass: configure the client not to retry');
    // The hint's code spans stay code in Markdown: `audit:…` renders as code, not as escaped backticks.
    expect(md).toMatch(/to pass: .*or waive `audit:[^`\\]+` \(ledger `waivers`: justification/);
    expect(md).not.toMatch(/to pass: .*\\`/);
    const html = RENDERERS.html.render(packet);
    expect(html).toContain('<span class="hint">to pass: configure the client not to retry');
    const text = summaryText(packet, '/tmp/out');
    expect(text).toMatch(/no-retry-invalid-request: .*\n {6}to pass: configure the client not to retry/);
  });

  test('the parser rule says to cope with an optional field that was absent, not to stop reading it', () => {
    const absent: Finding = {
      class: 'documented-not-handled',
      check: 'probe',
      area: 'response',
      clause: 'response.parsed-fields',
      code: 'parsed-field-absent',
      message:
        'the parser reads usage.prompt_tokens, absent from the answer; the documents mark it optional, so the parser must cope without it',
      evidence: {},
    };
    const packet = packetFor(testLedger(), [...handledFindings(), absent]);
    const rule = packet.rules.find((r) => r.id === 'parser-documented-fields');
    expect(rule?.status).toBe('violated');
    const hint = rule?.items.find((i) => i.ref === 'probe:parsed-field-absent')?.hint;
    expect(hint).toMatch(/^the documents mark the field optional: make the parser cope when it is absent/);
    expect(hint).not.toContain('stop reading');
  });

  test('a pass has no steps left', () => {
    const packet = packetFor(testLedger(), handledFindings());
    expect(packet.verdict).toBe('pass');
    expect(packet.reasons.every((r) => r.hints?.length === 0)).toBe(true);
    expect(summaryText(packet, '/tmp/out')).not.toContain('to pass:');
  });
});

describe('a client that never streams', () => {
  test('is told to stream as in production or to waive the stream scenarios, and the waiver it names works', async () => {
    const ledger = LedgerSchema.parse(
      profileLedger('cometapi', { baseUrl: 'http://127.0.0.1/v1', keyRef: 'env:CHATPROOF_SIM_KEY' }),
    );
    // One JSON call, never a stream.
    const client = `const r = await fetch(process.env.CHATPROOF_BASE_URL + '/chat/completions', { method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + process.env.OPENAI_API_KEY },
      body: JSON.stringify({ model: process.env.CHATPROOF_MODEL, messages: [{ role: 'user', content: 'hi' }] }) });
      process.exit(r.ok ? 0 : 1);`;
    const result = await auditClient(testContract(ledger), {
      command: [process.execPath, '--input-type=module', '-e', client],
      env: { PATH: process.env.PATH ?? '' },
      scenarios: ['baseline', 'cut-stream', 'reset-mid-stream'],
      limitMs: 15_000,
    });
    const cut = result.findings.find((f) => f.check === 'audit:cut-stream')!;
    expect(cut.class).toBe('not-run');
    if (cut.class !== 'not-run') return;
    expect(cut.hint).toMatch(/never streams: .*make the command stream .*waive `audit:cut-stream:not-run`/);
    // The waiver the hint names covers the item; without it the rule holds the review back.
    const without = judge({ contract: testContract(ledger), findings: result.findings, today });
    const open = (v: typeof without) =>
      v.rules
        .find((r) => r.id === 'area-validated-results')!
        .items.filter((i) => !i.waivedBy)
        .map((i) => i.ref);
    expect(open(without)).toContain('audit:cut-stream:not-run');
    const waived = {
      ...ledger,
      waivers: ['audit:cut-stream:not-run', 'audit:reset-mid-stream:not-run'].map((target) => ({
        target,
        justification: 'the application never streams',
        approver: 'J. Lead',
        expires: '2026-12-31',
      })),
    };
    const withWaivers = judge({ contract: testContract(waived), findings: result.findings, today });
    expect(open(withWaivers)).not.toContain('audit:cut-stream:not-run');
    expect(open(withWaivers)).not.toContain('audit:reset-mid-stream:not-run');
  }, 30_000);
});

test('a ledger location that does not hold its clause is a location step, not a parser step', () => {
  const location: Finding = {
    class: 'documented-not-handled',
    check: 'scan',
    area: 'response',
    clause: clauseRef('response.parsed-fields'),
    code: 'location-not-found',
    message:
      'response.parsed-fields names examples/client.mjs:45 as its implementation, which does not hold it: line 45 does not hold choices[].message.content',
    evidence: {
      expected: 'examples/client.mjs:45',
      observed: 'line 45 does not hold choices[].message.content',
    },
  };
  const verdict = judge({
    contract: testContract(),
    findings: [...handledFindings(), location],
    today,
  });
  expect(verdict.verdict).not.toBe('pass');
  // The parser reads only documented fields: a wrong pointer in the ledger says nothing about that.
  expect(verdict.rules.find((r) => r.id === 'parser-documented-fields')?.status).not.toBe('violated');
  const item = verdict.rules
    .find((r) => r.id === 'area-validated-results')!
    .items.find((i) => i.ref === 'scan:location-not-found');
  expect(item?.hint).toMatch(
    /^point `response.parsed-fields`'s implementation location at the file and line that holds its value \(`examples\/client.mjs:45` does not\), or waive `scan:location-not-found`/,
  );
  expect(item?.hint).not.toMatch(/stop reading the field|response.fields/);
});
