/**
 * @module contract/catalogue
 * The clause table, joined: every clause the operator review names, in the order the review lists areas. From it
 * come the `ClauseId` union, `CLAUSE` (ids by name), the catalogue `init` writes (placeholders only, no provider
 * value) and each value's schema (`values.ts`).
 */
import { OPERATION_CLAUSES } from './catalogue-operations.js';
import { REQUEST_CLAUSES } from './catalogue-request.js';
import { RESPONSE_CLAUSES } from './catalogue-response.js';
import { SOURCE_IDS, type SourceId } from './ids.js';
import type { Area, JsonValue } from './schema.js';

export { SOURCE_IDS };

/** The whole table, in review order. */
export const CLAUSES = [...REQUEST_CLAUSES, ...RESPONSE_CLAUSES, ...OPERATION_CLAUSES] as const;

type Definition = (typeof CLAUSES)[number];

/** Every clause id the catalogue knows: a literal union, so a misspelt or renamed id is a compile error. */
export type ClauseId = Definition['id'];

/** Clause ids by name, so checks never spell an id twice. */
export const CLAUSE = Object.fromEntries(CLAUSES.map((clause) => [clause.key, clause.id])) as {
  readonly [D in Definition as D['key']]: D['id'];
};

/** One clause the catalogue lists: its id, area, statement and the placeholder `init` writes. */
export interface CatalogueEntry {
  id: ClauseId;
  area: Area;
  statement: string;
  /** Placeholder written by `init`: an id, never a value. */
  placeholder: JsonValue;
  source: SourceId;
  basis?: 'contracted' | 'local';
  /** Evidence kinds the operator should collect (from the review's "implementation evidence" column). */
  evidence: readonly string[];
}

/** The full catalogue, in the order the review lists areas. */
export const CATALOGUE: readonly CatalogueEntry[] = CLAUSES.map(
  ({ key: _key, value: _value, ...entry }) => entry as CatalogueEntry,
);

declare const custom: unique symbol;
/**
 * A ledger's own clause id, outside the catalogue (`errors.rate-limit-eu`). Branded so a plain string never
 * passes for a clause id: a literal must be a catalogue `ClauseId` (renaming one breaks the build where it is
 * used), and an id read from a ledger becomes a `ClauseRef` through `clauseRef`.
 */
export type CustomClauseId = string & { readonly [custom]: true };

/** What a finding names as its clause: a catalogue id, or a ledger's own. */
export type ClauseRef = ClauseId | CustomClauseId;

/** `id` as a clause reference: the catalogue's id when it is one, else the ledger's own. */
export function clauseRef(id: string): ClauseRef {
  return id as ClauseRef;
}
