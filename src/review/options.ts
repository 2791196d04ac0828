/**
 * @module review/options
 * What `review()` takes and returns: the library's and the CLI's one description of a review run.
 */
import type { Clock } from '../clock.js';
import type { LedgerInput } from '../contract/index.js';
import type { Comparison, Packet } from '../report/index.js';
import type { Verdict } from '../verdict/index.js';
import type { ProgressEvent } from './progress.js';
import type { ReviewRunners } from './runners.js';

export interface ReviewOptions {
  /**
   * Ledger file, relative to `cwd`; or a ledger object, validated exactly as a file's contents would be (its
   * problems are reported against `<in-memory ledger>`).
   */
  ledger: string | LedgerInput;
  cwd?: string;
  /** Packet folder; by default a new `chatproof-review-<timestamp>` folder in `cwd`. */
  out?: string;
  /** Replace the packet an earlier review left in `out` (never another kind of run's files). */
  force?: boolean;
  /** Files this run already wrote into `out` (the demo's ledger): not an earlier run's. */
  ownFiles?: readonly string[];
  baseUrl?: string;
  keyRef?: string;
  /** Stall limit for the probe and negative requests (`--stall-ms`). */
  stallMs?: number;
  /** Run deadline in ms (`--deadline`): checks not reached by then are `not-run`, and the packet is still written. */
  deadlineMs?: number;
  /** Incident or change id; replaces the ledger's review id for this run. */
  incident?: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  now?: Clock;
  onProgress?: (event: ProgressEvent) => void;
  /** How often a request (probe, negative suite, client audit) still without an answer is reported; 5 s. */
  waitingNoticeMs?: number;
  runners?: Partial<ReviewRunners>;
  /** Tool version recorded in the packet; by default the one in package.json. */
  version?: string;
  /** Run the client audit against the embedded simulator, which accepts this key (the demo, `--simulator`). */
  simulatorKey?: string;
  /**
   * The checks run against the embedded simulator with this profile (`review --simulator`, the demo): the
   * packet records a rehearsal, never a review of the ledger's target.
   */
  simulatorProfile?: string;
  /** Fetch every cited source and check its quoted passage (documentation drift). Needs the network. */
  checkSources?: boolean;
  /**
   * The service's repository (`review --repo`): scanned for hard-coded contract values, and every ledger
   * implementation location checked in it (at the deploy version's commit when it is a git repository).
   */
  repo?: string;
  /** Captured traffic (HAR, JSON Lines) to judge exchange by exchange; its section goes into the packet. */
  traffic?: readonly string[];
  /** Graded drift from an earlier review, put into the packet as `comparison` (`review --compare`). */
  compare?: (packet: Packet) => Promise<Comparison | undefined>;
  /** Write the packet folder (default true). With false nothing is written: the packet is only returned. */
  write?: boolean;
}

export interface ReviewResult {
  verdict: Verdict;
  /** 0 pass, 1 fail, 2 escalate; 130 when interrupted (143 after SIGTERM). */
  exitCode: number;
  incomplete: boolean;
  packet: Packet;
  /** Where the packet was written (with `write: false`, where it would have been). */
  packetDir: string;
  /** The files written; empty with `write: false`. */
  files: string[];
  /** When the review began (ISO time); the packet's `generatedAt` is when it ended. */
  startedAt: string;
}
