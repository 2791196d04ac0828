/**
 * @module checks/scan/sarif
 * Pure: a scan result as SARIF 2.1.0, one run, every rule listed with its help text; each result carries
 * `properties.traceable` and `properties.clause` so code-scanning tools and scripts can filter on them.
 */
import { SCAN_RULE_IDS, SCAN_RULES } from './rules.js';
import type { ScanResult } from './scan.js';

/** The schema OASIS publishes for SARIF 2.1.0 (errata 01). */
export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export function renderSarif(result: Pick<ScanResult, 'findings'>, version: string): Record<string, unknown> {
  const rules = SCAN_RULE_IDS.map((id) => {
    const rule = SCAN_RULES[id];
    return {
      id,
      name: id
        .split('-')
        .map((word) => word[0]!.toUpperCase() + word.slice(1))
        .join(''),
      shortDescription: { text: rule.title },
      fullDescription: { text: rule.title },
      help: { text: rule.help },
      defaultConfiguration: { level: rule.level },
      properties: { clause: rule.clause },
    };
  });
  const results = result.findings.map((finding) => {
    const rule = SCAN_RULES[finding.rule];
    const where = finding.clause ? ` (${finding.clause})` : '';
    const traced = finding.traceable ? 'traced by the ledger' : 'not traced by the ledger';
    return {
      ruleId: finding.rule,
      ruleIndex: SCAN_RULE_IDS.indexOf(finding.rule),
      level: rule.level === 'error' && finding.traceable ? 'note' : rule.level,
      message: { text: `${rule.title}${where}: ${finding.match}; ${traced}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(finding.file), uriBaseId: 'SRCROOT' },
            region: { startLine: finding.line, startColumn: finding.column },
          },
        },
      ],
      properties: { traceable: finding.traceable, clause: finding.clause },
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'chatproof',
            version,
            rules,
          },
        },
        originalUriBaseIds: { SRCROOT: { description: { text: 'The scanned folder.' } } },
        results,
      },
    ],
  };
}
