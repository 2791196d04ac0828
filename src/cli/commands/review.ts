/** `chatproof review`: everything that applies, one packet, the verdict as exit code. */
import { readFileSync } from 'node:fs';
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
import { type CommandContext, style } from '../context.js';

/** chatproof's own version, recorded in every packet. */
export const VERSION = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Runs a review with the CLI's progress display and prints the summary (or the packet with --json). */
export async function runReview(
  options: ReviewOptions,
  context: CommandContext,
  head?: SummaryHead,
): Promise<ReviewResult> {
  const result = await review({
    ...options,
    cwd: options.cwd ?? context.cwd,
    env: options.env ?? context.env,
    signal: context.signal,
    version: VERSION,
    ...(context.quiet ? {} : { onProgress: progressReporter(context.stderr, context.interactive) }),
  });
  if (context.json) {
    context.stdout.write(renderJson(result.packet));
    context.stderr.write(`packet: ${result.packetDir}\n`);
  } else {
    context.stdout.write(summaryTable(result.packet, result.packetDir, style(context.color), head));
  }
  return result;
}

export async function reviewCommand(
  options: Record<string, unknown>,
  _args: string[],
  context: CommandContext,
): Promise<number> {
  const base: ReviewOptions = { ledger: String(options.ledger ?? './chatproof.yaml') };
  if (typeof options.out === 'string') base.out = options.out;
  if (typeof options.baseUrl === 'string') base.baseUrl = options.baseUrl;
  if (typeof options.keyRef === 'string') base.keyRef = options.keyRef;
  if (typeof options.incident === 'string') base.incident = options.incident;
  if (options.checkSources === true) base.checkSources = true;
  if (options.simulator !== true) return (await runReview(base, context)).exitCode;
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
      )
    ).exitCode;
  } finally {
    await simulator.close();
  }
}
