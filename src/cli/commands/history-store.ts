/**
 * The review history as the commands use it: which store (`--store`, `CHATPROOF_STORE`, or
 * `.chatproof/history.db` beside the ledger), `--no-store`, and storing a finished review.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { diffPackets } from '../../diff/index.js';
import { ChatproofError } from '../../errors.js';
import { type Comparison, type Packet, renderJson } from '../../report/index.js';
import type { ReviewResult } from '../../review/index.js';
import {
  describeStore,
  type HistoryFilter,
  openStore,
  type ReviewStore,
  type StoredReview,
  storeTarget,
} from '../../store/index.js';
import type { CommandContext } from '../context.js';

/** The store target for a command, or null with `--no-store` (commander sets `store: false`). */
export function chosenStore(
  options: Record<string, unknown>,
  context: CommandContext,
  ledger?: string,
): string | null {
  if (options.store === false) return null;
  return storeTarget({
    store: typeof options.store === 'string' ? options.store : undefined,
    env: context.env,
    cwd: context.cwd,
    ledger: ledger ?? (typeof options.ledger === 'string' ? options.ledger : undefined),
  });
}

/** Opens the store a read command names; `--no-store` makes no sense there. */
export async function openChosenStore(
  options: Record<string, unknown>,
  context: CommandContext,
): Promise<ReviewStore> {
  const target = chosenStore(options, context);
  if (target === null) throw new ChatproofError('E_USAGE', '--no-store: this command reads the history');
  // Reading never creates a history: a mistyped --store would otherwise become an empty database.
  return openStore(target, { existing: true });
}

/** History filters from command options. */
export function historyFilter(options: Record<string, unknown>): HistoryFilter {
  const filter: HistoryFilter = {};
  for (const key of [
    'application',
    'environment',
    'incident',
    'verdict',
    'since',
    'until',
    'target',
  ] as const) {
    const value = options[key];
    if (typeof value === 'string') filter[key] = value;
  }
  if (typeof options.limit === 'number') filter.limit = options.limit;
  return filter;
}

export function refOf(review: StoredReview) {
  return { id: review.id, generatedAt: review.generatedAt, verdict: review.verdict };
}

const RELATIVE = /^(?:last(?:~\d+)?|previous)$/;

/**
 * `review --compare <ref>`. An id is looked up at once, before any check runs, so a typo costs nothing. `last`
 * and its kin count the reviews of the same application and environment, known once the packet is built; when
 * there is none yet (a first review) the packet has no comparison and stderr says why.
 */
export async function compareWith(
  store: ReviewStore,
  ref: string,
  context: CommandContext,
): Promise<(packet: Packet) => Promise<Comparison | undefined>> {
  const fixed = RELATIVE.test(ref) ? undefined : await store.resolve(ref);
  return async (packet) => {
    let base = fixed;
    if (!base) {
      try {
        base = await store.resolve(ref, {
          application: packet.review.application,
          environment: packet.review.environment,
        });
      } catch (error) {
        if (!(error instanceof ChatproofError) || error.code !== 'E_REVIEW_NOT_FOUND') throw error;
        context.stderr.write(`compare: nothing to compare with: ${error.message}\n`);
        return undefined;
      }
    }
    return diffPackets(
      { ref: refOf(base), packet: JSON.parse(base.packetJson) as Packet },
      { ref: null, packet },
    );
  };
}

/**
 * Stores a finished review (the packet bytes as written, the ledger text) and says where on stderr. A store
 * that cannot be written is an error naming the packet folder, which is already complete on disk.
 */
export async function storeResult(
  target: string,
  opened: ReviewStore | undefined,
  result: ReviewResult,
  ledgerFile: string,
  version: string,
  context: CommandContext,
): Promise<string> {
  const ledgerPath = resolve(context.cwd, ledgerFile);
  let store = opened;
  try {
    store ??= await openStore(target);
    // The bytes as written; a review run without writing its folder stores the packet as it would have written it.
    const packetJson =
      result.files.length > 0
        ? await readFile(join(result.packetDir, 'packet.json'), 'utf8')
        : renderJson(result.packet);
    const ledgerText = await readFile(ledgerPath, 'utf8').catch(() => null);
    const stored = await store.put({
      packetJson,
      ledger: ledgerText === null ? null : { file: ledgerPath, text: ledgerText },
      toolVersion: version,
      startedAt: result.startedAt,
      finishedAt: result.packet.generatedAt,
    });
    if (!context.quiet) context.stderr.write(`stored as ${stored.id} in ${store.location}\n`);
    return stored.id;
  } catch (error) {
    if (!(error instanceof ChatproofError)) throw error;
    throw new ChatproofError(
      error.code === 'E_STORE_UNWRITABLE' ? 'E_STORE_UNWRITABLE' : error.code,
      `the review was not stored: ${error.message.startsWith(describeStore(target)) ? '' : `${describeStore(target)}: `}${error.message}. The packet is complete in ${result.packetDir}; store it later, or run with --no-store`,
      { cause: error },
    );
  } finally {
    await store?.close();
  }
}
