/**
 * @module contract/ids
 * How the clause table is written: `defineClauses` takes each clause once (id, the name checks read it by,
 * area, statement, placeholder, source, evidence kinds and value schema); `catalogue.ts` derives `ClauseId`,
 * `CLAUSE`, the catalogue and the value schemas from it, so no id is spelled twice.
 */
import type { z } from 'zod';
import type { Area } from './schema.js';

/** Ids of the three documentation sources the operator review names. */
export const SOURCE_IDS = {
  chatDocs: 'chat-api-docs',
  docsIndex: 'docs-index',
  helpCenter: 'help-center',
} as const;
export type SourceId = (typeof SOURCE_IDS)[keyof typeof SOURCE_IDS];

/** One clause of the table. */
export interface ClauseDefinition {
  /** The name checks read it by: `CLAUSE.baseUrl`. */
  key: string;
  /** The id the ledger, findings and waivers use: `endpoint.base-url`. */
  id: string;
  area: Area;
  statement: string;
  /** Placeholder written by `init`: an id, never a value (plain JSON). */
  placeholder: unknown;
  source: SourceId;
  basis?: 'contracted' | 'local';
  /** Evidence kinds the operator should collect (from the review's "implementation evidence" column). */
  evidence: readonly string[];
  /** The value once known; its output type is the clause's value type (`ClauseValue`). */
  value: z.ZodType;
}

/** A part of the clause table, its literal ids and names kept for the types derived from it. */
export function defineClauses<const T extends readonly ClauseDefinition[]>(clauses: T): T {
  return clauses;
}
