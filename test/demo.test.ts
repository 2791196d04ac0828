import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ClauseId } from '../src/contract/index.js';
import type { Packet } from '../src/report/index.js';
import { DEMO_KEY } from '../src/simulator/index.js';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const ENV = { ...process.env, NO_COLOR: '1', CHATPROOF_SIM_KEY: '' };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as the README does and resolves with its exit code, whatever it is. */
async function chatproof(args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await exec('npx', ['--offline', 'chatproof', ...args], {
      cwd: ROOT,
      env: ENV,
      timeout: 90_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

let dir: string;
let first: Run;
let passing: Run;

beforeAll(async () => {
  // The README's command runs the built package (kept up to date by test/helpers/build-once.ts).
  dir = await mkdtemp(join(tmpdir(), 'cp-demo-test-'));
  // The passing run keeps no history, so it runs beside the one that does.
  [first, passing] = await Promise.all([
    chatproof(['demo', '--out', join(dir, 'first')]),
    chatproof(['demo', '--passing', '--out', join(dir, 'passing'), '--no-store']),
  ]);
}, 240_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const packetOf = async (name: string): Promise<Packet> =>
  JSON.parse(await readFile(join(dir, name, 'packet.json'), 'utf8')) as Packet;

describe('npx chatproof demo (as the README says)', () => {
  test('exits 0 and writes the four packet files plus the demo ledger', async () => {
    expect(first.code, first.stderr).toBe(0);
    expect((await readdir(join(dir, 'first'))).sort()).toEqual([
      'chatproof.yaml',
      'junit.xml',
      'packet.html',
      'packet.json',
      'packet.md',
    ]);
    expect(first.stdout).toContain(join(dir, 'first', 'packet.html'));
    expect(first.stderr).toContain('[4/4] audit');
  });

  test('fails the bundled client: the SDK retries a 500 that names an invalid request', async () => {
    const packet = await packetOf('first');
    expect(packet.verdict).toBe('fail');
    expect(packet.exitCode).toBe(1);
    const reason = packet.reasons.find((r) => r.rule === 'no-retry-invalid-request');
    expect(reason?.clauses).toEqual(['errors.invalid-request-5xx']);
    const scenario = packet.audit?.scenarios.find((s) => s.name === 'invalid-request-5xx');
    expect(scenario?.class).toBe('documented-not-handled');
    expect(scenario?.attempts).toBeGreaterThan(1);
    // Honest wording: the verdict is FAIL, the demo itself still exits 0.
    expect(first.stdout.split('\n')[0]).toMatch(
      /verdict FAIL · rehearsal against the embedded simulator \(cometapi profile\): says nothing about any provider's API · .*\(chatproof review would exit 1; the demo exits 0 when it completes\)$/,
    );
  });

  test('runs every check offline against the simulator and audits the example client', async () => {
    const packet = await packetOf('first');
    expect(packet.findings.some((f) => f.check === 'probe' && f.class === 'documented-handled')).toBe(true);
    expect(packet.findings.some((f) => f.check.startsWith('negative:'))).toBe(true);
    expect(packet.audit?.command.at(-1)).toMatch(/examples[/\\]openai-client\.mjs$/);
    expect(packet.audit?.scenarios.length).toBeGreaterThan(5);
  });

  test('the clause table shows what validated each clause: audit rules and negative cases included', async () => {
    const packet = await packetOf('first');
    const row = (id: ClauseId) => packet.clauses.find((c) => c.id === id);
    const maxAttempts = row('policy.max-attempts');
    expect(maxAttempts?.validation.status).toBe('validated');
    expect(maxAttempts?.validation.findings.some((key) => key.startsWith('audit:'))).toBe(true);
    const range = row('request.temperature-range');
    expect(range?.validation.status).toBe('validated');
    expect(range?.validation.findings).toContain('negative:temperature-out-of-range:status-matches');
    // Every finding names the clauses it judged, its own clause first.
    for (const f of packet.findings) if (f.clause) expect(f.clauses[0]).toBe(f.clause);
  });

  test('the summary counts agree with the clause table: an answered probe counts in auth', async () => {
    const packet = await packetOf('first');
    const auth = first.stdout.split('\n').find((line) => line.startsWith('auth '));
    const cells = auth?.trim().split(/\s+/) ?? [];
    expect(Number(cells[1])).toBeGreaterThan(0);
    const authRows = packet.clauses.filter((c) => c.area === 'auth');
    const validated = authRows.filter((c) => c.validation.status === 'validated').length;
    expect(cells.at(-1)).toBe(`${validated}/${authRows.length}`);
  });

  test('--passing: the client configured as the contract documents gets a real PASS, offline', async () => {
    expect(passing.code).toBe(0);
    const packet = await packetOf('passing');
    expect(packet.verdict).toBe('pass');
    expect(packet.audit?.command.slice(-4)).toEqual(['--max-retries', '0', '--timeout-ms', '10000']);
    const scenario = (name: string) => packet.audit?.scenarios.find((s) => s.name === name);
    // No retry of an invalid request; the timeout scenario is judged, not skipped; streams are exercised.
    expect(scenario('invalid-request-5xx')).toMatchObject({ attempts: 1, class: 'documented-handled' });
    expect(scenario('timeout')?.class).toBe('documented-handled');
    for (const name of ['cut-stream', 'reset-mid-stream']) {
      expect(scenario(name)?.class).toBe('documented-handled');
    }
    // Nothing failed to run. What CometAPI's documents leave unsaid is recorded with its reason, and a PASS
    // is given beside it: no check could run on what was never promised.
    const notRun = packet.findings.filter((f) => f.class === 'not-run');
    expect(notRun.every((f) => f.code === 'not-stated')).toBe(true);
    expect(notRun.map((f) => f.clause).sort()).toEqual([
      'response.field-meaning',
      'response.headers',
      'response.headers',
      'response.media-types',
      'response.stream-rules',
    ]);
    expect(notRun.find((f) => f.clause === 'response.field-meaning')?.reason).toContain(
      'what `usage.total_tokens` is the sum of',
    );
    expect(notRun.find((f) => f.clause === 'response.media-types')?.reason).toContain('the error answer');
    // Still a rehearsal, and said so on the PASS line.
    expect(passing.stdout.split('\n')[0]).toMatch(/verdict PASS · rehearsal against the embedded simulator/);
    expect(passing.stdout).toContain('--max-retries 0 --timeout-ms 10000');
  });

  test('--passing: every clause left unvalidated says what judges it, and what was judged names its clause', async () => {
    const packet = await packetOf('passing');
    const row = (id: ClauseId) => packet.clauses.find((c) => c.id === id);
    // The completion status was read at response.finish-reason-path: that finding validates the path too.
    expect(row('response.finish-reason-path')?.validation).toMatchObject({ status: 'validated' });
    expect(row('response.finish-reason-path')?.validation.findings).toContain(
      'probe:finish-reason-documented',
    );
    const unvalidated = packet.clauses.filter((c) => c.validation.status === 'unvalidated');
    expect(unvalidated.length).toBeGreaterThan(0);
    for (const clause of unvalidated)
      expect(clause.validation.why, clause.id).toMatch(/^(no finding|its findings)/);
    // Only an unvalidated clause carries the note.
    for (const clause of packet.clauses.filter((c) => c.validation.status !== 'unvalidated')) {
      expect(clause.validation.why, clause.id).toBeUndefined();
    }
    // The client never retried, so the total-wait budget had nothing to measure, and the packet says so.
    expect(row('policy.max-total-wait-ms')?.validation.why).toContain('never retries');
    expect(row('support.contract-owner')?.validation.why).toContain('validated: { on, evidence }');
    // The Markdown and HTML clause tables carry the same note; the HTML renders its code spans as code.
    const md = await readFile(join(dir, 'passing', 'packet.md'), 'utf8');
    expect(md).toContain("the audit's wait-within-budget rule judges it only when the client waits");
    const page = await readFile(join(dir, 'passing', 'packet.html'), 'utf8');
    expect(page).toContain('<code>validated: { on,<wbr> evidence }</code>');
    expect(page).not.toMatch(/>[^<]*`validated: \{ on/);
  });

  test('its packet.json validates against the committed schema/packet.schema.json', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const schema = JSON.parse(await readFile(join(ROOT, 'schema', 'packet.schema.json'), 'utf8'));
    const validate = ajv.compile(schema);
    expect(validate(await packetOf('first')), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
  });

  test('the demo key is handled as a secret: it is in no packet file', async () => {
    for (const file of ['packet.json', 'packet.md', 'packet.html', 'junit.xml']) {
      expect(await readFile(join(dir, 'first', file), 'utf8'), file).not.toContain(DEMO_KEY);
    }
  });
});

describe('chatproof demo options', () => {
  test('--help shows --out <dir> once and says the demo uses its own ledger', async () => {
    const help = await chatproof(['demo', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--out <dir>/);
    expect(help.stdout.match(/--out <dir>/g)).toHaveLength(1);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(
      'writes and uses its own ledger (--ledger is not read)',
    );
  });

  test('--out naming an existing file is a usage error (exit 64), and the file is untouched', async () => {
    const file = join(dir, 'afile');
    await writeFile(file, 'keep me');
    for (const args of [
      ['demo', '--out', file],
      ['--out', file, 'demo'],
    ]) {
      const run = await chatproof(args);
      expect(run.code, args.join(' ')).toBe(64);
      expect(run.stderr).toContain('is not a folder');
    }
    expect(await readFile(file, 'utf8')).toBe('keep me');
  });
});
