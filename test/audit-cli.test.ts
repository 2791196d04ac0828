// `chatproof audit-client` from the command line: refusing a pending ledger, and what it prints where.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { type JsonValue, renderLedgerYaml } from '../src/contract/index.js';
import { REDACTED } from '../src/redact/index.js';
import { DEMO_KEY, profileLedger } from '../src/simulator/index.js';
import { EXAMPLES } from './audit-support.js';
import { runCli } from './helpers/cli.js';

const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
const client = ['node', `${EXAMPLES}openai-client.mjs`];

/** A folder holding the simulator's profile ledger as ./chatproof.yaml, with chosen clauses replaced. */
function folderWithLedger(overrides: Record<string, JsonValue>): string {
  const cwd = mkdtempSync(join(tmpdir(), 'chatproof-audit-cli-'));
  const ledger = profileLedger('cometapi', {
    baseUrl: 'http://127.0.0.1/v1',
    keyRef: 'env:CHATPROOF_SIM_KEY',
  });
  for (const clause of ledger.clauses)
    if (Object.hasOwn(overrides, clause.id)) clause.value = overrides[clause.id]!;
  writeFileSync(join(cwd, 'chatproof.yaml'), renderLedgerYaml(ledger));
  return cwd;
}

describe('audit-client with a pending ledger', () => {
  test('refuses a ledger fresh from `init` with exit 64, listing the clauses it needs, and runs nothing', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'chatproof-audit-cli-'));
    expect((await runCli(['init', '--out', 'chatproof.yaml'], { cwd, env })).code).toBe(0);
    const result = await runCli(['audit-client', '--simulator', '--', ...client], { cwd, env });
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('needs clauses that are still pending');
    for (const clause of [
      'request.model-id',
      'policy.fallback-variable',
      'errors.rate-limit',
      'errors.upstream-failure',
      'policy.max-attempts',
    ]) {
      expect(result.stderr).toContain(`  - ${clause}`);
    }
    // Nothing ran: no table, no scenario.
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toContain('baseline');
  });

  test('with a clause only some scenarios need pending, those are not-run and the rest run', async () => {
    const cwd = folderWithLedger({ 'errors.rate-limit': { status: '<RATE_LIMIT_STATUS>' } });
    const result = await runCli(
      ['audit-client', '--simulator', '--json', '--scenario', 'baseline', 'rate-limit', '--', ...client],
      { cwd, env },
    );
    const scenarios = JSON.parse(result.stdout).audit.scenarios as { name: string; class: string }[];
    expect(scenarios.map((s) => [s.name, s.class])).toEqual([
      ['baseline', 'documented-handled'],
      ['rate-limit', 'not-run'],
    ]);
    // Not run is never a pass.
    expect(JSON.parse(result.stdout).passed).toBe(false);
    expect(result.code).toBe(1);
  });

  test('a scenario not run makes the audit exit 1, and the summary line says how many were not run', async () => {
    const cwd = folderWithLedger({ 'errors.rate-limit': { status: '<RATE_LIMIT_STATUS>' } });
    const result = await runCli(
      ['audit-client', '--simulator', '--scenario', 'baseline', 'rate-limit', '--', ...client],
      { cwd, env },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'audit not passed: no scenario that ran broke a rule, but 1 scenario(s) not run (rate-limit)\n',
    );
    expect(result.stdout).not.toContain('audit passed');
  });

  test('every scenario run and handled passes with exit 0', async () => {
    const cwd = folderWithLedger({});
    const result = await runCli(['audit-client', '--simulator', '--scenario', 'baseline', '--', ...client], {
      cwd,
      env,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('audit passed: every scenario ran and none broke a rule\n');
  });

  test('refuses when every scenario asked for is blocked by a pending clause', async () => {
    const cwd = folderWithLedger({ 'errors.rate-limit': { status: '<RATE_LIMIT_STATUS>' } });
    const result = await runCli(
      ['audit-client', '--simulator', '--scenario', 'rate-limit', '--', ...client],
      {
        cwd,
        env,
      },
    );
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('  - errors.rate-limit');
  });

  test('without --simulator or --upstream, a pending base URL is named as the clause to fill', async () => {
    const cwd = folderWithLedger({ 'endpoint.base-url': '<BASE_URL>' });
    const result = await runCli(['audit-client', '--', ...client], { cwd, env });
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('  - endpoint.base-url');
  });
});

test('without a ledger file or --simulator: exit 64 naming the file and both ways to give the audit a contract', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'chatproof-audit-cli-'));
  const result = await runCli(['audit-client', '--', ...client], { cwd, env });
  expect(result.code).toBe(64);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain('chatproof.yaml:1:1: no such ledger file');
  expect(result.stderr).toContain('--ledger <file>');
  expect(result.stderr).toContain('--simulator');
});

