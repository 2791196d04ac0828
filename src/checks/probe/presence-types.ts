/**
 * @module checks/probe/presence-types
 * The shapes presence judgement speaks in, shared by the schema and the ledger readers.
 */

export type Presence = 'required' | 'optional' | 'unstated';

export interface FieldPresence {
  path: string;
  presence: Presence;
  nullable: boolean;
}

/** What one body has, judged for presence. Paths are normalized (`choices[].message.content`). */
export interface BodyPresence {
  basis: 'schema' | 'ledger';
  /** Documented fields the body has (an empty array is present). */
  present: string[];
  /** Documented fields the body lacks, each at the first level that is missing. */
  absent: FieldPresence[];
  /** Documented fields whose value is null. */
  nulls: FieldPresence[];
  /** Fields the body has that no document mentions (the first level only). */
  undocumented: string[];
  /** Documented containers that are not objects or arrays where the ledger's paths need one. */
  mistyped: string[];
}
