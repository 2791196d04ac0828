/**
 * @module report/schema-scan
 * `packet.json.scan`: the code scan of the service's repository (`review --repo`): every finding with its rule,
 * place, redacted text, clause and traceability, and every ledger implementation location with its status. The
 * same findings are written as SARIF beside the packet (`scan.sarif`).
 */
import { z } from 'zod';
import { LOCATION_STATUSES } from '../checks/scan/locations.js';
import { SCAN_RULE_IDS } from '../checks/scan/rules.js';

export const ScanSectionSchema = z.object({
  repo: z.string().describe('The scanned folder, as given to `--repo`.'),
  files: z.number().int().describe('Files the scan read.'),
  revision: z
    .object({
      kind: z.enum(['commit', 'working-tree']),
      commit: z.string().optional(),
      note: z.string().optional(),
    })
    .describe('Where the location check read file contents: the deploy version commit, or the working tree.'),
  sarif: z.string().describe('The SARIF 2.1.0 file beside the packet.'),
  findings: z.array(
    z.object({
      rule: z.enum(SCAN_RULE_IDS),
      file: z.string().describe('Relative to the scanned folder, `/` separators.'),
      line: z.number().int(),
      column: z.number().int(),
      match: z.string().describe('The matched text, redacted; a secret is never shown.'),
      clause: z.string().nullable(),
      traceable: z
        .boolean()
        .describe("True when the clause's implementation evidence names this file and line."),
    }),
  ),
  locations: z.array(
    z.object({
      clause: z.string(),
      location: z.string(),
      status: z.enum(LOCATION_STATUSES),
      repository: z.boolean().describe('True when the location names a file of the repository.'),
      detail: z.string(),
    }),
  ),
});

export type ScanSection = z.infer<typeof ScanSectionSchema>;
export type ScanSectionFinding = ScanSection['findings'][number];
export type ScanSectionLocation = ScanSection['locations'][number];
