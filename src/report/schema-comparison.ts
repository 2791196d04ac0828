/**
 * @module report/schema-comparison
 * `packet.json.comparison`: the graded drift between an earlier stored review and this one, as
 * `chatproof diff` prints it. Every change names its kind, its grade and the rule that graded it.
 */
import { z } from 'zod';
import { JsonValueSchema } from '../contract/schema.js';

/** How much a change matters: `breaking` fails `chatproof diff`, `warning` and `info` do not. */
export const CHANGE_GRADES = ['breaking', 'warning', 'info'] as const;
export type ChangeGrade = (typeof CHANGE_GRADES)[number];

/** What changed, one name per kind of drift. */
export const CHANGE_KINDS = [
  'verdict',
  'response-field-added',
  'response-field-removed',
  'response-field-type',
  'response-field-presence',
  'response-field-nullability',
  'error-status',
  'error-envelope',
  'finding-class',
  'finding-added',
  'finding-removed',
  'audit-attempts',
  'audit-waits',
  'audit-rule',
  'latency',
  'model-id',
  'model-echo',
  'source-quote',
  'source-hash',
  'clause-added',
  'clause-removed',
  'clause-value',
  'clause-source',
  'clause-owner',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

const ReviewRefSchema = z.object({
  id: z.string().describe('Stored review id.'),
  generatedAt: z.string(),
  verdict: z.string(),
});

export const ChangeSchema = z.object({
  kind: z.enum(CHANGE_KINDS),
  grade: z.enum(CHANGE_GRADES),
  rule: z.string().describe('The rule that graded this change (see `chatproof diff --help`).'),
  subject: z.string().describe('What changed: a field path, a negative case, a scenario, a clause id.'),
  before: JsonValueSchema,
  after: JsonValueSchema,
  message: z.string(),
});

export const ComparisonSchema = z.object({
  base: ReviewRefSchema.describe('The earlier review.'),
  head: ReviewRefSchema.nullable().describe('The later review; null when it is this packet itself.'),
  summary: z.object({ breaking: z.number().int(), warning: z.number().int(), info: z.number().int() }),
  changes: z.array(ChangeSchema),
});

export type Change = z.infer<typeof ChangeSchema>;
export type Comparison = z.infer<typeof ComparisonSchema>;
