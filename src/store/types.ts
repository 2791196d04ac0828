/**
 * @module store/types
 * The review history behind one interface, whatever the engine: SQLite by default, PostgreSQL for a team.
 * A stored review is immutable: written whole in one transaction, never updated, never deleted.
 */
import type { FindingClass } from '../classify/types.js';

export type StoreEngine = 'sqlite' | 'postgres';

/** What `put` needs: the packet exactly as written, the ledger it judged, the tool and the timings. */
export interface ReviewInput {
  /** The bytes of `packet.json` as written to the packet folder; `report --format json` gives them back. */
  packetJson: string;
  ledger: { file: string | null; text: string } | null;
  toolVersion: string;
  startedAt: string;
  finishedAt: string;
}

/** One row of `chatproof history`. */
export interface ReviewSummary {
  /** Store id, e.g. `20261202T063414Z-9f3a1c`: sortable, unique across machines. */
  id: string;
  storedAt: string;
  generatedAt: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** The review record's incident or change id. */
  incident: string;
  application: string;
  environment: string;
  owner: string;
  deployVersion: string;
  verdict: string;
  exitCode: number;
  incomplete: boolean;
  qualifiers: string[];
  /** The URL the review contacted. */
  target: string | null;
  targetKind: string | null;
  toolVersion: string;
  packetSchema: number;
  packetHash: string;
  ledgerHash: string | null;
  ledgerFile: string | null;
  findings: Partial<Record<FindingClass, number>>;
}

/** A stored review in full: its summary, the packet bytes and the ledger text. */
export interface StoredReview extends ReviewSummary {
  packetJson: string;
  ledgerText: string | null;
}

/** `chatproof history` filters; every one optional, all of them must hold. */
export interface HistoryFilter {
  application?: string;
  environment?: string;
  incident?: string;
  verdict?: string;
  /** ISO date or time; reviews generated at or after it. */
  since?: string;
  /** ISO date or time; reviews generated at or before it (a date includes that whole day). */
  until?: string;
  target?: string;
  limit?: number;
}

export interface ReviewStore {
  readonly engine: StoreEngine;
  /** Where the store is, safe to print: a file path, or a URL without its password. */
  readonly location: string;
  /** Stores one review whole, in one transaction. */
  put(input: ReviewInput): Promise<ReviewSummary>;
  /** Newest first. */
  history(filter?: HistoryFilter): Promise<ReviewSummary[]>;
  get(id: string): Promise<StoredReview | undefined>;
  /** `last`, `previous`, `last~N`, an id or an unambiguous id prefix, among reviews matching `filter`. */
  resolve(ref: string, filter?: HistoryFilter): Promise<StoredReview>;
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}
