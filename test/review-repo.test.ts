// `review --repo`: a sample service in a real git repository, with a hard-coded endpoint and key header, reviewed
// against the embedded simulator (`review --simulator`) with ledgers that do or do not name those locations.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scanRepository } from '../src/checks/scan/index.js';
import { demoLedger } from '../src/cli/commands/demo.js';
import { type ClauseId, isClauseId, type LedgerInput, renderLedgerYaml } from '../src/contract/index.js';
import type { Packet } from '../src/report/index.js';
import { testContract } from './builders.js';
import { runCli } from './helpers/cli.js';

const git = promisify(execFile);
const BASE_URL = 'https://api.chat-provider.test/v1';

/** The service's chat client: base URL, chat path and the Authorization header written in the code. */
const CLIENT = `import { readFileSync } from 'node:fs';

const BASE_URL = '${BASE_URL}';

export async function complete(prompt: string): Promise<string> {
  const key = readFileSync('/run/secrets/chat-key', 'utf8').trim();
  const response = await fetch(\`\${BASE_URL}/chat/completions\`, {
    method: 'POST',
    headers: { Authorization: \`Bearer \${key}\`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: process.env.CHAT_MODEL, messages: [{ role: 'user', content: prompt }] }),
  });
  const body = (await response.json()) as { choices: { message: { content: string } }[] };
  return body.choices[0]?.message.content ?? '';
}
`;
const LINE = { baseUrl: 3, chatPath: 7, method: 8, header: 9 };
const CONFIG = (url: string) => `chat:\n  base_url: ${url}\n  timeout_ms: 10000\n`;

type Implementation = NonNullable<LedgerInput['clauses'][number]['implementation']>;
/** Implementation entries by the clause they implement. */
type Locations = ReadonlyMap<ClauseId, Implementation>;

/**
 * The passing demo ledger (client audited as the contract documents it), every implementation entry a runbook
 * link (no repository location), except those `locations` gives, and the deploy version `deployVersion`.
 */
function ledger(locations: Locations, deployVersion?: string, audit = true): LedgerInput {
  const { audit: command, ...base } = demoLedger(BASE_URL, true);
  return {
    ...base,
    // Without the client audit a review cannot pass, but it runs in a fraction of the time.
    ...(audit ? { audit: command } : {}),
    review: { ...base.review, ...(deployVersion ? { deployVersion } : {}) },
    clauses: base.clauses.map((clause) => ({
      ...clause,
      implementation: (isClauseId(clause.id) ? locations.get(clause.id) : undefined) ?? [
        { kind: 'runbook', location: `https://runbook.example.test/chat#${clause.id}` },
      ],
    })),
  };
}

const code = (line: number): Implementation[number] => ({ kind: 'code', location: `src/client.ts:${line}` });
/** The ledger that names every hard-coded literal's file and line, and the configuration key at line 2. */
const TRACED: Locations = new Map([
  ['endpoint.base-url', [code(LINE.baseUrl), { kind: 'config', location: 'config/chat.yaml:2' }]],
  ['endpoint.chat-path', [code(LINE.chatPath)]],
  ['auth.header', [code(LINE.header)]],
  ['auth.scheme', [code(LINE.header)]],
]);

let dir: string;
let repo: string;
let deployed: string;

async function review(name: string, input: LedgerInput, repoArg = repo) {
  const file = join(dir, `${name}.yaml`);
  await writeFile(file, renderLedgerYaml(input));
  const out = join(dir, name);
  const args = ['review', '--simulator', '--ledger', file, '--out', out, '--no-store', '--repo', repoArg];
  const result = await runCli(args, { cwd: dir, env: { ...process.env, CHATPROOF_SIM_KEY: '' } });
  const packet = JSON.parse(await readFile(join(out, 'packet.json'), 'utf8')) as Packet;
  return { ...result, out, packet };
}

