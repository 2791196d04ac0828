/**
 * @module report/markdown
 * `packet.md` for tickets and pull requests. Every value from the target or the ledger is escaped; reproducers
 * and exchanges sit in fenced blocks their content cannot close.
 */
import { bySeverity, CLASS_LABEL } from '../classify/index.js';
import { comparisonMarkdown } from './comparison.js';
import { handledSummary, reasonDigests } from './digest.js';
import { fence, escapeMarkdownKeepingCode as hint, escapeMarkdown as m } from './escape.js';
import { verdictSentence, verdictWithQualifiers } from './labels.js';
import { limitSentences } from './limits.js';
import { packetExchange } from './packet-exchange.js';
import { scanSectionMarkdown } from './scan.js';
import type { Packet, PacketFinding } from './schema.js';
import { evidenceLines, plainQuote, valueText } from './text.js';
import { trafficSectionMarkdown } from './traffic.js';

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
const table = (head: readonly string[], rows: readonly (readonly string[])[]): string =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
const code = (text: string): string =>
  text ? `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}\`` : '';

function findingBlock(finding: PacketFinding, exchanges: Packet['exchanges']): string {
  const lines = [
    `### ${m(finding.key)}`,
    '',
    `- class: **${CLASS_LABEL[finding.class]}**${finding.waivedBy ? ` (waived by ${m(finding.waivedBy)})` : ''}`,
    `- area: ${m(finding.area)}; clause: ${finding.clause ? code(finding.clause) : 'none'}`,
    `- ${m(finding.message)}`,
  ];
  if (finding.reason) lines.push(`- not run because: ${m(finding.reason)}`);
  if (finding.hint) lines.push(`- to run it: ${hint(finding.hint)}`);
  const { expected, observed, requestId, reproducer } = finding.evidence;
  const exchange = packetExchange({ exchanges }, finding);
  if (expected !== undefined) lines.push(evidenceItem('expected', expected));
  if (observed !== undefined) lines.push(evidenceItem('observed', observed));
  const ids = [requestId, exchange?.requestId].filter((id): id is string => !!id);
  if (ids.length > 0) lines.push(`- request id: ${[...new Set(ids)].map(code).join(', ')}`);
  if (exchange) lines.push(`- at ${m(exchange.startedAt)}, ${exchange.timings.totalMs} ms`);
  if (reproducer) lines.push('', 'Reproducer:', '', fence(reproducer, 'sh'));
  return lines.join('\n');
}

function evidenceItem(label: string, value: unknown): string {
  const lines = evidenceLines(value);
  return lines.length === 1
    ? `- ${label}: ${m(lines[0] ?? '')}`
    : [`- ${label}:`, ...lines.map((line) => `  - ${m(line)}`)].join('\n');
}

/** Each reason once, its items once; an item a more specific reason explains points there. */
function reasonBlock(packet: Packet): string[] {
  return reasonDigests(packet).flatMap((reason) => [
    `- **${m(reason.rule)}** (${reason.effect}): ${m(reason.headline)}`,
    ...reason.lines.map(
      (line) =>
        `  - ${line.waivedBy ? '(waived) ' : ''}${line.seeRule ? `${code(line.ref)}: see **${m(line.seeRule)}**` : m(line.message)}${line.hint ? `\n    - to pass: ${hint(line.hint)}` : ''}`,
    ),
    `  > ${m(reason.seed)}`,
  ]);
}

/** Open findings in full, most serious first; handled ones one row per clause. */
function findingsBlock(packet: Packet): string[] {
  if (packet.findings.length === 0) return ['No findings.', ''];
  const open = bySeverity(packet.findings).filter((f) => f.class !== 'documented-handled');
  const handled = handledSummary(packet.findings);
  const out = open.length
    ? open.flatMap((f) => [findingBlock(f, packet.exchanges), ''])
    : ['Every finding matches the documentation.', ''];
  if (handled.length > 0) {
    const total = handled.reduce((sum, group) => sum + group.count, 0);
    out.push(
      `### Documented and handled: ${total} result(s) on ${handled.length} clause(s)`,
      '',
      table(
        ['clause', 'results', 'checks'],
        handled.map((g) => [
          g.clause ? code(g.clause) : `${m(g.area)} (no clause)`,
          `${g.count}${g.waived ? ` (${g.waived} waived)` : ''}`,
          m(g.checks.join(', ')),
        ]),
      ),
      '',
    );
  }
  return out;
}

/** A literal value as code; a structured one (an error clause) as words. */
const valueCell = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? code(String(value)) : m(valueText(value));

function recordTable(packet: Packet): string {
  const r = packet.review;
  return table(
    ['field', 'value'],
    [
      ['incident or change', m(r.id)],
      ['application', m(r.application)],
      ['environment', m(r.environment)],
      ['integration owner', m(r.owner)],
      ['deploy version', m(r.deployVersion)],
      ['config source', m(r.configSource)],
      ['documentation reviewed on', m(r.docsReviewedOn)],
      ['reviewer', m(r.reviewer)],
      [
        'contacted',
        `${m(packet.target.label)} (${m(packet.target.kind)}): ${code(packet.target.url ?? '?')}`,
      ],
      ['ledger target', code(`${r.target.baseUrl ?? '?'}${r.target.chatPath ?? ''}`)],
      ['auth', code(`${r.target.authHeader ?? '?'} from ${r.target.keyRef ?? '?'}`)],
      ['ledger', r.ledgerFile ? code(r.ledgerFile) : ''],
      ['overrides', r.overrides.map((o) => code(`${o.field}=${o.value}`)).join(', ') || 'none'],
      ['captures', r.captures.map(m).join(', ') || 'none'],
    ],
  );
}

