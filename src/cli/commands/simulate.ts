/** `chatproof simulate`: runs the simulator on loopback until Ctrl-C, printing its URL. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { renderLedgerYaml } from '../../contract/index.js';
import { ChatproofError } from '../../errors.js';
import { assertFreshFile, writeFileAtomic } from '../../fsutil/index.js';
import {
  DEMO_KEY,
  DRIFTS,
  FAULT_HEADER,
  FAULTS,
  MODEL_SUFFIX,
  type ProfileName,
  profileLedger,
  SEQUENCE_HEADER,
  startSimulator,
} from '../../simulator/index.js';
import { type CommandContext, EXIT } from '../context.js';

export interface SimulateOptions {
  profile?: ProfileName;
  port?: number;
  host?: string;
  seed?: number;
  keyRef?: string;
  ledgerOut?: string;
  /** Model ids served beside the profile's own (`--model`, repeatable). */
  model?: string[];
  /** Drifts applied to every answer (`--drift <names...>`), as a provider that changed for everyone. */
  drift?: string[];
}

const DEFAULT_KEY_REF = 'env:CHATPROOF_SIM_KEY';

/** The accepted key and the reference it came from; the demo key when the default reference is unset. */
export async function resolveSimulatorKey(
  keyRef: string | undefined,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<{ key: string; ref: string; demo: boolean }> {
  const ref = keyRef ?? DEFAULT_KEY_REF;
  if (ref.startsWith('env:')) {
    const value = env[ref.slice(4)];
    if (value !== undefined && value !== '') return { key: value, ref, demo: false };
    if (keyRef === undefined) return { key: DEMO_KEY, ref, demo: true };
    throw new ChatproofError('E_SECRET_REF', `--key-ref ${ref}: the environment variable is not set`);
  }
  if (ref.startsWith('file:')) {
    try {
      const value = (await readFile(resolve(cwd, ref.slice(5)), 'utf8')).trim();
      if (value !== '') return { key: value, ref, demo: false };
    } catch (cause) {
      throw new ChatproofError('E_SECRET_REF', `--key-ref ${ref}: the file cannot be read`, { cause });
    }
    throw new ChatproofError('E_SECRET_REF', `--key-ref ${ref}: the file is empty`);
  }
  throw new ChatproofError(
    'E_SECRET_REF',
    `--key-ref must be env:NAME or file:PATH, got \`${ref.slice(0, 40)}\``,
  );
}

export async function simulateCommand(
  options: Record<string, unknown>,
  _args: string[],
  context: CommandContext,
): Promise<number> {
  const opts = options as SimulateOptions;
  const profile = opts.profile ?? 'cometapi';
  const { key, ref, demo } = await resolveSimulatorKey(opts.keyRef, context.env, context.cwd);
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    // The demo key is printed in the README: on an address others can reach, it would open the simulator to all.
    if (demo) {
      throw new ChatproofError(
        'E_USAGE',
        `--host ${host} is not a loopback address: the public demo key is refused there; give a key of your own with --key-ref env:NAME or file:PATH`,
      );
    }
    context.stderr.write(
      `warning: --host ${host} is not a loopback address: the simulator is reachable from other machines\n`,
    );
  }
  // An existing file is never replaced silently: refused before the simulator starts, unless --force.
  if (opts.ledgerOut) {
    await assertFreshFile(resolve(context.cwd, opts.ledgerOut), `--ledger-out ${opts.ledgerOut}`, {
      force: (options as { force?: unknown }).force === true,
    });
  }
  const sim = await startSimulator({
    profile,
    host,
    port: opts.port ?? 0,
    seed: opts.seed ?? 1,
    apiKey: key,
    // The default host is loopback, so a non-loopback address can only come from --host naming it.
    allowNonLoopback: opts.host !== undefined,
    ...(opts.model?.length ? { models: opts.model } : {}),
    ...(opts.drift?.length ? { drift: opts.drift.join(',') } : {}),
  });
  try {
    if (opts.ledgerOut) {
      const file = resolve(context.cwd, opts.ledgerOut);
      // Checked before the simulator starts (below); with --force an existing file is replaced.
      await writeFileAtomic(
        file,
        renderLedgerYaml(
          profileLedger(profile, {
            baseUrl: sim.url,
            keyRef: ref,
            ...(opts.model?.length ? { models: opts.model } : {}),
          }),
        ),
        {
          overwrite: true,
        },
      );
      if (!context.quiet) {
        // The ledger names the key by reference; with the demo key, that variable is unset until the user sets it.
        const variable = demo && ref.startsWith('env:') ? ref.slice('env:'.length) : undefined;
        const setKey = variable ? `set ${variable} to the demo key (README, "Simulator"), then: ` : '';
        context.stderr.write(
          `wrote the ${profile} profile ledger to ${opts.ledgerOut}; review it: ${setKey}chatproof review --ledger ${opts.ledgerOut}\n`,
        );
      }
    }
    if (context.json) {
      const summary = {
        url: sim.url,
        profile,
        seed: opts.seed ?? 1,
        keyRef: ref,
        demoKey: demo,
        faultHeader: FAULT_HEADER,
        sequenceHeader: SEQUENCE_HEADER,
        modelSuffix: MODEL_SUFFIX,
        faults: FAULTS.map((fault) => fault.name),
        drifts: DRIFTS.map((drift) => drift.name),
        ...(opts.drift?.length ? { drifting: opts.drift } : {}),
      };
      context.stdout.write(`${JSON.stringify(summary)}\n`);
    } else {
      context.stdout.write(`${sim.url}\n`);
    }
    if (!context.quiet) {
      const keyNote = demo ? `the demo key (${ref} is unset; see the README)` : `the key from ${ref}`;
      context.stderr.write(
        `simulating ${profile} at ${sim.url}, accepting ${keyNote}${opts.drift?.length ? `; drifting: ${opts.drift.join(', ')}` : ''}\n` +
          `faults: header ${FAULT_HEADER}: <name>[,<name>] or model "<id>${MODEL_SUFFIX}<name>"; Ctrl-C stops\n`,
      );
    }
    await new Promise<void>((done) => {
      if (context.signal.aborted) done();
      else context.signal.addEventListener('abort', () => done(), { once: true });
    });
  } finally {
    await sim.close();
  }
  return EXIT.pass;
}

/** `127.0.0.0/8`, `::1` and `localhost`: addresses only this machine reaches. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    bare === 'localhost' ||
    bare === '::1' ||
    /^127(?:\.\d{1,3}){3}$/.test(bare) ||
    bare === '::ffff:127.0.0.1'
  );
}