const hardCodedRule = (packet: Packet) => packet.rules.find((rule) => rule.id === 'endpoint-auth-traceable');
const statusOf = (packet: Packet, clause: ClauseId, location: string) =>
  packet.clauses.find((c) => c.id === clause)?.implementation.find((i) => i.location === location)?.status;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cp-review-repo-'));
  repo = join(dir, 'service');
  await mkdir(join(repo, 'src'), { recursive: true });
  await mkdir(join(repo, 'config'), { recursive: true });
  await writeFile(join(repo, 'src/client.ts'), CLIENT);
  await writeFile(join(repo, 'config/chat.yaml'), CONFIG(BASE_URL));
  const run = (...args: string[]) =>
    git('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.test', ...args]);
  await run('init', '-q');
  await run('add', '-A');
  await run('commit', '-qm', 'deployed');
  deployed = (await run('rev-parse', 'HEAD')).stdout.trim();
  // After the deploy, the configuration moved to another URL: the working tree no longer holds the deployed value.
  await writeFile(join(repo, 'config/chat.yaml'), CONFIG('https://staging.chat-provider.test/v1'));
  await run('commit', '-qam', 'staging');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('review --repo', () => {
  let untraced: Awaited<ReturnType<typeof review>>;
  let traced: Awaited<ReturnType<typeof review>>;

  beforeAll(async () => {
    [untraced, traced] = await Promise.all([
      // Failing needs no client audit (the hard-coded rule decides); passing does.
      review('untraced', ledger(new Map(), undefined, false)),
      review('traced', ledger(TRACED, deployed)),
    ]);
  }, 120_000);

  test('a ledger that does not name the hard-coded endpoint and key header fails on the hard-coded rule', () => {
    const { packet } = untraced;
    expect(untraced.code, untraced.stderr).toBe(1);
    expect(untraced.stdout).toContain('code scan of ');
    expect(untraced.stdout).toContain('scan.sarif');
    expect(packet.verdict).toBe('fail');
    const rule = hardCodedRule(packet);
    expect(rule?.status).toBe('violated');
    expect(rule?.items.map((item) => item.ref).sort()).toEqual([
      'scan:hardcoded-auth-header',
      'scan:hardcoded-base-url',
      'scan:hardcoded-chat-path',
    ]);
    expect(packet.reasons.find((r) => r.rule === 'endpoint-auth-traceable')?.seed).toContain('hard-coded');
    const findings = packet.scan?.findings.map((f) => `${f.rule} ${f.file}:${f.line} ${f.traceable}`);
    expect(findings).toEqual(
      expect.arrayContaining([
        `hardcoded-base-url src/client.ts:${LINE.baseUrl} false`,
        `hardcoded-chat-path src/client.ts:${LINE.chatPath} false`,
        `hardcoded-auth-header src/client.ts:${LINE.header} false`,
      ]),
    );
    // The key itself is read from a file: the header's text is shown with the key's part elided.
    expect(packet.scan?.findings.find((f) => f.rule === 'hardcoded-auth-header')?.match).toBe('Bearer …');
  });

  test('a ledger naming those locations makes them traceable and verified, and the verdict passes', () => {
    const { packet } = traced;
    expect(traced.code, JSON.stringify(packet.reasons.filter((r) => r.outcome === 'not met'))).toBe(0);
    expect(packet.verdict).toBe('pass');
    expect(hardCodedRule(packet)?.status).toBe('satisfied');
    const blocking = packet.scan?.findings.filter(
      (f) => f.rule.startsWith('hardcoded-') && f.file === 'src/client.ts',
    );
    expect(blocking?.length).toBeGreaterThanOrEqual(3);
    expect(blocking?.every((f) => f.traceable)).toBe(true);
    for (const [clause, entries] of TRACED) {
      for (const entry of entries)
        expect(statusOf(packet, clause, entry.location), entry.location).toBe('verified');
    }
    // Every repository location verified: the packet no longer says implementation evidence is only claimed.
    expect(packet.qualifiers.map((q) => q.id)).not.toContain('implementation-not-verified');
    expect(untraced.packet.qualifiers.map((q) => q.id)).not.toContain('implementation-not-verified');
  });

  test('the location check reads the deploy version commit, not the working tree', async () => {
    const { packet } = traced;
    expect(packet.scan?.revision).toEqual({ kind: 'commit', commit: deployed });
    const config = packet.scan?.locations.find((l) => l.location === 'config/chat.yaml:2');
    expect(config).toMatchObject({ status: 'verified', repository: true });
    // The working tree moved on: the same ledger without a deploy commit finds the line changed.
    const contract = testContract(ledger(TRACED) as LedgerInput);
    const current = await scanRepository(repo, { contract });
    expect(current.revision?.kind).toBe('working-tree');
    expect(current.locations.find((l) => l.location === 'config/chat.yaml:2')?.status).toBe('not found');
  });

  test('scan.sarif beside the packet is valid SARIF 2.1.0 and carries traceable and clause', async () => {
    const validate = sarifValidator();
    for (const { out } of [untraced, traced]) {
      const sarif = JSON.parse(await readFile(join(out, 'scan.sarif'), 'utf8'));
      expect(validate(sarif), JSON.stringify(validate.errors, null, 2)).toBe(true);
      const results = sarif.runs[0].results as {
        ruleId: string;
        properties: { traceable: boolean; clause: unknown };
      }[];
      expect(results.length).toBe(
        out === untraced.out ? untraced.packet.scan?.findings.length : traced.packet.scan?.findings.length,
      );
      expect(results.find((r) => r.ruleId === 'hardcoded-base-url')?.properties.traceable).toBe(
        out === traced.out,
      );
    }
  });

  test('the packet renders the scan section and each location status in Markdown and HTML', async () => {
    const markdown = await readFile(join(traced.out, 'packet.md'), 'utf8');
    expect(markdown).toContain('## Code scan');
    expect(markdown).toContain(`code: \`src/client.ts:${LINE.baseUrl}\` (verified)`);
    const page = await readFile(join(traced.out, 'packet.html'), 'utf8');
    expect(page).toContain('<section id="scan"><h2>Code scan</h2>');
    expect(page).toContain('client<wbr>.ts:3</code> <span class="pill s-ok">verified</span>');
  });
});

