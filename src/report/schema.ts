/**
 * @module report/schema
 * The review packet, version 1: one zod definition gives the TypeScript type and the published JSON Schema
 * (`schema/packet.schema.json`). Every renderer reads this one document.
 */
import { z } from 'zod';
import { LOCATION_STATUSES } from '../checks/scan/locations.js';
import { FINDING_CLASSES } from '../classify/types.js';
import { AREAS, EVIDENCE_KINDS } from '../contract/index.js';
// The JSON value schema is not part of the contract's public surface; the packet reuses its definition.
import { JsonValueSchema } from '../contract/schema.js';
import { VERDICTS } from '../verdict/index.js';
import { QualifierSchema, TargetSchema } from './qualifier-schema.js';
import { ComparisonSchema } from './schema-comparison.js';
import { ExchangeSchema, RunLimitSchema } from './schema-exchange.js';
import { ScanSectionSchema } from './schema-scan.js';
import { TrafficSectionSchema } from './schema-traffic.js';

/** Bumped when a field changes meaning or disappears; adding a field keeps the version. */
export const PACKET_SCHEMA_VERSION = 1;

const area = z.enum(AREAS);
const nullableText = z.string().nullable();

const FindingEvidenceSchema = z.strictObject({
  exchange: ExchangeSchema.optional().describe(
    'The captured exchange, embedded (packets written before `exchanges`); now referenced by `exchangeRef`.',
  ),
  exchangeRef: z.string().optional().describe("Id of the captured exchange in the packet's `exchanges`."),
  reproducer: z.string().optional().describe('`curl` command with the secret shown as its reference.'),
  expected: JsonValueSchema.optional(),
  observed: JsonValueSchema.optional(),
  requestId: z.string().optional(),
  details: JsonValueSchema.optional(),
});

export const PacketFindingSchema = z.object({
  key: z.string().describe('`check:code`, the name waivers and reasons use.'),
  class: z.enum(FINDING_CLASSES),
  check: z.string(),
  area,
  clause: nullableText,
  clauses: z
    .array(z.string())
    .describe('Every clause the check judged with this observation, `clause` first.'),
  code: z.string(),
  message: z.string(),
  reason: z.string().optional().describe('Why a `not-run` check could not run.'),
  blockedBy: z
    .array(z.string())
    .optional()
    .describe('For a `not-run` finding: the pending or missing clauses that kept it from running.'),
  limit: RunLimitSchema.optional().describe(
    'For a `not-run` finding: the local limit that ended it (stall limit, run deadline, per-request timeout).',
  ),
  hint: z
    .string()
    .optional()
    .describe('For a `not-run` finding: what would let it run (a clause to fill, an option, a waiver).'),
  error: z
    .string()
    .optional()
    .describe(
      'For a `not-run` finding: the chatproof error code that kept it from running (`E_SECRET_REF`, …).',
    ),
  evidence: FindingEvidenceSchema,
  waivedBy: nullableText.describe('Target of the active waiver that covers this finding.'),
});

const RuleItemSchema = z.object({
  kind: z.enum(['clause', 'finding', 'area', 'review']),
  ref: z.string(),
  clause: nullableText.optional(),
  message: z.string(),
  pending: z.boolean().optional().describe('True for a clause nobody has filled in yet, not a wrong one.'),
  waivedBy: z.string().optional(),
  hint: z.string().optional().describe('What to change so this item no longer keeps its rule from holding.'),
});

const effect = z.enum(['required-for-pass', 'fail', 'escalate']);

export const ReasonSchema = z.object({
  rule: z.string(),
  effect,
  seed: z.string().describe('The operator review sentence this rule enforces.'),
  // Optional so packets written before they existed (kept in review history) still read and re-render.
  title: z.string().optional().describe("The rule's title."),
  outcome: z.enum(['met', 'not met', 'waived']).optional(),
  message: z.string().describe('Title, outcome and the first items as one sentence.'),
  clauses: z.array(z.string()),
  findings: z.array(z.string()),
  // Optional so packets written before the route to a pass was recorded still read.
  hints: z
    .array(z.string())
    .optional()
    .describe('For a rule not met: what to change to meet it (clauses to fill, options, waivers).'),
});

