/**
 * The committed `schema/packet.schema.json` against packets written by real reviews: the evidence client's
 * exchanges (streamed events and framing, how the body ended, transport errors with their errno) must all be
 * described by the published schema, not only the hand-built fixtures.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderLedgerYaml } from '../src/contract/index.js';
import { packetJsonSchema } from '../src/report/index.js';
import { review } from '../src/review/index.js';
import { DEMO_KEY, profileLedger, type Simulator, startSimulator } from '../src/simulator/index.js';

const SCHEMA_FILE = resolve(import.meta.dirname, '..', 'schema', 'packet.schema.json');
const committed = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;

function validator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(committed);
}

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

let dir: string;
let simulator: Simulator;
const env = { CHATPROOF_SIM_KEY: DEMO_KEY };
let simulated: unknown;
let refused: unknown;

async function reviewAgainst(baseUrl: string, name: string): Promise<unknown> {
  const ledger = join(dir, `${name}.yaml`);
  await writeFile(
    ledger,
    renderLedgerYaml(profileLedger('cometapi', { baseUrl, keyRef: 'env:CHATPROOF_SIM_KEY' })),
  );
  const result = await review({ ledger, cwd: dir, out: name, env });
  return JSON.parse(await readFile(join(result.packetDir, 'packet.json'), 'utf8'));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cp-packet-schema-'));
  simulator = await startSimulator({ profile: 'cometapi', seed: 1, apiKey: DEMO_KEY });
  simulated = await reviewAgainst(simulator.url, 'simulator');
  refused = await reviewAgainst(`http://127.0.0.1:${await closedPort()}/v1`, 'refused');
}, 60_000);
afterAll(async () => {
  await simulator?.close();
  await rm(dir, { recursive: true, force: true });
});

type Json = { exchanges?: Record<string, Record<string, unknown>> };
const exchanges = (packet: unknown) => Object.values((packet as Json).exchanges ?? {});

describe('schema/packet.schema.json', () => {
  test('is the schema the packet definition generates (run `npm run build && npm run schema`)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(packetJsonSchema())));
  });

  test('accepts the packet.json of a real review against the simulator, streamed exchanges included', () => {
    const packet = simulated;
    const validate = validator();
    expect(validate(packet), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    const captured = exchanges(packet);
    // The fields the schema once rejected really are in the packet, so this test covers them.
    expect(captured.some((x) => 'bodyEnd' in x)).toBe(true);
    expect(captured.some((x) => Array.isArray(x.events) && 'framing' in x)).toBe(true);
  });

  test('accepts the packet.json of a review whose target refuses connections (transport errors)', () => {
    const packet = refused;
    const validate = validator();
    expect(validate(packet), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    const errors = exchanges(packet).map((x) => x.error as { errno?: string } | undefined);
    expect(errors.some((e) => e?.errno === 'ECONNREFUSED')).toBe(true);
  });

  test('still rejects an exchange field no tool writes', () => {
    const packet = structuredClone(simulated) as Json;
    const [target] = exchanges(packet);
    if (!target) throw new Error('no exchange in the packet');
    target.surprise = true;
    expect(validator()(packet)).toBe(false);
  });
});