function auditBlock(packet: Packet): string[] {
  if (!packet.audit) return ['The client audit did not run (set `audit.command` in the ledger).', ''];
  return [
    `Command: ${code(packet.audit.command.join(' '))}`,
    '',
    table(
      ['scenario', 'attempts', 'delays (ms)', 'exit', 'class', 'rules'],
      packet.audit.scenarios.map((s) => [
        code(s.name),
        String(s.attempts),
        s.delaysMs.join(', '),
        s.exitCode === null ? '' : String(s.exitCode),
        CLASS_LABEL[s.class],
        s.rules
          .map((rule) => {
            const clause = rule.source?.kind === 'ledger' ? ` (${code(rule.source.ref)})` : '';
            return `${rule.ok ? 'ok' : 'BROKEN'} ${m(rule.id)}${clause}`;
          })
          .join('<br>'),
      ]),
    ),
    '',
  ];
}

/** What the verdict does not cover, right under it. */
function qualifierBlock(packet: Packet): string[] {
  const limits = limitSentences(packet).map((text) => `- ${m(text)}`);
  const qualifiers = packet.qualifiers.map((q) => `- ${m(q.text)}`);
  if (qualifiers.length === 0 && limits.length === 0) return [];
  return [
    ...(qualifiers.length > 0 ? ['This verdict does not cover:', '', ...qualifiers, ''] : []),
    ...(limits.length > 0 ? ['Local limits ended checks before they finished:', '', ...limits, ''] : []),
  ];
}

/** Verdict, reasons and findings first; the evidence and the full tables after them. */
export function renderMarkdown(packet: Packet): string {
  const r = packet.review;
  const out: string[] = [
    `# Chat contract review ${m(r.id)}: ${m(verdictWithQualifiers(packet.verdict, packet.qualifiers))}`,
    '',
    m(verdictSentence(packet)),
    '',
    ...qualifierBlock(packet),
    `Generated ${m(packet.generatedAt)} by chatproof ${m(packet.generator.version)}; packet schema v${packet.schemaVersion}.`,
    '',
    '## Reasons',
    '',
    ...reasonBlock(packet),
    '',
    '## Findings',
    '',
    ...findingsBlock(packet),
    '## Evidence ledger',
    '',
    table(
      ['evidence item', 'required status', 'status', 'detail'],
      packet.evidenceLedger.map((e) => [m(e.item), m(e.required), `**${e.status}**`, m(e.detail)]),
    ),
    '',
    '## Escalation drafts',
    '',
  ];
  if (packet.escalations.length === 0) out.push('No discrepancy to escalate.', '');
  for (const draft of packet.escalations) out.push(`### ${m(draft.title)}`, '', fence(draft.body), '');
  out.push('## Client audit', '', ...auditBlock(packet));
  if (packet.traffic) out.push(trafficSectionMarkdown(packet.traffic));
  if (packet.scan) out.push(scanSectionMarkdown(packet.scan));
  if (packet.comparison) out.push(comparisonMarkdown(packet.comparison));
  out.push('## Review record', '', recordTable(packet), '');
  out.push(
    '## Runbook section',
    '',
    ...packet.runbook.map((line) => `- ${line.todo ? '**TODO** ' : ''}${m(line.text)}`),
    '',
    '## Clauses',
    '',
    table(
      ['clause', 'value', 'source', 'implementation', 'validation', 'owner'],
      packet.clauses.map((c) => [
        code(c.id),
        `${c.pending ? `pending ${valueCell(c.value)}` : valueCell(c.value)}${c.pendingFields.length ? ` (pending: ${c.pendingFields.map(code).join(', ')})` : ''}`,
        c.source
          ? m(
              [
                c.source.title,
                c.source.url,
                c.source.accessed,
                c.source.quote ? `"${plainQuote(c.source.quote)}"` : null,
              ]
                .filter(Boolean)
                .join(', '),
            )
          : 'none',
        c.implementation
          .map((i) => `${i.kind}: ${code(i.location)}${i.status ? ` (${i.status})` : ''}`)
          .join('<br>') || 'none',
        `${c.validation.status}${c.waivedBy ? ` (waived by ${m(c.waivedBy)})` : ''}${c.validation.why ? `: ${hint(c.validation.why)}` : ''}`,
        m(c.owner ?? 'TODO'),
      ]),
    ),
    '',
    '## Checks',
    '',
    packet.checks.length === 0
      ? 'No check ran.'
      : table(
          ['check', 'area', 'status', 'latency'],
          packet.checks.map((c) => [
            code(c.name),
            m(c.area),
            c.status,
            c.durationMs === null ? '' : `${c.durationMs} ms`,
          ]),
        ),
    '',
    '## Waivers',
    '',
    packet.waivers.length === 0
      ? 'No waivers.'
      : table(
          ['target', 'state', 'expires', 'approver', 'justification', 'covers'],
          packet.waivers.map((w) => [
            code(w.target),
            w.state,
            m(w.expires),
            m(w.approver),
            m(w.justification),
            w.covers.map(code).join(', '),
          ]),
        ),
    '',
    '## Rules',
    '',
    table(
      ['rule', 'effect', 'status', 'the review says'],
      packet.rules.map((rule) => [code(rule.id), rule.effect, rule.status, m(rule.seed)]),
    ),
    '',
  );
  return out.join('\n');
}
