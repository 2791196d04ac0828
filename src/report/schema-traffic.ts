/**
 * @module report/schema-traffic
 * `packet.json.traffic`: the production traffic audit (`review --traffic`): how many captured exchanges were
 * judged or skipped and why, each finding's count over the capture, and the model ids the requests used. The
 * findings themselves, with their redacted first example, are in `findings[]` under the check `traffic:<clause>`.
 */
import { z } from 'zod';
import { FINDING_CLASSES } from '../classify/types.js';

export const TrafficSectionSchema = z.object({
  files: z.array(z.string()),
  records: z.object({
    total: z.number().int(),
    judged: z.number().int(),
    skipped: z.record(z.string(), z.number().int()).describe('Records never judged, by reason.'),
  }),
  findings: z.array(
    z.object({
      class: z.enum(FINDING_CLASSES),
      clause: z.string().nullable(),
      code: z.string(),
      count: z.number().int().describe('Exchanges that showed it (each counted once).'),
      first: z.string().describe('Where the first of them sits: `file:line` or `file#entries[i]`.'),
    }),
  ),
  models: z.array(
    z.object({
      id: z.string(),
      exchanges: z.number().int(),
      inLedger: z.boolean(),
      validation: z.enum(['ledger-validated', 'models-endpoint', 'not-validated']),
    }),
  ),
});

export type TrafficSection = z.infer<typeof TrafficSectionSchema>;