const RuleSchema = z.object({
  id: z.string(),
  title: z.string(),
  effect,
  seed: z.string(),
  status: z.enum(['satisfied', 'violated', 'waived']),
  items: z.array(RuleItemSchema),
});

export const VALIDATION_STATUSES = [
  'validated',
  'validated-outside',
  'observed',
  'failed',
  'discrepancy',
  'not-run',
  'unvalidated',
  'pending',
] as const;

const ClauseRowSchema = z.object({
  id: z.string(),
  area,
  statement: z.string(),
  value: JsonValueSchema,
  pending: z.boolean(),
  pendingFields: z
    .array(z.string())
    .describe(
      'Fields besides the value still to fill: placeholders, or a quote that quotes nothing (`n/a`).',
    ),
  basis: z.enum(['contracted', 'local']).nullable(),
  source: z
    .object({ title: nullableText, url: nullableText, accessed: nullableText, quote: nullableText })
    .nullable(),
  implementation: z.array(
    z.object({
      kind: z.enum(EVIDENCE_KINDS),
      location: z.string(),
      note: z.string().optional(),
      // Optional so packets written before the code scan existed still read.
      status: z
        .enum(LOCATION_STATUSES)
        .optional()
        .describe('What the code scan (`review --repo`) found at the location; `not checked` without it.'),
      detail: z.string().optional().describe('What was checked at the location, or why not.'),
    }),
  ),
  owner: nullableText,
  validation: z.object({
    status: z.enum(VALIDATION_STATUSES),
    findings: z.array(z.string()),
    // Optional so packets written before it existed still read.
    why: z
      .string()
      .optional()
      .describe(
        'For an `unvalidated` clause: which check judges it and when, so a reader knows what would close it.',
      ),
  }),
  waivedBy: nullableText,
});

export const EVIDENCE_STATUSES = ['done', 'failed', 'not-run', 'pending'] as const;

const EvidenceRowSchema = z.object({
  id: z.string(),
  item: z.string(),
  required: z.string(),
  status: z.enum(EVIDENCE_STATUSES),
  detail: z.string(),
});

export const CHECK_STATUSES = ['passed', 'failed', 'escalated', 'not-run'] as const;

const CheckSchema = z.object({
  name: z.string(),
  area,
  status: z.enum(CHECK_STATUSES),
  findings: z.array(z.string()),
  durationMs: z.number().nullable().describe('Longest exchange of the check, when it made one.'),
  firstByteMs: z.number().nullable(),
});

const AuditScenarioSchema = z.object({
  name: z.string(),
  attempts: z.number().int(),
  delaysMs: z.array(z.number()),
  exitCode: z.number().int().nullable(),
  class: z.enum(FINDING_CLASSES),
  rules: z.array(
    z.object({
      id: z.string(),
      ok: z.boolean(),
      message: z.string().optional(),
      source: z
        .object({ kind: z.enum(['seed', 'ledger', 'provider']), ref: z.string(), quote: z.string() })
        .optional()
        .describe(
          'What the rule rests on: a section of the operator review, a ledger clause (its id), or a provider document.',
        ),
    }),
  ),
});

const RunbookLineSchema = z.object({
  id: z.string(),
  text: z.string().describe('The runbook sentence, with the value filled in or a visible TODO.'),
  value: nullableText,
  todo: z.boolean(),
});

const EscalationSchema = z.object({
  finding: z.string(),
  title: z.string(),
  supportPath: nullableText,
  documented: z.string(),
  observed: z.string(),
  requestIds: z.array(z.string()),
  timestamps: z.array(z.string()),
  reproducer: nullableText,
  body: z.string().describe('The draft message to send through the support path.'),
});

const WaiverSchema = z.object({
  target: z.string(),
  justification: z.string(),
  approver: z.string(),
  expires: z.string(),
  state: z.enum(['active', 'expired']),
  covers: z.array(z.string()),
});

