/**
 * @module report/runbook
 * The runbook section of the review's operator notes, filled from the ledger, and an escalation draft for each
 * discrepancy. A value still pending shows as a visible TODO, never as a guess.
 */
import { CLAUSE, type Contract, isPlaceholder, SOURCE_IDS } from '../contract/index.js';
import type { EscalationDraft, PacketFinding, RunbookLine } from './schema.js';
import { plainQuote, valueText } from './text.js';

const TODO = (what: string) => `TODO: ${what}`;

function stringValue(contract: Contract, id: string): string | null {
  const value = contract.known(id);
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function docsSource(contract: Contract): string | null {
  const named = contract.ledger.sources[SOURCE_IDS.chatDocs];
  if (!named || isPlaceholder(named.url)) return null;
  const accessed = named.accessed && !isPlaceholder(named.accessed) ? `, accessed ${named.accessed}` : '';
  return `${named.title} (${named.url}${accessed})`;
}

/** The operator notes, sentence by sentence, as the review words them. */
export function runbookLines(contract: Contract): RunbookLine[] {
  const line = (id: string, value: string | null, sentence: (v: string) => string, todo: string) => ({
    id,
    text: sentence(value ?? TODO(todo)),
    value,
    todo: value === null,
  });
  return [
    line(
      CLAUSE.contractOwner,
      stringValue(contract, CLAUSE.contractOwner),
      (v) => `The chat contract owner is: ${v}.`,
      `name the team or person (${CLAUSE.contractOwner})`,
    ),
    line(
      'documentation-source',
      docsSource(contract),
      (v) => `The verified documentation source is: ${v}.`,
      `link the chat API documentation and its access date (sources.${SOURCE_IDS.chatDocs})`,
    ),
    line(
      CLAUSE.configLocation,
      stringValue(contract, CLAUSE.configLocation),
      (v) => `The current endpoint and auth details are stored in: ${v}.`,
      `name the config location (${CLAUSE.configLocation})`,
    ),
    line(
      CLAUSE.fixturePath,
      stringValue(contract, CLAUSE.fixturePath),
      (v) => `The latest contract test fixture is stored in: ${v}.`,
      `name the fixture path (${CLAUSE.fixturePath})`,
    ),
    line(
      CLAUSE.escalationPath,
      stringValue(contract, CLAUSE.escalationPath),
      (v) => `If behavior differs from documentation, open: ${v}.`,
      `verify the support path from the help center (${CLAUSE.escalationPath})`,
    ),
    {
      id: 'fallback-thresholds',
      text: 'Do not change fallback thresholds during an incident without recording the reason.',
      value: null,
      todo: false,
    },
  ];
}

const show = (value: unknown): string => (value === undefined ? 'not recorded' : valueText(value));

/** One draft per discrepancy (an `unexpected` finding), ready to send through the documented support path. */
export function escalationDrafts(contract: Contract, findings: readonly PacketFinding[]): EscalationDraft[] {
  const supportPath = stringValue(contract, CLAUSE.escalationPath);
  return findings
    .filter((finding) => finding.class === 'unexpected')
    .map((finding) => {
      const clause = finding.clause ? contract.clause(finding.clause) : undefined;
      const source = clause?.resolvedSource;
      const cited = source?.url
        ? ` (${source.title ?? 'source'}: ${source.url}${source.quote ? `, "${plainQuote(source.quote)}"` : ''})`
        : '';
      const documented = `${show(finding.evidence.expected ?? clause?.value)}${cited}`;
      const observed = show(finding.evidence.observed);
      const exchange = finding.evidence.exchange;
      const requestIds = [
        ...new Set([finding.evidence.requestId, exchange?.requestId].filter((id): id is string => !!id)),
      ];
      const timestamps = exchange ? [exchange.startedAt] : [];
      const reproducer = finding.evidence.reproducer ?? null;
      const title = `Contract discrepancy: ${finding.clause ?? finding.area} (${finding.check}: ${finding.code})`;
      const body = [
        title,
        '',
        `What we observed: ${finding.message}`,
        `Documented: ${documented}`,
        `Observed: ${observed}`,
        `Request ids: ${requestIds.join(', ') || 'none returned'}`,
        `Timestamps: ${timestamps.join(', ') || 'not recorded'}`,
        reproducer
          ? `Reproducer (the key is shown as its reference):\n${reproducer}`
          : 'Reproducer: not recorded',
        '',
        `Send to: ${supportPath ?? TODO(`verify the support path (${CLAUSE.escalationPath})`)}`,
      ].join('\n');
      return {
        finding: finding.key,
        title,
        supportPath,
        documented,
        observed,
        requestIds,
        timestamps,
        reproducer,
        body,
      };
    });
}
