/** `chatproof demo`: simulator + demo ledger + full review with a client audit, offline, in seconds. */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LedgerInput, renderLedgerYaml } from '../../contract/index.js';
import { writeFileAtomic } from '../../fsutil/index.js';
import { assertPacketDir, defaultPacketDir, type SummaryHead } from '../../review/index.js';
import { DEMO_KEY, profileLedger, startSimulator } from '../../simulator/index.js';
import { type CommandContext, EXIT } from '../context.js';
import { chosenStore } from './history-store.js';
import { type HistoryChoice, runReview } from './review.js';

/** The bundled example client the demo audits (shipped in the package's `examples/`). */
export const EXAMPLE_CLIENT = fileURLToPath(new URL('../../../examples/openai-client.mjs', import.meta.url));
const KEY_REF = 'env:CHATPROOF_SIM_KEY';

/** The demo is not a gate: its summary says what `review` would exit with and what the demo exits with. */
const DEMO_HEAD: SummaryHead = {
  command: 'chatproof demo',
  exitNote: (code) =>
    code === 130
      ? 'interrupted; the demo exits 130'
      : `chatproof review would exit ${code}; the demo exits 0 when it completes`,
};

/** The demo ledger: every value sourced from the simulator's cometapi profile, plus the client to audit. */
export function demoLedger(baseUrl: string): LedgerInput {
  return {
    ...profileLedger('cometapi', { baseUrl, keyRef: KEY_REF }),
    audit: { command: [process.execPath, EXAMPLE_CLIENT] },
  };
}

/**
 * Exits 0 when the demo ran (the verdict is in the summary and the packet; a demo is not a gate), 130 when
 * interrupted.
 */
export async function demoCommand(
  options: Record<string, unknown>,
  _args: string[],
  context: CommandContext,
): Promise<number> {
  const out = resolve(
    context.cwd,
    typeof options.out === 'string' ? options.out : defaultPacketDir('chatproof-review', new Date()),
  );
  await assertPacketDir(out);
  const key = context.env.CHATPROOF_SIM_KEY || DEMO_KEY;
  const drift = Array.isArray(options.drift) ? options.drift.join(',') : undefined;
  const simulator = await startSimulator({
    profile: 'cometapi',
    seed: 1,
    apiKey: key,
    ...(drift ? { drift } : {}),
  });
  try {
    const ledgerFile = join(out, 'chatproof.yaml');
    await writeFileAtomic(ledgerFile, renderLedgerYaml(demoLedger(simulator.url)), { overwrite: true });
    if (!context.quiet) {
      context.stderr.write(
        `demo: simulator (cometapi profile${drift ? `, drift ${drift}` : ''}) on ${simulator.url}; ledger ${ledgerFile}\n`,
      );
    }
    // The demo's ledger is its own, written into the packet folder; its history sits where it was run.
    const history: HistoryChoice = {
      store: chosenStore(options, context, join(context.cwd, 'chatproof.yaml')),
    };
    if (typeof options.compare === 'string') history.compare = options.compare;
    const result = await runReview(
      {
        ledger: ledgerFile,
        out,
        env: { ...context.env, CHATPROOF_SIM_KEY: key },
        simulatorKey: key,
        simulatorProfile: 'cometapi',
      },
      context,
      DEMO_HEAD,
      history,
    );
    if (result.exitCode === EXIT.storeFailed) return EXIT.storeFailed;
    if (!context.json)
      context.stdout.write(
        `\nOpen ${join(result.packetDir, 'packet.html')} in a browser, or read packet.md.\n`,
      );
    return result.incomplete ? result.exitCode : EXIT.pass;
  } finally {
    await simulator.close();
  }
}
