/**
 * What was contacted and what the verdict does not cover: `target` and `qualifiers[]` in packet.json, and the
 * rehearsal line at the top of every rendering of the verdict.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { FindingCode } from '../src/classify/codes.js';
import type { Finding } from '../src/classify/types.js';
import { type Ledger, type LedgerInput, renderLedgerYaml } from '../src/contract/index.js';
import { type Packet, renderHtml, renderJunit, renderMarkdown } from '../src/report/index.js';
import { summaryTable } from '../src/review/index.js';
import {
  AREA_CHECK,
  handledFindings,
  handledScenario,
  type TestPacketOptions,
  testLedger,
  testPacket,
} from './builders.js';
import { runCli } from './helpers/cli.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatproof-target-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const PROD = 'https://api.example.test/v1';
const REHEARSAL = `rehearsal against the embedded simulator (cometapi profile): says nothing about ${PROD}`;

async function writeLedger(ledger: LedgerInput = testLedger()): Promise<string> {
  const file = join(dir, 'prod.yaml');
  await writeFile(file, renderLedgerYaml(ledger));
  return file;
}

const packetJson = async (folder: string): Promise<Packet> =>
  JSON.parse(await readFile(join(dir, folder, 'packet.json'), 'utf8')) as Packet;

describe('review --simulator is a rehearsal, and says so first', () => {
  test('packet.json, packet.md, packet.html, junit.xml and the first stdout line name the simulator', async () => {
    const ledger = await writeLedger();
    const result = await runCli(['review', '--ledger', ledger, '--simulator', '--out', 'rev'], { cwd: dir });
    expect([0, 1, 2]).toContain(result.code);
    const packet = await packetJson('rev');
    expect(packet.target.kind).toBe('simulator');
    expect(packet.target.ledgerUrl).toBe(PROD);
    expect(packet.target.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(packet.qualifiers.map((q) => q.id)).toContain('rehearsal');
    expect(packet.qualifiers.find((q) => q.id === 'rehearsal')?.text).toBe(REHEARSAL);
    // The simulator's own URL and key are the rehearsal target, not user overrides.
    expect(packet.qualifiers.map((q) => q.id)).not.toContain('overrides');
    expect(packet.headline).toContain(REHEARSAL);

    const md = await readFile(join(dir, 'rev', 'packet.md'), 'utf8');
    expect(md.split('\n')[0]).toContain(REHEARSAL);
    const html = await readFile(join(dir, 'rev', 'packet.html'), 'utf8');
    const banner = /<div class="verdict [a-z]+" id="verdict"><strong>([^<]*)<\/strong>/.exec(html)?.[1];
    expect(banner).toContain(REHEARSAL);
    expect(/<p class="kicker">([^<]*)<\/p>/.exec(html)?.[1]).toContain(REHEARSAL);
    expect(/<title>([^<]*)<\/title>/.exec(html)?.[1]).toContain(REHEARSAL);
    expect(result.stdout.split('\n')[0]).toContain(REHEARSAL);
    const junit = await readFile(join(dir, 'rev', 'junit.xml'), 'utf8');
    expect(junit).toContain('<property name="target.kind" value="simulator"/>');
  });

  test('--base-url is an override target: the rehearsal names the override and the ledger target', async () => {
    const ledger = await writeLedger();
    // Nothing listens on port 9: the checks are not-run, and the packet still says what it aimed at.
    const result = await runCli(
      ['review', '--ledger', ledger, '--base-url', 'http://127.0.0.1:9/v1', '--out', 'o'],
      {
        cwd: dir,
        env: { CHAT_API_KEY: 'k-7c1d93a0e4f2' },
      },
    );
    expect(result.code).toBe(1);
    const packet = await packetJson('o');
    expect(packet.target).toEqual({
      kind: 'override',
      url: 'http://127.0.0.1:9/v1',
      ledgerUrl: PROD,
      label: 'the --base-url override http://127.0.0.1:9/v1',
    });
    const ids = packet.qualifiers.map((q) => q.id);
    expect(ids).toEqual(expect.arrayContaining(['rehearsal', 'overrides']));
    expect(result.stdout.split('\n')[0]).toContain(
      `rehearsal against the --base-url override http://127.0.0.1:9/v1: says nothing about ${PROD}`,
    );
  });
});

describe('qualifiers derived from the packet data', () => {
  const today = '2026-06-10';
  const build = (ledger: LedgerInput, findings: Finding[], extra: TestPacketOptions['extra'] = {}) =>
    testPacket({
      ledger: ledger as Ledger,
      findings,
      audit: { command: ['node', 'c.mjs'], scenarios: [handledScenario()] },
      today,
      extra,
    });

  test('a review of the ledger target with sources re-checked, code scanned and nothing waived carries no qualifier', () => {
    const sources: Finding = {
      class: 'documented-handled',
      check: 'sources',
      area: 'support',
      clause: 'support.escalation-path',
      code: 'quote-found',
      message: 'quote found',
      evidence: {},
    };
    const ledger = testLedger();
    const locations = ledger.clauses.flatMap((clause) =>
      (clause.implementation ?? []).map((evidence) => ({
        clause: clause.id,
        location: evidence.location,
        status: 'verified' as const,
        repository: true,
        detail: 'holds the value',
      })),
    );
    const scan = {
      repo: '.',
      files: 1,
      revision: { kind: 'working-tree' as const },
      sarif: 'scan.sarif',
      findings: [],
      locations,
    };
    const packet = build(ledger, [...handledFindings(), sources], { scan });
    expect(packet.verdict).toBe('pass');
    expect(packet.target.kind).toBe('ledger');
    expect(packet.qualifiers).toEqual([]);
    expect(packet.headline).toMatch(/· PASS$/);
    expect(packet.clauses.flatMap((c) => c.implementation.map((i) => i.status))).toContain('verified');

    // One repository location the scan could not verify keeps the qualifier, counting that clause only.
    const [first, ...rest] = locations;
    const partly = build(ledger, [...handledFindings(), sources], {
      scan: { ...scan, locations: [{ ...first!, status: 'not checked' as const }, ...rest] },
    });
    expect(partly.qualifiers).toMatchObject([{ id: 'implementation-not-verified', count: 1 }]);
  });

  test('a PASS without re-fetched sources says so on its verdict line, in every renderer', () => {
    const packet = build(testLedger(), handledFindings());
    expect(packet.verdict).toBe('pass');
    expect(packet.qualifiers.map((q) => q.id)).toEqual([
      'sources-not-rechecked',
      'implementation-not-verified',
    ]);
    const line = 'PASS · sources not re-checked · implementation not verified';
    expect(renderMarkdown(packet).split('\n')[0]).toBe(`# Chat contract review CHG-42: ${line}`);
    expect(renderHtml(packet)).toContain(`<strong>${line}</strong>`);
    expect(summaryTable(packet, '/tmp/p').split('\n')[0]).toContain(`verdict ${line}`);
    // The verdict is coloured by its tone (VERDICT_TONE), as the history listing colours it: a pass is green.
    const marked = {
      bold: (t: string) => t,
      red: (t: string) => `R(${t})`,
      green: (t: string) => `G(${t})`,
      yellow: (t: string) => `Y(${t})`,
      dim: (t: string) => t,
    };
    expect(summaryTable(packet, '/tmp/p', marked).split('\n')[0]).toContain('verdict G(PASS) · ');
    expect(renderJunit(packet)).toContain(
      '<property name="qualifiers" value="sources-not-rechecked,implementation-not-verified"/>',
    );
  });

  test('a PASS resting on waivers counts them and gives the earliest expiry', () => {
    const ledger = testLedger();
    ledger.waivers = [
      {
        target: `${AREA_CHECK.response}:field-missing`,
        justification: 'j',
        approver: 'a',
        expires: '2026-12-31',
      },
      {
        target: `${AREA_CHECK.errors}:usage-missing`,
        justification: 'j',
        approver: 'a',
        expires: '2026-08-01',
      },
    ];
    const gap = (area: Finding['area'], code: FindingCode): Finding => ({
      class: 'documented-not-handled',
      check: AREA_CHECK[area],
      area,
      clause: null,
      code,
      message: `${code} is not handled`,
      evidence: {},
    });
    const findings = [...handledFindings(), gap('response', 'field-missing'), gap('errors', 'usage-missing')];
    const packet = build(ledger, findings);
    const waived = packet.qualifiers.find((q) => q.id === 'waived');
    expect(waived).toMatchObject({ id: 'waived', expires: '2026-08-01' });
    expect(waived?.count).toBe(2);
    expect(packet.verdict).toBe('pass');
    expect(packet.headline).toMatch(/PASS · sources not re-checked · waived · implementation not verified$/);
  });

  test('an incomplete review carries the incomplete qualifier next to its verdict', () => {
    const packet = testPacket({ audit: null, today, incomplete: true });
    expect(packet.qualifiers[0]?.id).toBe('incomplete');
    expect(packet.headline).toContain('FAIL · incomplete');
  });

  test('qualifiers a check establishes are merged in display order', () => {
    const packet = build(testLedger(), handledFindings(), {
      qualifiers: [
        { id: 'implementation-not-verified', text: 'implementation not verified: no code scan ran' },
      ],
    });
    expect(packet.qualifiers.map((q) => q.id)).toEqual([
      'sources-not-rechecked',
      'implementation-not-verified',
    ]);
  });
});
