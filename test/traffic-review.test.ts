/** `review --traffic`: the production traffic audit goes into the packet, its findings into the verdict. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { PLANTED } from '../src/checks/traffic/generate.js';
import { review } from '../src/review/index.js';
import { runCli } from './helpers/cli.js';
import { type Workspace, workspace } from './traffic-support.js';

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => ws.close());

// The other checks are not what this test is about: they return nothing, so the traffic audit decides.
const quiet = {
  probe: async () => [],
  negative: async () => [],
  sources: async () => [],
  audit: async () => ({ scenarios: [], findings: [] }),
};

test('the packet holds the traffic section, and a drift in production traffic escalates', async () => {
  ws.write('prod.jsonl', 'jsonl', {
    seed: 4,
    conforming: 60,
    drifts: { 'stream-cut': 3, 'usage-missing': 2 },
  });
  const result = await review({
    ledger: 'chatproof.yaml',
    cwd: ws.dir,
    out: 'packet',
    traffic: ['prod.jsonl'],
    runners: quiet,
    env: {},
  });
  expect(result.verdict).toBe('escalate');
  const packet = JSON.parse(readFileSync(join(ws.dir, 'packet', 'packet.json'), 'utf8'));
  expect(packet.traffic.records).toEqual({ total: 66, judged: 66, skipped: {} });
  expect(packet.traffic.findings).toContainEqual({
    ...PLANTED['stream-cut'],
    count: 3,
    first: expect.stringMatching(/^prod\.jsonl:\d+$/),
  });
  const cut = packet.findings.find(
    (f: { check: string; code: string }) =>
      f.check === 'traffic:response.stream-done' && f.code === 'stream-cut',
  );
  expect(cut.message).toMatch(/^3 of 66 captured exchanges: /);
  expect(packet.exchanges[cut.evidence.exchangeRef].request.headers.authorization).toMatch(
    /^(Bearer )?\[REDACTED\]$/,
  );
  expect(JSON.stringify(packet)).not.toContain('Zt7qW2mXk9Lp');
  const schema = JSON.parse(
    readFileSync(resolve(import.meta.dirname, '..', 'schema', 'packet.schema.json'), 'utf8'),
  );
  const ajv = new Ajv2020.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  expect(validate(packet), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  const md = readFileSync(join(ws.dir, 'packet', 'packet.md'), 'utf8');
  expect(md).toContain('## Production traffic');
  expect(md).toMatch(/\| unexpected \| `response.stream-done` \| `stream-cut` \| 3 \|/);
  expect(readFileSync(join(ws.dir, 'packet', 'packet.html'), 'utf8')).toContain('<section id="traffic">');
});

test('review --traffic with a missing capture exits 64 before anything runs, naming it', async () => {
  const run = await runCli(['review', '--traffic', 'nope.har', '--out', 'p', '--no-store'], { cwd: ws.dir });
  expect(run.code).toBe(64);
  expect(run.stderr).toContain('nope.har: no such capture file');
});
