/**
 * `history`, `diff` and `report` through the CLI over a store filled with real packets: exit codes, the table
 * and --json shapes, refs, and clear errors for a missing review, a damaged store and --no-store.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openStore } from '../src/store/index.js';
import { runCli } from './helpers/cli.js';
import { DEMO_PACKET, reviewInput } from './store-support.js';

const dir = await mkdtemp(join(tmpdir(), 'chatproof-history-cli-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
const env = { NO_COLOR: '1', CHATPROOF_STORE: '' };
const cli = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
  runCli(args, { cwd: dir, env: { ...env, ...extra } });

/** The demo packet with `usage` gone from the probe's JSON answer: the usage-missing drift, as stored. */
function withoutUsage(): string {
  const packet = JSON.parse(DEMO_PACKET);
  for (const finding of packet.findings) {
    const response = finding.check === 'probe' ? finding.evidence.exchange?.response : undefined;
    if (!response) continue;
    const body = JSON.parse(response.body);
    delete body.usage;
    response.body = JSON.stringify(body);
  }
  packet.generatedAt = '2026-12-02T10:00:00.000Z';
  return `${JSON.stringify(packet, null, 2)}\n`;
}

beforeAll(async () => {
  // The default store: .chatproof/history.db beside ./chatproof.yaml, here in `dir`.
  const store = await openStore(join(dir, '.chatproof', 'history.db'));
  await store.put(reviewInput({ generatedAt: '2026-12-01T10:00:00.000Z', incident: 'INC-1' }));
  await store.put({ ...reviewInput({ incident: 'INC-2' }), packetJson: withoutUsage() });
  await store.put(
    reviewInput({ generatedAt: '2026-11-30T10:00:00.000Z', application: 'search', verdict: 'pass' }),
  );
  await store.close();
});

describe('history, diff, report', () => {
  test('history: a table newest first, filters, --json', async () => {
    const table = await cli(['history']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^id\s+generated\s+verdict\s+incident\s+application/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/)[3])).toEqual([
      'SIM-COMETAPI',
      'INC-1',
      'SIM-COMETAPI',
    ]);
    const json = JSON.parse((await cli(['history', '--json', '--application', 'search'])).stdout);
    expect(json.store).toBe(join(dir, '.chatproof', 'history.db'));
    expect(json.reviews.map((r: { verdict: string }) => r.verdict)).toEqual(['pass']);
    expect((await cli(['history', '--verdict', 'maybe'])).code).toBe(64);
    expect((await cli(['history', '--since', 'soon'])).code).toBe(64);
    expect((await cli(['history', '--application', 'none'])).stdout).toContain('no stored review matches');
  });

  test('diff exits 1 when anything is breaking, 0 when nothing is; text, md and json', async () => {
    const breaking = await cli(['diff', 'last~1', 'last', '--application', 'chatproof simulator']);
    expect(breaking.code).toBe(1);
    expect(breaking.stdout).toMatch(
      /breaking probe response: usage: usage is no longer in the probe response \[parsed-field-removed\]/,
    );
    const same = await cli(['diff', 'last~1', 'last~1', '--json']);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout).summary).toEqual({ breaking: 0, warning: 0, info: 0 });
    const md = await cli(['diff', 'previous', 'last', '--format', 'md']);
    expect(md.stdout).toMatch(/^# chatproof diff /);
    expect(md.stdout).toContain('| **breaking** | response-field-removed | probe response: usage |');
  });

  test('report gives back the exact packet bytes; --out writes the file', async () => {
    const last = await cli(['report', 'last']);
    expect(last.stdout).toBe(withoutUsage());
    const out = join(dir, 'rendered');
    expect((await cli(['report', 'previous', '--format', 'md', '--out', out])).code).toBe(0);
    expect(readFileSync(join(out, 'packet.md'), 'utf8')).toContain('INC-1');
  });

  test('a missing review, --no-store and a damaged store are usage errors that say what is wrong', async () => {
    const missing = await cli(['report', 'last~9']);
    expect(missing.code).toBe(64);
    expect(missing.stderr).toContain('no review at last~9');
    expect((await cli(['history', '--no-store'])).code).toBe(64);
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'history.db'), 'not a database');
    const damaged = await cli(['history', '--store', join(bad, 'history.db')]);
    expect(damaged.code).toBe(64);
    expect(damaged.stderr).toContain('is not a SQLite database');
    const fromEnv = await cli(['history'], { CHATPROOF_STORE: join(bad, 'history.db') });
    expect(fromEnv.code).toBe(64);
    expect((await cli(['history', '--store', 'mysql://db/x'])).code).toBe(64);
  });
});
