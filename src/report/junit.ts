/**
 * @module report/junit
 * `junit.xml` for CI dashboards, which read it instead of the exit code. One suite holds the verdict itself
 * and one test case per rule (a rule not met is a `<failure>` with its reason; an interrupted review is an
 * `<error>`); the other one test case per check (a failure or discrepancy is a `<failure>`, a check that could
 * not run is `<skipped>`). The view is red exactly when the verdict is not pass, and `tests`, `failures`,
 * `errors` and `skipped` add up in every suite.
 */
import { bySeverity, isProblem } from '../classify/index.js';
import { escapeXml as x } from './escape.js';
import { verdictWithQualifiers } from './labels.js';
import type { CheckRow, Packet, PacketFinding } from './schema.js';

const seconds = (ms: number | null): string => ((ms ?? 0) / 1000).toFixed(3);

type Outcome = 'passed' | 'failure' | 'error' | 'skipped';
interface Case {
  outcome: Outcome;
  xml: string;
  ms: number | null;
}

function checkCase(check: CheckRow, findings: readonly PacketFinding[]): Case {
  const own = findings.filter((finding) => finding.check === check.name);
  const head = `    <testcase classname="chatproof.check.${x(check.area)}" name="${x(check.name)}" time="${seconds(check.durationMs)}"`;
  const detail = (list: readonly PacketFinding[]) =>
    list
      .map((f) => `${f.key}: ${f.message}${f.evidence.reproducer ? `\n${f.evidence.reproducer}` : ''}`)
      .join('\n\n');
  const ms = check.durationMs;
  switch (check.status) {
    case 'escalated':
    case 'failed': {
      // Every open problem, most serious first; the failure's type is the most serious one's class.
      const bad = bySeverity(own.filter((f) => isProblem(f.class) && !f.waivedBy));
      const first = bad[0];
      const type = first?.class ?? check.status;
      return {
        outcome: 'failure',
        ms,
        xml: `${head}>\n      <failure type="${type}" message="${x(first?.message ?? check.status)}">${x(detail(bad))}</failure>\n    </testcase>`,
      };
    }
    case 'not-run': {
      const reason = own
        .map((f) => `${f.reason ?? f.message}${f.hint ? ` (to run it: ${f.hint})` : ''}`)
        .join('; ');
      return {
        outcome: 'skipped',
        ms,
        xml: `${head}>\n      <skipped message="${x(reason)}"/>\n    </testcase>`,
      };
    }
    case 'passed':
      return { outcome: 'passed', ms, xml: `${head}/>` };
  }
}

function ruleCases(packet: Packet): Case[] {
  return packet.rules.map((rule) => {
    const head = `    <testcase classname="chatproof.rule.${x(rule.effect)}" name="${x(`${rule.id}: ${rule.title}`)}" time="0.000"`;
    const reason = packet.reasons.find((r) => r.rule === rule.id);
    const open = rule.items.filter((item) => !item.waivedBy);
    const body = [
      ...open.map((item) => `${item.ref}: ${item.message}${item.hint ? `\n  to pass: ${item.hint}` : ''}`),
      ...(reason ? [`the review says: ${reason.seed}`] : []),
    ].join('\n');
    if (rule.status === 'violated' && rule.id === 'review-complete') {
      return {
        outcome: 'error',
        ms: 0,
        xml: `${head}>\n      <error type="incomplete" message="${x(reason?.message ?? rule.title)}">${x(body)}</error>\n    </testcase>`,
      };
    }
    if (rule.status === 'violated') {
      return {
        outcome: 'failure',
        ms: 0,
        xml: `${head}>\n      <failure type="${x(rule.effect)}" message="${x(reason?.message ?? `${rule.title}: not met`)}">${x(body)}</failure>\n    </testcase>`,
      };
    }
    if (rule.status === 'waived') {
      const by = [...new Set(rule.items.map((item) => item.waivedBy ?? ''))].join(', ');
      return {
        outcome: 'passed',
        ms: 0,
        xml: `${head}>\n      <system-out>${x(`waived by ${by}: ${rule.items.map((i) => i.ref).join(', ')}`)}</system-out>\n    </testcase>`,
      };
    }
    return { outcome: 'passed', ms: 0, xml: `${head}/>` };
  });
}

/** The decision itself: a dashboard that shows only failures still shows a review that did not pass. */
function verdictCase(packet: Packet): Case {
  const head = `    <testcase classname="chatproof.verdict" name="${x(`verdict: ${verdictWithQualifiers(packet.verdict, packet.qualifiers)}`)}" time="0.000"`;
  if (packet.verdict === 'pass') return { outcome: 'passed', ms: 0, xml: `${head}/>` };
  const why = packet.reasons.map((r) => r.message).join('\n');
  return {
    outcome: 'failure',
    ms: 0,
    xml: `${head}>\n      <failure type="${x(packet.verdict)}" message="${x(packet.headline)}">${x(why)}</failure>\n    </testcase>`,
  };
}

function counts(cases: readonly Case[]): string {
  const n = (outcome: Outcome) => cases.filter((c) => c.outcome === outcome).length;
  const time = seconds(cases.reduce((sum, c) => sum + (c.ms ?? 0), 0));
  return `tests="${cases.length}" failures="${n('failure')}" errors="${n('error')}" skipped="${n('skipped')}" time="${time}"`;
}

export function renderJunit(packet: Packet): string {
  const rules = [verdictCase(packet), ...ruleCases(packet)];
  const checks = packet.checks.map((check) => checkCase(check, packet.findings));
  const properties = [
    ['verdict', packet.verdict],
    ['headline', packet.headline],
    ['target.kind', packet.target.kind],
    ['target.url', packet.target.url ?? ''],
    ['qualifiers', packet.qualifiers.map((q) => q.id).join(',')],
    ['incomplete', String(packet.incomplete)],
    ['review', packet.review.id],
    ['schemaVersion', String(packet.schemaVersion)],
  ]
    .map(([name, value]) => `      <property name="${x(name ?? '')}" value="${x(value ?? '')}"/>`)
    .join('\n');
  const suite = (name: string, cases: readonly Case[]) =>
    [
      `  <testsuite name="${x(name)}" ${counts(cases)} timestamp="${x(packet.generatedAt)}">`,
      `    <properties>\n${properties}\n    </properties>`,
      ...cases.map((c) => c.xml),
      '  </testsuite>',
    ].join('\n');
  const title = `chatproof review ${packet.review.id}: ${verdictWithQualifiers(packet.verdict, packet.qualifiers)}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${x(title)}" ${counts([...rules, ...checks])}>`,
    suite(`chatproof review ${packet.review.id}: verdict rules`, rules),
    suite(`chatproof review ${packet.review.id}: checks`, checks),
    '</testsuites>',
    '',
  ].join('\n');
}
