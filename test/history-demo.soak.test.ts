/**
 * The history end to end, on both engines: two `chatproof demo` runs against the simulator with different
 * drifts, `history`, `diff` naming exactly that drift as breaking, `review --compare` in the packet, and
 * `report` giving back the stored packet byte for byte. The PostgreSQL URL carries a planted password that
 * must appear in no output and no file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Comparison } from '../src/report/index.js';
import { type CliResult, runCli } from './helpers/cli.js';
import { testPostgres } from './helpers/postgres.js';

// Not shaped like any provider's key, so only exact-value redaction can catch it.
const CANARY = 'Qv7tLm2Wz9pRx4Kd';
const forms = [
  CANARY,
  Buffer.from(CANARY).toString('base64'),
  encodeURIComponent(CANARY),
  Buffer.from(CANARY).toString('hex'),
];

const dir = await mkdtemp(join(tmpdir(), 'chatproof-history-'));
const pg = await testPostgres();
afterAll(async () => {
  if (pg.ok) await pg.server.stop();
  await rm(dir, { recursive: true, force: true });
});

const outputs: string[] = [];
async function cli(args: string[]): Promise<CliResult> {
  const result = await runCli(args, {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', CHATPROOF_STORE: '' },
  });
  outputs.push(result.stdout, result.stderr);
  return result;
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

function expectNoCanary(texts: readonly string[], where: string) {
  for (const text of texts)
    for (const form of forms) expect(text.includes(form), `${where} holds ${form}`).toBe(false);
}

async function engines(): Promise<{ name: string; store: string }[]> {
  const list = [{ name: 'sqlite', store: join(dir, 'team', 'history.db') }];
  if (pg.ok) {
    const url = new URL(await pg.server.database());
    url.password = CANARY;
    list.push({ name: 'postgres', store: url.toString() });
  }
  return list;
}

describe.each(await engines())('$name history', ({ name, store }) => {
  const a = join(dir, `${name}-a`);
  const b = join(dir, `${name}-b`);

  test('two demos with different drifts: diff names exactly that drift as breaking', async () => {
    expect((await cli(['demo', '--out', a, '--store', store, '--drift', 'extra-field'])).code).toBe(0);
    const second = await cli([
      'demo',
      '--out',
      b,
      '--store',
      store,
      '--drift',
      'usage-missing',
      '--compare',
      'last',
    ]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/stored as \d{8}T\d{6}Z-[0-9a-f]{6} in /);

    const history = await cli(['history', '--store', store, '--json']);
    const reviews = JSON.parse(history.stdout).reviews as { id: string; verdict: string }[];
    expect(reviews).toHaveLength(2);

    const diff = await cli(['diff', 'previous', 'last', '--store', store, '--json']);
    expect(diff.code).toBe(1);
    const comparison = JSON.parse(diff.stdout) as Comparison;
    expect([comparison.base.id, comparison.head?.id]).toEqual([reviews[1]?.id, reviews[0]?.id]);
    const breaking = comparison.changes.filter((c) => c.grade === 'breaking');
    expect(breaking.map((c) => c.rule)).toContain('parsed-field-removed');
    expect(breaking.find((c) => c.rule === 'parsed-field-removed')?.subject).toBe('probe response: usage');
    // Every breaking change is about usage (or is the verdict it moved); the extra field going away is not breaking.
    for (const change of breaking)
      expect(
        change.rule === 'verdict-worse' || /usage/.test(`${change.subject} ${change.message}`),
        change.message,
      ).toBe(true);
    const gone = comparison.changes.find((c) => c.subject === 'probe response: x_undocumented');
    expect(gone?.grade).toBe('warning');

    // review --compare put the same drift into the packet: a section and packet.json.comparison.
    const packet = JSON.parse(readFileSync(join(b, 'packet.json'), 'utf8'));
    expect(packet.comparison.base.id).toBe(reviews[1]?.id);
    expect(packet.comparison.head).toBeNull();
    expect(packet.comparison.changes).toEqual(comparison.changes);
    expect(readFileSync(join(b, 'packet.md'), 'utf8')).toContain('## Changes since the earlier review');
    expect(readFileSync(join(b, 'packet.html'), 'utf8')).toContain('id="comparison"');

    const md = await cli(['diff', 'previous', 'last', '--store', store, '--format', 'md']);
    expect(md.stdout).toContain('| **breaking** | response-field-removed | probe response: usage |');
  }, 120_000);

  test('report re-renders the stored review: the same packet.json bytes, and every format', async () => {
    const json = await cli(['report', 'last', '--store', store, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(json.stdout).toBe(readFileSync(join(b, 'packet.json'), 'utf8'));
    for (const [format, file] of [
      ['md', 'packet.md'],
      ['html', 'packet.html'],
      ['junit', 'junit.xml'],
    ] as const) {
      const out = join(dir, `${name}-report-${format}`);
      expect((await cli(['report', 'last', '--store', store, '--format', format, '--out', out])).code).toBe(
        0,
      );
      expect(readFileSync(join(out, file), 'utf8'), format).toBe(readFileSync(join(b, file), 'utf8'));
    }
  });

  test('nothing written or printed holds the connection password', () => {
    expectNoCanary(outputs, 'the output');
    expectNoCanary(
      filesUnder(dir).map((f) => readFileSync(f, 'latin1')),
      'a file',
    );
  });
});

test('a store that cannot be written is exit 73 and a clear error; the packet files are kept', async () => {
  const closed = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
  const out = join(dir, 'unstored');
  const result = await cli([
    'demo',
    '--out',
    out,
    '--store',
    `postgres://postgres:${CANARY}@127.0.0.1:${closed}/history`,
  ]);
  expect(result.code).toBe(73);
  // The location is shown with its password masked (by the store, then again by the output boundary).
  expect(result.stderr).toMatch(
    new RegExp(
      `the review was not stored: postgres://postgres:\\S+@127\\.0\\.0\\.1:${closed}/history: cannot connect`,
    ),
  );
  expect(result.stderr).toContain(`The packet is complete in ${out}`);
  for (const file of ['packet.json', 'packet.md', 'packet.html', 'junit.xml'])
    expect(existsSync(join(out, file))).toBe(true);
  expectNoCanary(
    [result.stdout, result.stderr, ...filesUnder(out).map((f) => readFileSync(f, 'latin1'))],
    'the run',
  );
}, 120_000);
