/**
 * @module report/qualifier-schema
 * The packet's target and qualifier fields as zod schemas: the part of the packet schema the qualifier
 * derivation (report/qualifiers) also needs, apart so neither imports the other back.
 */
import { z } from 'zod';

/** Every qualifier a verdict can carry, in the order they are shown. */
export const QUALIFIER_IDS = [
  'rehearsal',
  'incomplete',
  'overrides',
  'sources-not-rechecked',
  'waived',
  'implementation-not-verified',
] as const;
export type QualifierId = (typeof QUALIFIER_IDS)[number];

export const QualifierSchema = z.object({
  id: z.enum(QUALIFIER_IDS),
  text: z.string().describe('One short sentence shown next to the verdict.'),
  count: z.number().int().optional().describe('How many items it concerns (waived items, overrides).'),
  expires: z.string().optional().describe('The earliest expiry date of the waivers in force (`waived`).'),
});
export type Qualifier = z.infer<typeof QualifierSchema>;

export const TARGET_KINDS = ['ledger', 'override', 'simulator'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export const TargetSchema = z
  .object({
    kind: z.enum(TARGET_KINDS),
    url: z.string().nullable().describe('The base URL the checks contacted; null when none was known.'),
    ledgerUrl: z.string().nullable().describe("The ledger's own base URL (`endpoint.base-url`)."),
    label: z.string().describe('What was contacted, in words: the ledger target, an override, a simulator.'),
  })
  .describe('What this run contacted. Anything but `ledger` is a rehearsal for the ledger target.');
export type Target = z.infer<typeof TargetSchema>;