test('a ledger location that does not hold its value is reported not found, and the review cannot pass', async () => {
  const wrong = ledger(new Map([...TRACED, ['policy.timeout-ms', [code(LINE.method)]]]), deployed, false);
  const { packet, out } = await review('wrong', wrong);
  expect(statusOf(packet, 'policy.timeout-ms', `src/client.ts:${LINE.method}`)).toBe('not found');
  const finding = packet.findings.find((f) => f.key === 'scan:location-not-found');
  expect(finding).toMatchObject({ class: 'documented-not-handled', clause: 'policy.timeout-ms' });
  expect(finding?.message).toContain(`line ${LINE.method} does not hold 10000`);
  expect(packet.verdict).not.toBe('pass');
  expect(packet.qualifiers.find((q) => q.id === 'implementation-not-verified')?.count).toBe(1);
  expect(await readFile(join(out, 'packet.md'), 'utf8')).toContain(
    `\`src/client.ts:${LINE.method}\` (not found)`,
  );
}, 120_000);

test('without --repo the locations are claimed, not verified; a --repo that is not a folder is a usage error', async () => {
  const file = join(dir, 'norepo.yaml');
  await writeFile(file, renderLedgerYaml(ledger(TRACED, deployed, false)));
  const out = join(dir, 'norepo');
  const env = { ...process.env, CHATPROOF_SIM_KEY: '' };
  const bad = await runCli(
    ['review', '--simulator', '--ledger', file, '--out', out, '--no-store', '--repo', join(dir, 'nowhere')],
    { cwd: dir, env },
  );
  expect(bad.code).toBe(64);
  const help = await runCli(['review', '--help'], { cwd: dir });
  expect(help.stdout).toContain('--repo <dir>');
  expect(help.stdout).toContain('implementation-not-verified');
  expect(bad.stderr).toContain('is not a folder');
  await runCli(['review', '--simulator', '--ledger', file, '--out', out, '--no-store'], { cwd: dir, env });
  const packet = JSON.parse(await readFile(join(out, 'packet.json'), 'utf8')) as Packet;
  expect(packet.scan).toBeUndefined();
  expect(packet.qualifiers.find((q) => q.id === 'implementation-not-verified')?.text).toContain(
    'claimed, not verified',
  );
  expect(statusOf(packet, 'endpoint.base-url', `src/client.ts:${LINE.baseUrl}`)).toBe('not checked');
  expect(hardCodedRule(packet)?.status).toBe('satisfied');
}, 120_000);

/** The OASIS schema, read by Ajv's draft-07 validator as test/scan-sarif.test.ts explains. */
function sarifValidator() {
  const {
    $schema: _draft,
    id: _id,
    ...schema
  } = JSON.parse(readFileSync(new URL('./fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}
