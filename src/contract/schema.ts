/**
 * @module contract/schema
 * The ledger format, version 1. One definition gives both the TypeScript types and the published JSON Schema
 * (`schema/ledger.schema.json`), so the two cannot drift apart.
 */
import { z } from 'zod';

export const AREAS = [
  'endpoint',
  'auth',
  'request',
  'response',
  'errors',
  'limits-billing',
  'support',
] as const;
/** The seven contract areas of the operator review. */
export type Area = (typeof AREAS)[number];

export const EVIDENCE_KINDS = ['config', 'code', 'test', 'dashboard', 'runbook', 'alert'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

const text = z.string().min(1);
/** True for a real calendar day written `YYYY-MM-DD` (no 2026-13-45, no 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

/** A calendar date `YYYY-MM-DD`, or a placeholder while unknown. */
const dateOrPlaceholder = z
  .string()
  .regex(/^(\d{4}-\d{2}-\d{2}|<[A-Z][A-Z0-9_]*>)$/, 'expected a date YYYY-MM-DD or a <PLACEHOLDER>')
  .refine((text) => text.startsWith('<') || isCalendarDate(text), 'not a calendar date');

/** A documentation source: where a clause's value is written down. */
export const SourceSchema = z
  .strictObject({
    ref: text
      .optional()
      .describe('Id of an entry in the top-level `sources` map; its fields fill the blanks.'),
    title: text.optional(),
    url: text.optional().describe('URL or file path of the document.'),
    accessed: dateOrPlaceholder.optional().describe('Date the source was read (YYYY-MM-DD).'),
    quote: text.optional().describe('The passage that supports the value, quoted exactly.'),
    pointer: z
      .string()
      .optional()
      .describe('JSON pointer into a machine-readable source (OpenAPI), e.g. `#/components/schemas/Error`.'),
    contentHash: text
      .optional()
      .describe(
        'sha256 of the source when it was last checked (of the node at `pointer`, when there is one).',
      ),
  })
  .describe('Where the value is documented.');
export type Source = z.infer<typeof SourceSchema>;

/** A named document the clauses cite (`sources.<id>`). */
export const NamedSourceSchema = z.strictObject({
  title: text,
  url: text,
  accessed: dateOrPlaceholder.optional(),
  purpose: text.optional(),
});
export type NamedSource = z.infer<typeof NamedSourceSchema>;

export const EvidenceSchema = z
  .strictObject({
    kind: z.enum(EVIDENCE_KINDS),
    location: text.describe('Config key, `file:line`, test name, dashboard or runbook link.'),
    note: text.optional(),
  })
  .describe('Where the implementation handles this clause.');
export type Evidence = z.infer<typeof EvidenceSchema>;

/** Any JSON value: clause values are typed by the clause catalogue, not by the file format. */
export const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(JsonValueSchema),
    z.record(z.string(), JsonValueSchema),
  ]),
);
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export const ClauseSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/, 'expected a dotted id such as `endpoint.chat-path`'),
  area: z.enum(AREAS),
  statement: text.describe('The production assumption, in one sentence.'),
  value: JsonValueSchema.describe('The value, or a <PLACEHOLDER> while it is unverified.'),
  basis: z
    .enum(['contracted', 'local'])
    .optional()
    .describe(
      'For numbers: `contracted` needs a cited source; `local` is tuned by the team and needs an owner.',
    ),
  source: SourceSchema.optional(),
  implementation: z.array(EvidenceSchema).default([]),
  owner: text.optional(),
  validated: z
    .strictObject({ on: dateOrPlaceholder, evidence: text })
    .optional()
    .describe('Marks the value as validated outside chatproof (e.g. a model id), with the evidence.'),
  schema: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('JSON Schema the value came with (from OpenAPI), kept for validating observations.'),
  notes: text.optional(),
});
export type Clause = z.infer<typeof ClauseSchema>;

export const WaiverSchema = z.strictObject({
  target: text.describe('A clause id or a finding code (`check:code`).'),
  justification: text,
  approver: text,
  expires: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
    .refine(isCalendarDate, 'not a calendar date'),
});
export type Waiver = z.infer<typeof WaiverSchema>;

export const ReviewRecordSchema = z
  .strictObject({
    id: text.describe('Incident or change id, e.g. INC-123.'),
    application: text,
    environment: text,
    owner: text.describe('Integration owner (team or person).'),
    deployVersion: text.describe('Deploy version or commit SHA.'),
    configSource: text.describe('Where the base URL and path are configured.'),
    docsReviewedOn: dateOrPlaceholder,
    reviewer: text,
    captures: z.array(text).default([]).describe('Links to sanitized request and response captures.'),
  })
  .describe('The review record of the operator review, step 1.');
export type ReviewRecord = z.infer<typeof ReviewRecordSchema>;

export const AuditSchema = z
  .strictObject({
    command: z.array(text).min(1).optional().describe('The client command to audit, as argv.'),
    timeoutMs: z.number().int().positive().optional(),
    cwd: text
      .optional()
      .describe(
        "Folder the command runs in, relative to the ledger's folder (by default the ledger's folder).",
      ),
  })
  .describe('How `chatproof review` runs the client audit.');

export const LedgerSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(1),
    review: ReviewRecordSchema,
    sources: z.record(z.string(), NamedSourceSchema).default({}),
    clauses: z.array(ClauseSchema),
    waivers: z.array(WaiverSchema).default([]),
    audit: AuditSchema.optional(),
  })
  .describe('chatproof ledger: every production assumption of a chat-completions integration.');
export type Ledger = z.infer<typeof LedgerSchema>;
export type LedgerInput = z.input<typeof LedgerSchema>;

/** The JSON Schema of the ledger, as published in `schema/ledger.schema.json`. */
export function ledgerJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(LedgerSchema, { target: 'draft-2020-12', io: 'input' }) as Record<
    string,
    unknown
  >;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://chatproof.dev/schema/ledger-v1.json',
    title: 'chatproof ledger, version 1',
    ...schema,
  };
}
