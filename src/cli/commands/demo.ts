/** `chatproof demo`: simulator + demo ledger + full review with a client audit, offline, in seconds. */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ClauseId, type LedgerInput, renderLedgerYaml } from '../../contract/index.js';
import { assertFreshFolder, writeFileAtomic } from '../../fsutil/index.js';
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
export function demoLedger(baseUrl: string, passing = false): LedgerInput {
  const ledger = profileLedger('cometapi', { baseUrl, keyRef: KEY_REF });
  if (!passing) return { ...ledger, audit: { command: [process.execPath, EXAMPLE_CLIENT] } };
  return {
    ...ledger,
    clauses: ledger.clauses.map((clause) => PASSING_CHANGES[clause.id]?.(clause) ?? clause),
    audit: { command: [process.execPath, EXAMPLE_CLIENT, ...PASSING_CLIENT_ARGS] },
  };
}

/**
 * The client as the contract documents it: no retry at all (the SDK cannot tell a 500 that names an invalid
 * request from a transient one, and `errors.invalid-request-5xx` says it must not be retried), and a timeout
 * inside the audit's 30 s scenario limit, so the timeout scenario can be judged. It streams as it always does.
 */
export const PASSING_CLIENT_ARGS = ['--max-retries', '0', '--timeout-ms', '10000'] as const;

type Clause = LedgerInput['clauses'][number];
/** What `demo --passing` records differently from the plain demo, each change cited to where it comes from. */
const PASSING_CHANGES: Readonly<Record<string, (clause: Clause) => Clause>> = {
  'policy.timeout-ms': (clause) => ({
    ...clause,
    value: 10000,
    basis: 'local',
    source: {
      title: 'chatproof demo --passing: the audited client',
      url: 'examples/openai-client.mjs',
      accessed: new Date().toISOString().slice(0, 10),
      quote: 'runs with --timeout-ms 10000',
    },
    implementation: [{ kind: 'config', location: 'examples/openai-client.mjs --timeout-ms 10000' }],
  }),
  // No check can reach a support route; the review accepts one validated outside it, with its evidence.
  'support.escalation-path': (clause) => ({
    ...clause,
    validated: {
      on: new Date().toISOString().slice(0, 10),
      evidence:
        "demo ledger: the route is the simulator profile's documented support path; a real review records its last escalation drill here",
    },
  }),
} satisfies Partial<Record<ClauseId, (clause: Clause) => Clause>>;

/** What the passing demo changed, so the difference from the failing one is on screen. */
const PASSING_NOTE = `
demo --passing: the same review, with the client configured as the contract documents:
  - examples/openai-client.mjs ${PASSING_CLIENT_ARGS.join(' ')}: no retry of an invalid request (errors.invalid-request-5xx),
    a timeout inside the 30 s scenario limit (policy.timeout-ms 10000), streaming as before;
  - support.escalation-path carries validated: { on, evidence }, as no check can reach a support route.
Without --passing, the SDK's defaults (2 retries, a 10-minute timeout) fail the review.
`;

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
  await assertFreshFolder(out, `--out ${out}`, 'review', { force: options.force === true });
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
    const passing = options.passing === true;
    await writeFileAtomic(ledgerFile, renderLedgerYaml(demoLedger(simulator.url, passing)), {
      overwrite: true,
    });
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
        force: options.force === true,
      },
      context,
      DEMO_HEAD,
      history,
    );
    if (result.exitCode === EXIT.storeFailed) return EXIT.storeFailed;
    if (!context.json) {
      if (passing) context.stdout.write(PASSING_NOTE);
      context.stdout.write(
        `\nOpen ${join(result.packetDir, 'packet.html')} in a browser, or read packet.md.\n`,
      );
    }
    return result.incomplete ? result.exitCode : EXIT.pass;
  } finally {
    await simulator.close();
  }
}
