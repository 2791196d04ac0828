/**
 * `history`, `diff` and `report` through the CLI over a store filled with real packets: exit codes, the table
 * and --json shapes, refs, and clear errors for a missing review, a damaged store and --no-store.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderLedgerYaml } from '../src/contract/index.js';
import { profileLedger } from '../src/simulator/index.js';
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
  // Exchanges are embedded (older packets) or stored once and referenced: each probe exchange is edited once.
  const probe = new Set(
    packet.findings
      .filter((f: { check: string }) => f.check === 'probe')
      .map(
        (f: { evidence: { exchange?: unknown; exchangeRef?: string } }) =>
          f.evidence.exchange ?? packet.exchanges?.[f.evidence.exchangeRef ?? ''],
      ),
  );
  for (const exchange of probe) {
    const response = (exchange as { response?: { body: string } } | undefined)?.response;
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

  test('history: open findings by class, most serious first, and each row in its verdict’s tone', async () => {
    const counts = new Map<string, number>();
    for (const finding of JSON.parse(DEMO_PACKET).findings as { class: string }[])
      counts.set(finding.class, (counts.get(finding.class) ?? 0) + 1);
    const open = [
      ['unexpected', 'unexpected'],
      ['configuration', 'configuration'],
      ['documented-not-handled', 'not handled'],
      ['not-run', 'not run'],
    ].flatMap(([cls, words]) => (counts.get(cls!) ? [`${counts.get(cls!)} ${words}`] : []));
    expect(open.length).toBeGreaterThan(0);
    const rows = (await cli(['history', '--incident', 'INC-1'])).stdout.trim().split('\n').slice(1);
    expect(rows.map((row) => row.split(/\s{2,}/)[7])).toEqual([open.join(', ')]);
    const coloured = (await cli(['history'], { NO_COLOR: '', FORCE_COLOR: '1' })).stdout.split('\n');
    const verdicts = (await cli(['history', '--json'])).stdout;
    const colours = { pass: '\u001b[32m', fail: '\u001b[31m', escalate: '\u001b[33m' } as const;
    const byRow = (JSON.parse(verdicts).reviews as { verdict: keyof typeof colours }[]).map(
      (r) => colours[r.verdict],
    );
    expect(coloured.slice(1, 1 + byRow.length).map((line) => line.slice(0, 5))).toEqual(byRow);
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
  });

  test('a packet this chatproof cannot render is a clear error; its JSON is still given back', async () => {
    const folder = join(dir, 'old');
    const store = await openStore(join(folder, 'history.db'));
    const packet = JSON.parse(DEMO_PACKET);
    delete packet.rules;
    const stored = await store.put({ ...reviewInput(), packetJson: JSON.stringify(packet) });
    await store.close();
    const md = await cli(['report', 'last', '--store', join(folder, 'history.db'), '--format', 'md']);
    expect(md.code).toBe(64);
    expect(md.stderr).toContain(`review ${stored.id} was written by chatproof 0.1.0`);
    expect(md.stderr).toMatch(/cannot render its packet \(\S+: /);
    const json = await cli(['report', 'last', '--store', join(folder, 'history.db')]);
    expect(json.stdout).toBe(JSON.stringify(packet));
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
    // A store that does not exist is named, never created by a command that only reads.
    const typo = join(dir, 'nothere.db');
    for (const args of [['history'], ['report', 'last'], ['diff', 'last~1', 'last']]) {
      const run = await cli([...args, '--store', typo]);
      expect(run.code, args.join(' ')).toBe(64);
      expect(run.stderr).toContain(`no review history at ${typo}`);
    }
    expect(existsSync(typo)).toBe(false);
  });
});

describe('review stores itself and compares with the history', () => {
  test('--compare last: nothing on a first review, the graded drift on the next; an unknown id stops it first', async () => {
    const folder = join(dir, 'rev');
    mkdirSync(folder);
    const ledger = join(folder, 'chatproof.yaml');
    // Without audit.command the review skips the client audit: quick, and its verdict is fail.
    writeFileSync(
      ledger,
      renderLedgerYaml(
        profileLedger('cometapi', { baseUrl: 'http://127.0.0.1:1/v1', keyRef: 'env:CHATPROOF_SIM_KEY' }),
      ),
    );
    const review = (out: string, ...more: string[]) =>
      cli(['review', '--simulator', '--ledger', ledger, '--out', join(folder, out), ...more]);
    const first = await review('one', '--compare', 'last');
    expect(first.code, first.stderr).toBe(1);
    expect(first.stderr).toContain('compare: nothing to compare with: no review at last');
    expect(first.stderr).toMatch(/stored as \S+ in .*rev\/\.chatproof\/history\.db/);
    expect(JSON.parse(readFileSync(join(folder, 'one', 'packet.json'), 'utf8')).comparison).toBeUndefined();
    const firstId = /stored as (\S+)/.exec(first.stderr)?.[1];

    const second = await review('two', '--compare', 'last');
    expect(second.code).toBe(1);
    const packet = JSON.parse(readFileSync(join(folder, 'two', 'packet.json'), 'utf8'));
    expect(packet.comparison.base.id).toBe(firstId);
    expect(packet.comparison.summary.breaking).toBe(0);
    expect(readFileSync(join(folder, 'two', 'packet.md'), 'utf8')).toContain(
      '## Changes since the earlier review',
    );

    const typo = await review('three', '--compare', 'no-such-review');
    expect(typo.code).toBe(64);
    expect(typo.stderr).toContain('no review no-such-review');
    expect(existsSync(join(folder, 'three'))).toBe(false);

    expect((await review('four', '--no-store')).stderr).not.toContain('stored as');
    const history = JSON.parse((await cli(['history', '--ledger', ledger, '--json'])).stdout);
    expect(history.reviews).toHaveLength(2);
  });
});