export const PacketSchema = z
  .object({
    schemaVersion: z.literal(PACKET_SCHEMA_VERSION),
    generator: z.object({ name: z.literal('chatproof'), version: z.string() }),
    generatedAt: z.string().describe('ISO time the packet was written.'),
    incomplete: z
      .boolean()
      .describe('True when the review was interrupted; an incomplete review never passes.'),
    verdict: z.enum(VERDICTS),
    headline: z
      .string()
      .describe(
        'The verdict line every renderer shows first: review id, verdict, and what the verdict does not cover.',
      ),
    target: TargetSchema,
    qualifiers: z
      .array(QualifierSchema)
      .describe('What the verdict does not cover, shown next to it wherever it appears.'),
    exitCode: z.number().int(),
    reasons: z.array(ReasonSchema),
    rules: z.array(RuleSchema),
    review: z.object({
      id: z.string(),
      application: z.string(),
      environment: z.string(),
      owner: z.string(),
      deployVersion: z.string(),
      configSource: z.string(),
      docsReviewedOn: z.string(),
      reviewer: z.string(),
      captures: z.array(z.string()),
      ledgerFile: nullableText,
      target: z.object({
        baseUrl: nullableText,
        chatPath: nullableText,
        authHeader: nullableText,
        keyRef: nullableText,
      }),
      overrides: z.array(z.object({ field: z.string(), value: z.string() })),
    }),
    clauses: z.array(ClauseRowSchema),
    evidenceLedger: z.array(EvidenceRowSchema),
    checks: z.array(CheckSchema),
    findings: z.array(PacketFindingSchema),
    audit: z.object({ command: z.array(z.string()), scenarios: z.array(AuditScenarioSchema) }).optional(),
    runbook: z.array(RunbookLineSchema),
    escalations: z.array(EscalationSchema),
    waivers: z.array(WaiverSchema),
    traffic: TrafficSectionSchema.optional().describe(
      'The production traffic audit (`review --traffic`): record counts, finding counts, model ids used.',
    ),
    exchanges: z
      .record(z.string(), ExchangeSchema)
      .optional()
      .describe('Each captured exchange once, by id; findings name theirs in `evidence.exchangeRef`.'),
    limits: z
      .strictObject({
        stallMs: z
          .number()
          .describe("The stall limit in force: the longest silence after an answer's headers."),
        deadlineMs: z
          .number()
          .nullable()
          .describe('The run deadline (`--deadline`), or null when none was set.'),
        fired: z
          .array(
            z.strictObject({
              kind: z.enum(['stall', 'deadline']),
              ms: z.number(),
              check: z.string(),
              clause: nullableText,
              finding: z.string().describe('Key of the not-run finding it ended.'),
            }),
          )
          .describe('Each time the stall limit or the run deadline ended a check.'),
      })
      .optional()
      .describe('The local limits of the run and where they fired (absent in packets written before them).'),
    scan: ScanSectionSchema.optional().describe(
      'The code scan of the service repository (`review --repo`): findings and verified locations.',
    ),
    comparison: ComparisonSchema.optional().describe(
      'Graded drift from an earlier stored review (`review --compare`), as `chatproof diff` reports it.',
    ),
  })
  .describe('chatproof review packet: the verdict, its reasons, and the evidence behind them.');

export type Packet = z.infer<typeof PacketSchema>;
export type PacketFinding = z.infer<typeof PacketFindingSchema>;
export type ClauseRow = Packet['clauses'][number];
export type EvidenceRow = Packet['evidenceLedger'][number];
export type CheckRow = Packet['checks'][number];
export type RunbookLine = Packet['runbook'][number];
export type EscalationDraft = Packet['escalations'][number];
export type { Qualifier, QualifierId, Target, TargetKind } from './qualifier-schema.js';

/** The JSON Schema of `packet.json`, as published in `schema/packet.schema.json`. */
export function packetJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(PacketSchema, { target: 'draft-2020-12', io: 'output' }) as Record<
    string,
    unknown
  >;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://chatproof.dev/schema/packet-v${PACKET_SCHEMA_VERSION}.json`,
    title: `chatproof review packet, version ${PACKET_SCHEMA_VERSION}`,
    ...schema,
  };
}
