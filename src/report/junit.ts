/**
 * @module report/junit
 * `junit.xml` for CI dashboards: one test case per check. A failure or discrepancy is a `<failure>`, a check
 * that could not run is `<skipped>`.
 */
import { escapeXml as x } from './escape.js';
import type { CheckRow, Packet, PacketFinding } from './schema.js';

const seconds = (ms: number | null): string => ((ms ?? 0) / 1000).toFixed(3);

function testcase(check: CheckRow, findings: readonly PacketFinding[]): string {
  const own = findings.filter((finding) => finding.check === check.name);
  const open = (cls: PacketFinding['class']) => own.filter((f) => f.class === cls && !f.waivedBy);
  const head = `    <testcase classname="chatproof.${x(check.area)}" name="${x(check.name)}" time="${seconds(check.durationMs)}"`;
  const detail = (list: readonly PacketFinding[]) =>
    list
      .map((f) => `${f.key}: ${f.message}${f.evidence.reproducer ? `\n${f.evidence.reproducer}` : ''}`)
      .join('\n\n');
  switch (check.status) {
    case 'escalated':
    case 'failed': {
      const bad = [...open('unexpected'), ...open('documented-not-handled')];
      const first = bad[0];
      const type = check.status === 'escalated' ? 'unexpected' : 'documented-not-handled';
      return `${head}>\n      <failure type="${type}" message="${x(first?.message ?? check.status)}">${x(detail(bad))}</failure>\n    </testcase>`;
    }
    case 'not-run': {
      const reason = own.map((f) => f.reason ?? f.message).join('; ');
      return `${head}>\n      <skipped message="${x(reason)}"/>\n    </testcase>`;
    }
    case 'passed':
      return `${head}/>`;
  }
}

export function renderJunit(packet: Packet): string {
  const failures = packet.checks.filter((c) => c.status === 'failed' || c.status === 'escalated').length;
  const skipped = packet.checks.filter((c) => c.status === 'not-run').length;
  const time = seconds(packet.checks.reduce((sum, c) => sum + (c.durationMs ?? 0), 0));
  const counts = `tests="${packet.checks.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}"`;
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
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="chatproof" ${counts}>`,
    `  <testsuite name="${x(`chatproof review ${packet.review.id}`)}" ${counts} timestamp="${x(packet.generatedAt)}">`,
    `    <properties>\n${properties}\n    </properties>`,
    ...packet.checks.map((check) => testcase(check, packet.findings)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
