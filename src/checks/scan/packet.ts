/**
 * @module checks/scan/packet
 * A code scan as the review packet holds it (`review --repo`): its section (every finding, every location) and
 * the review findings under the check `scan`: an untraceable hard-coded endpoint, auth header or secret, and a
 * ledger location that does not hold its clause's value. Pure.
 */
import type { Finding } from '../../classify/index.js';
import { type Area, CATALOGUE, type Contract, clauseRef } from '../../contract/index.js';
import type { ScanSection } from '../../report/index.js';
import { SCAN_CHECK, type ScanCode } from './codes.js';
import type { LocationCheck } from './locations.js';
import { SCAN_RULES } from './rules.js';
import { type ScanFinding, type ScanResult, untraceable } from './scan.js';

/** The name of the SARIF file beside the packet. */
export const SCAN_SARIF_FILE = 'scan.sarif';

/** The review finding code of a ledger location that does not hold what the ledger says. */
export const LOCATION_NOT_FOUND: ScanCode = 'location-not-found';

/** A scan finding as `scan --format json` and the packet print it: the documented fields, nothing else. */
export function publicFinding({ rule, file, line, column, match, clause, traceable }: ScanFinding) {
  return { rule, file, line, column, match, clause, traceable };
}

/** The packet's `scan` section; `repo` is the folder as the user named it. */
export function scanSection(result: ScanResult, repo: string): ScanSection {
  const revision = result.revision ?? { kind: 'working-tree' as const };
  return {
    repo,
    files: result.files,
    revision: {
      kind: revision.kind,
      ...(revision.commit !== undefined ? { commit: revision.commit } : {}),
      ...(revision.note !== undefined ? { note: revision.note } : {}),
    },
    sarif: SCAN_SARIF_FILE,
    findings: result.findings.map(publicFinding),
    locations: result.locations.map(({ clause, location, status, repository, detail }) => ({
      clause,
      location,
      status,
      repository,
      detail,
    })),
  };
}

function areaOf(contract: Contract, id: string | null): Area {
  if (id === null) return 'endpoint';
  return contract.clause(id)?.area ?? CATALOGUE.find((entry) => entry.id === id)?.area ?? 'endpoint';
}

function hardCoded(contract: Contract, finding: ScanFinding): Finding {
  const rule = SCAN_RULES[finding.rule];
  const clause = finding.clause ?? rule.clause;
  const place = `${finding.file}:${finding.line}:${finding.column}`;
  return {
    class: 'documented-not-handled',
    check: SCAN_CHECK,
    area: areaOf(contract, clause),
    clause: clause === null ? null : clauseRef(clause),
    code: finding.rule,
    message: `${place}: ${rule.title} (${finding.match}); no implementation evidence of ${clause ?? 'a clause'} names this file and line`,
    evidence: {
      details: {
        rule: finding.rule,
        file: finding.file,
        line: finding.line,
        column: finding.column,
        match: finding.match,
      },
    },
  };
}

function notFound(contract: Contract, location: LocationCheck): Finding {
  return {
    class: 'documented-not-handled',
    check: SCAN_CHECK,
    area: areaOf(contract, location.clause),
    clause: clauseRef(location.clause),
    code: LOCATION_NOT_FOUND,
    message: `${location.clause} names ${location.location} as its implementation, which does not hold it: ${location.detail}`,
    evidence: { expected: location.location, observed: location.detail },
  };
}

/** Review findings: untraceable hard-coded endpoint, auth or secret literals, and locations not found. */
export function scanFindings(contract: Contract, result: ScanResult): Finding[] {
  return [
    ...untraceable(result.findings).map((finding) => hardCoded(contract, finding)),
    ...result.locations
      .filter((location) => location.status === 'not found')
      .map((location) => notFound(contract, location)),
  ];
}
