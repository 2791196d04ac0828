/** `chatproof review`: everything that applies, one packet, the verdict as exit code. */

import { ChatproofError } from '../../errors.js';
import { renderJson } from '../../report/index.js';
import {
  progressReporter,
  type ReviewOptions,
  type ReviewResult,
  review,
  type SummaryHead,
  summaryTable,
} from '../../review/index.js';
import { DEMO_KEY, startSimulator } from '../../simulator/index.js';
import { openStore, type ReviewStore } from '../../store/index.js';
import { VERSION } from '../../version.js';

/** chatproof's own version, recorded in every packet (from package.json). */
export { VERSION };

import { type CommandContext, EXIT, style } from '../context.js';
import { chosenStore, compareWith, storeResult } from './history-store.js';

/** Where the review is stored (null: `--no-store`) and what it is compared with (`--compare`). */
export interface HistoryChoice {
  store: string | null;
  compare?: string;
}

/**
 * Runs a review with the CLI's progress display and prints the summary (or the packet with --json), then
 * stores it. The result's exit code becomes 73 when the store cannot be written (the packet is kept).
 */
export async function runReview(
  options: ReviewOptions & { ledger: string },
  context: CommandContext,
  head?: SummaryHead,
  history: HistoryChoice = { store: null },
): Promise<ReviewResult> {
  let store: ReviewStore | undefined;
  if (history.compare !== undefined) {
    if (history.store === null)
      throw new ChatproofError('E_USAGE', '--compare reads the history; it cannot go with --no-store');
    // Opened before the checks run: a missing or unreadable comparison base stops here, before any request.
    store = await openStore(history.store);
  }
  const compare =
    store && history.compare !== undefined
      ? {
          compare: await compareWith(store, history.compare, context).catch(async (error) => {
            await store?.close();
            throw error;
          }),
        }
      : {};
  let result: ReviewResult;
  try {
    result = await review({
      ...compare,
      ...options,
      cwd: options.cwd ?? context.cwd,
      env: options.env ?? context.env,
      signal: context.signal,
      version: VERSION,
      ...(context.quiet ? {} : { onProgress: progressReporter(context.stderr, context.interactive) }),
    });
  } catch (error) {
    await store?.close();
    throw error;
  }
  if (context.json) {
    context.stdout.write(renderJson(result.packet));
    context.stderr.write(`packet: ${result.packetDir}\n`);
  } else {
    context.stdout.write(summaryTable(result.packet, result.packetDir, style(context.color), head));
  }
  if (history.store !== null) {
    try {
      await storeResult(history.store, store, result, options.ledger, VERSION, context);
    } catch (error) {
      if (!(error instanceof ChatproofError)) throw error;
      context.stderr.write(`chatproof: ${error.message}\n`);
      return { ...result, exitCode: EXIT.storeFailed };
    }
  }
  return result;
}

export async function reviewCommand(
  options: Record<string, unknown>,
  _args: string[],
  context: CommandContext,
): Promise<number> {
  const base: ReviewOptions & { ledger: string } = { ledger: String(options.ledger ?? './chatproof.yaml') };
  if (typeof options.out === 'string') base.out = options.out;
  if (options.force === true) base.force = true;
  if (typeof options.baseUrl === 'string') base.baseUrl = options.baseUrl;
  if (typeof options.keyRef === 'string') base.keyRef = options.keyRef;
  if (typeof options.stallMs === 'number') base.stallMs = options.stallMs;
  if (typeof options.deadline === 'number') base.deadlineMs = options.deadline;
  if (typeof options.incident === 'string') base.incident = options.incident;
  if (options.checkSources === true) base.checkSources = true;
  if (Array.isArray(options.traffic)) base.traffic = options.traffic.map(String);
  if (typeof options.repo === 'string') base.repo = options.repo;
  const history: HistoryChoice = { store: chosenStore(options, context, base.ledger) };
  if (typeof options.compare === 'string') history.compare = options.compare;
  if (options.simulator !== true) return (await runReview(base, context, undefined, history)).exitCode;
  // --simulator: the whole review (probe, negative, audit) runs against the embedded simulator.
  const key = context.env.CHATPROOF_SIM_KEY || DEMO_KEY;
  const simulator = await startSimulator({ profile: 'cometapi', seed: 1, apiKey: key });
  try {
    const env = { ...context.env, CHATPROOF_SIM_KEY: key };
    return (
      await runReview(
        {
          ...base,
          baseUrl: simulator.url,
          keyRef: 'env:CHATPROOF_SIM_KEY',
          env,
          simulatorKey: key,
          simulatorProfile: 'cometapi',
        },
        context,
        undefined,
        history,
      )
    ).exitCode;
  } finally {
    await simulator.close();
  }
}
