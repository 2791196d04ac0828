/**
 * @module simulator/simulator
 * Starts and stops a simulator: a loopback HTTP server serving one profile.
 */

import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Clock, systemClock } from '../clock.js';
import { ChatproofError } from '../errors.js';
import { PROFILES } from './profiles/index.js';
import { parseSpec } from './selection.js';
import { checkBind, createSimulatorServer, DEFAULT_TIMEOUTS, type SimulatorTimeouts } from './server.js';
import { createState } from './state.js';
import type { Profile, ProfileName } from './types.js';

/**
 * The documented demo key, accepted when `CHATPROOF_SIM_KEY` is unset. It guards nothing real, but it is
 * still handled as a secret (never printed, redacted in captures) so the habit holds.
 */
export const DEMO_KEY = 'cpdemo-4c1f9e27b8a3d605';

export interface SimulatorOptions {
  profile?: ProfileName;
  /** Address to bind; loopback only unless `allowNonLoopback` (the CLI sets it when --host names one). */
  host?: string;
  port?: number;
  seed?: number;
  apiKey?: string;
  allowNonLoopback?: boolean;
  /** Server-side time limits; defaults cut slow headers at 10 s and unfinished requests at 30 s. */
  timeouts?: Partial<SimulatorTimeouts>;
  /** Clock for `created` and HTTP-date headers; `Date.now` by default (tests pin it). */
  clock?: Clock;
  /**
   * Drifts applied to every chat answer, on top of any a request asks for (`usage-missing,extra-field`):
   * a provider that changed for everyone, as `demo --drift` shows it.
   */
  drift?: string;
  /** Model ids served beside the profile's own (`simulate --model`): listed, accepted and echoed as sent. */
  models?: readonly string[];
  /** Called for every request as it arrives (tests count a client's attempts server-side). */
  onRequest?: (request: SimulatorRequest) => void;
}

/** What `onRequest` sees of a request. Headers are as received: treat them as secret-bearing. */
export interface SimulatorRequest {
  method: string;
  path: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** A running simulator. */
export interface Simulator {
  /** Base URL including the version prefix, e.g. `http://127.0.0.1:PORT/v1`. */
  url: string;
  apiKey: string;
  profile: Profile;
  close(): Promise<void>;
  /** Open connections, for leak tests. */
  connections(): Promise<number>;
}

/** Starts a simulator and resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const named = PROFILES[options.profile ?? 'cometapi'];
  if (!named) throw new ChatproofError('E_USAGE', `unknown simulator profile \`${String(options.profile)}\``);
  const profile = withModels(named, options.models ?? []);
  const host = options.host ?? '127.0.0.1';
  checkBind(host, options.allowNonLoopback === true);
  const apiKey = options.apiKey ?? DEMO_KEY;
  if (options.drift !== undefined) {
    const parsed = parseSpec(options.drift);
    const fault = parsed.ok ? parsed.items.find((item) => item.kind !== 'drift') : undefined;
    if (!parsed.ok || fault)
      throw new ChatproofError(
        'E_USAGE',
        parsed.ok ? `\`${fault?.name}\` is a fault, not a drift` : parsed.message,
      );
  }
  const state = createState(profile, options.seed ?? 1, apiKey, options.clock ?? systemClock);
  if (options.drift) state.drift = options.drift;
  const server = createSimulatorServer(state, { ...DEFAULT_TIMEOUTS, ...options.timeouts });
  const onRequest = options.onRequest;
  if (onRequest) {
    server.prependListener('request', (req: IncomingMessage) =>
      onRequest({ method: req.method ?? '', path: req.url ?? '', headers: req.headers }),
    );
  }
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) =>
      reject(
        new ChatproofError('E_SIM_BIND', `cannot listen on ${host}:${options.port ?? 0}: ${error.message}`, {
          cause: error,
        }),
      );
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => {
      server.removeListener('error', fail);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const basePath = new URL(profile.baseUrl.value).pathname.replace(/\/$/, '');
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostPart}:${address.port}${basePath}`,
    apiKey,
    profile,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
    connections: () =>
      new Promise<number>((resolve, reject) =>
        server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
      ),
  };
}

/** The profile with `ids` added to its model list (each resolves to itself, owned by the operator). */
function withModels(profile: Profile, ids: readonly string[]): Profile {
  const known = new Set(profile.models.value.map((entry) => entry.id));
  const added = [...new Set(ids)].filter((id) => !known.has(id));
  if (added.length === 0) return profile;
  const extra = added.map((id) => ({ id, resolved: id, ownedBy: 'local' }));
  return { ...profile, models: { ...profile.models, value: [...profile.models.value, ...extra] } };
}
