/**
 * junit.xml as a CI dashboard reads it: red exactly when the verdict is not pass, an interrupted review an
 * error, one test case per rule and per check, and counts that add up.
 */
import { describe, expect, test } from 'vitest';
import type { Finding } from '../src/classify/types.js';
import { type Packet, renderJunit } from '../src/report/index.js';
import { handledFindings, handledScenario, testPacket, variedFindings } from './builders.js';

const today = '2026-06-10';
const audit = [handledScenario()];

const packetOf = (findings: Finding[], incomplete = false): Packet =>
  testPacket({
    findings,
    incomplete,
    today,
    audit: { command: ['node', 'c.mjs'], scenarios: audit },
    version: 't',
  });

interface Suite {
  attrs: Record<string, number>;
  cases: string[];
}

/** The suites of a JUnit document, each with its counts and its test cases' XML. */
function suites(xml: string): { top: Record<string, number>; suites: Suite[] } {
  const attrs = (tag: string) =>
    Object.fromEntries(
      ['tests', 'failures', 'errors', 'skipped'].map((k) => [
        k,
        Number(new RegExp(` ${k}="(\\d+)"`).exec(tag)?.[1]),
      ]),
    );
  const top = attrs(/<testsuites [^>]*>/.exec(xml)?.[0] ?? '');
  const list = [...xml.matchAll(/<testsuite [^>]*>[\s\S]*?<\/testsuite>/g)].map((m) => ({
    attrs: attrs(/<testsuite [^>]*>/.exec(m[0])?.[0] ?? ''),
    cases: [...m[0].matchAll(/<testcase [^>]*?(?:\/>|>[\s\S]*?<\/testcase>)/g)].map((c) => c[0]),
  }));
  return { top, suites: list };
}

function expectCountsAddUp(xml: string): void {
  const { top, suites: list } = suites(xml);
  for (const suite of list) {
    expect(suite.attrs.tests).toBe(suite.cases.length);
    expect(suite.attrs.failures).toBe(suite.cases.filter((c) => c.includes('<failure')).length);
    expect(suite.attrs.errors).toBe(suite.cases.filter((c) => c.includes('<error')).length);
    expect(suite.attrs.skipped).toBe(suite.cases.filter((c) => c.includes('<skipped')).length);
  }
  for (const key of ['tests', 'failures', 'errors', 'skipped']) {
    expect(top[key]).toBe(list.reduce((sum, s) => sum + (s.attrs[key] ?? 0), 0));
  }
}

describe('junit.xml', () => {
  test('a FAIL verdict has failures: the verdict and every rule not met, each with its reason', () => {
    // The audit gap alone fails the review: no check of that kind is itself a failed check.
    const findings: Finding[] = [
      ...handledFindings(),
      {
        class: 'not-run',
        check: 'audit',
        area: 'errors',
        clause: null,
        code: 'not-run',
        message: 'audit did not run',
        reason: 'no client to audit',
        evidence: {},
      },
    ];
    const packet = packetOf(findings);
    expect(packet.verdict).toBe('fail');
    const xml = renderJunit(packet);
    const { top, suites: list } = suites(xml);
    expect(top.failures).toBeGreaterThan(0);
    expectCountsAddUp(xml);
    const [rules, checks] = list;
    expect(rules?.cases).toHaveLength(packet.rules.length + 1);
    expect(checks?.cases).toHaveLength(packet.checks.length);
    const violated = packet.rules.filter((r) => r.status === 'violated');
    for (const rule of violated) {
      const testcase = rules?.cases.find((c) => c.includes(`name="${rule.id}: `));
      expect(testcase).toContain('<failure type="required-for-pass"');
      expect(testcase).toContain('no client to audit');
    }
    expect(rules?.cases[0]).toContain('<failure type="fail"');
  });

  test('an escalation fails the view too', () => {
    const packet = packetOf(variedFindings());
    expect(packet.verdict).toBe('escalate');
    const xml = renderJunit(packet);
    expect(suites(xml).top.failures).toBeGreaterThan(0);
    expect(xml).toContain('<failure type="escalate"');
    expectCountsAddUp(xml);
  });

  test('an interrupted review is an error, never all green', () => {
    const packet = packetOf(handledFindings(), true);
    const xml = renderJunit(packet);
    expect(xml).toContain('<error type="incomplete"');
    const { top } = suites(xml);
    expect(top.errors).toBe(1);
    expect(top.failures).toBeGreaterThan(0);
    expectCountsAddUp(xml);
  });

  test('a PASS has no failure and no error', () => {
    const packet = packetOf(handledFindings());
    expect(packet.verdict).toBe('pass');
    const xml = renderJunit(packet);
    const { top } = suites(xml);
    expect(top.failures).toBe(0);
    expect(top.errors).toBe(0);
    expect(top.tests).toBe(packet.rules.length + packet.checks.length + 1);
    expectCountsAddUp(xml);
  });

  test('a check with only a configuration finding is a failed check and a failed test case', () => {
    const findings: Finding[] = [
      ...handledFindings(),
      {
        class: 'configuration',
        check: 'probe-models',
        area: 'request',
        clause: null,
        code: 'key-rejected',
        message: 'the key was rejected on the model list',
        evidence: {},
      },
    ];
    const packet = packetOf(findings);
    expect(packet.checks.find((c) => c.name === 'probe-models')?.status).toBe('failed');
    const xml = renderJunit(packet);
    const testcase = suites(xml).suites[1]?.cases.find((c) => c.includes('name="probe-models"'));
    expect(testcase).toContain(
      '<failure type="configuration" message="the key was rejected on the model list"',
    );
    expectCountsAddUp(xml);
  });
});