describe('audit-client --simulator without a ledger file', () => {
  test("says on stderr that it judges against the simulator's profile ledger", async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'chatproof-audit-cli-'));
    const result = await runCli(
      ['audit-client', '--simulator', '--json', '--scenario', 'baseline', '--', ...client],
      {
        cwd,
        env,
      },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("no ./chatproof.yaml: using the simulator's cometapi profile ledger\n");
    // The note stays off stdout, which holds only the JSON.
    expect(JSON.parse(result.stdout).audit.scenarios[0].name).toBe('baseline');
  });

  test('says nothing of the kind when the ledger file exists', async () => {
    const cwd = folderWithLedger({});
    const result = await runCli(
      ['audit-client', '--simulator', '--json', '--scenario', 'baseline', '--', ...client],
      {
        cwd,
        env,
      },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('profile ledger');
  });
});

describe('audit-client with a client that fails on its own', () => {
  test('a command that cannot start: every scenario not run, the spawn error named, exit 1', async () => {
    const cwd = folderWithLedger({});
    const result = await runCli(
      [
        'audit-client',
        '--simulator',
        '--json',
        '--scenario',
        'baseline',
        'invalid-request',
        'bad-auth',
        '--',
        '/nonexistent/cmd',
      ],
      { cwd, env },
    );
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    const findings = json.findings as { check: string; class: string; reason: string }[];
    expect(findings.map((f) => [f.check, f.class, f.reason])).toEqual([
      ['audit:baseline', 'not-run', 'the command could not start: spawn /nonexistent/cmd ENOENT'],
      [
        'audit:invalid-request',
        'not-run',
        'the client failed without any fault; fix it first (see baseline)',
      ],
      ['audit:bad-auth', 'not-run', 'the client failed without any fault; fix it first (see baseline)'],
    ]);
    expect(json.passed).toBe(false);
    // Not a terminal: one plain progress line per scenario on stderr.
    for (const name of ['baseline', 'invalid-request', 'bad-auth']) {
      expect(result.stderr).toContain(`  ${name}: not-run (`);
    }
  });

  test('a command that exits 1 without any fault: not run with its exit code and redacted stderr, nothing escalates', async () => {
    const cwd = folderWithLedger({});
    // A client that fails and prints its key in the error, as careless clients do.
    const failing = [
      'node',
      '-e',
      'process.stderr.write("boom: refused with key " + process.env.OPENAI_API_KEY + "\\n"); process.exit(1)',
    ];
    const result = await runCli(
      ['audit-client', '--simulator', '--scenario', 'baseline', 'invalid-request', '--', ...failing],
      { cwd, env },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^scenario +class/);
    expect(result.stdout).toMatch(
      /baseline +not-run .*without any fault the command exited 1 \(stderr: boom: refused with key \[REDACTED\]\)/,
    );
    expect(result.stdout).toContain(REDACTED);
    expect(result.stdout).toMatch(
      /invalid-request +not-run .*the client failed without any fault; fix it first/,
    );
    expect(result.stdout).toContain('but 2 scenario(s) not run (baseline, invalid-request)');
    expect(result.stdout).not.toContain('unexpected');
    expect(result.stdout + result.stderr).not.toContain(DEMO_KEY);
    // Progress and notes go to stderr, never the table.
    expect(result.stderr).not.toContain('scenario ');
  });
});

describe('audit-client output', () => {
  test("under a scenario that broke a rule, the table shows the client's last stderr line, redacted", async () => {
    const cwd = folderWithLedger({});
    // Works without faults; on an error it prints its key, as careless clients do, and exits 0 regardless.
    const careless = [
      'node',
      '-e',
      [
        'const r = await fetch(process.env.OPENAI_BASE_URL + "/chat/completions", { method: "POST",',
        ' headers: { authorization: "Bearer " + process.env.OPENAI_API_KEY, "content-type": "application/json" },',
        ' body: JSON.stringify({ model: process.env.CHATPROOF_MODEL, messages: [{ role: "user", content: "hi" }] }) });',
        'if (!r.ok) process.stderr.write("boom: refused with key " + process.env.OPENAI_API_KEY + "\\n");',
      ].join(''),
    ];
    const result = await runCli(
      ['audit-client', '--simulator', '--scenario', 'baseline', 'invalid-request', '--', ...careless],
      { cwd, env },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('failure-reported: the client exited 0 although every request failed');
    expect(result.stdout).toContain(`└ client stderr: boom: refused with key ${REDACTED}`);
    expect(result.stdout).toContain('audit failed');
    expect(result.stdout + result.stderr).not.toContain(DEMO_KEY);
  });
});

describe('audit-client --help', () => {
  test('explains that attempts are counted per logical call', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'chatproof-audit-cli-'));
    const result = await runCli(['audit-client', '--help'], { cwd, env });
    expect(result.stdout).toContain('Attempts are counted per logical call');
    expect(result.stdout).toContain('audit.scenarios[].attempts is the most requests any one call took');
  });
});
