import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Finding } from '../src/classify/types.js';
import { main } from '../src/cli/main.js';
import { type LedgerInput, renderLedgerYaml } from '../src/contract/index.js';
import { ChatproofError } from '../src/errors.js';
import { defaultRunners, type ReviewRunners, review } from '../src/review/index.js';
import { handledFindings, handledScenario, testLedger } from './builders.js';

const CANARY = 'sk-canary-7f3a9c1e5b2d4f6a8c0e';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatproof-review-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeLedger(ledger: LedgerInput = testLedger()): Promise<string> {
  const file = join(dir, 'chatproof.yaml');
  await writeFile(file, renderLedgerYaml(ledger));
  return file;
}

const stubs = (findings: Finding[]): Partial<ReviewRunners> => ({
  probe: async () => findings.filter((f) => f.check.startsWith('probe')),
  negative: async () => findings.filter((f) => !f.check.startsWith('probe')),
  audit: async () => ({
    scenarios: [
      { name: 'baseline', attempts: 1, delaysMs: [], exitCode: 0, class: 'documented-handled', rules: [] },
    ],
    findings: [],
  }),
});

/** The fixture ledger with a client to audit: without one, a review cannot pass. */
const audited = (): LedgerInput => ({ ...testLedger(), audit: { command: ['node', 'client.mjs'] } });

const env = { CHAT_API_KEY: CANARY };

describe('review()', () => {
  test('takes a ledger object and, with write: false, writes nothing and returns the same packet', async () => {
    const fromFile = await review({
      ledger: await writeLedger(audited()),
      cwd: dir,
      out: 'packet',
      env,
      runners: stubs(handledFindings()),
    });
    await rm(join(dir, 'packet'), { recursive: true });
    await rm(join(dir, 'chatproof.yaml'));
    const inMemory = await review({
      ledger: audited(),
      cwd: dir,
      write: false,
      env,
      runners: stubs(handledFindings()),
    });
    expect(inMemory.files).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
    expect(inMemory.verdict).toBe('pass');
    expect(inMemory.packet.findings).toEqual(fromFile.packet.findings);
    expect(inMemory.packet.generator.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(inMemory.packet.generator.version).not.toBe('0.0.0');
  });

  test('a ledger object is validated as a file would be, and its problems name it', async () => {
    const broken = { ...audited(), version: 2 } as unknown as LedgerInput;
    await expect(review({ ledger: broken, cwd: dir, write: false, env })).rejects.toMatchObject({
      code: 'E_LEDGER_INVALID',
      message: expect.stringContaining('<in-memory ledger>'),
    });
  });

  test('writes the four packet files and returns the verdict as exit code', async () => {
    const ledger = await writeLedger(audited());
    const result = await review({ ledger, cwd: dir, out: 'packet', env, runners: stubs(handledFindings()) });
    expect(result.verdict).toBe('pass');
    expect(result.exitCode).toBe(0);
    expect((await readdir(join(dir, 'packet'))).sort()).toEqual([
      'junit.xml',
      'packet.html',
      'packet.json',
      'packet.md',
    ]);
    const json = JSON.parse(await readFile(join(dir, 'packet', 'packet.json'), 'utf8'));
    expect(json.verdict).toBe('pass');
    expect(json.audit.command).toEqual(['node', 'client.mjs']);
  });

  test('without audit.command the review fails: retries and fallback were never checked', async () => {
    const ledger = await writeLedger();
    let audits = 0;
    const runners: Partial<ReviewRunners> = {
      ...stubs(handledFindings()),
      audit: async () => {
        audits += 1;
        return { scenarios: [], findings: [] };
      },
    };
    const result = await review({ ledger, cwd: dir, out: 'p', env, runners });
    expect(audits).toBe(0);
    expect(result.verdict).toBe('fail');
    expect(result.exitCode).toBe(1);
    expect(result.packet).not.toHaveProperty('audit');
    const notRun = result.packet.findings.find((f) => f.check === 'audit');
    expect(notRun).toMatchObject({
      class: 'not-run',
      reason: 'no client to audit: set audit.command in the ledger',
    });
    const reason = result.packet.reasons.find((r) => r.rule === 'area-validated-results');
    expect(reason?.message).toContain('no client to audit: set audit.command in the ledger');
    expect(reason?.findings).toContain('audit:not-run');
    // The way to a pass is to name a client, not to fix one that never ran.
    expect(notRun?.hint).toMatch(/^set `audit\.command` in the ledger/);
    expect(notRun?.hint).not.toContain('baseline');
    const classifier = result.packet.evidenceLedger.find((row) => row.id === 'error-classifier-reviewed');
    expect(classifier?.status).toBe('not-run');
  });

  test('a discrepancy exits 2 and a failure exits 1', async () => {
    const ledger = await writeLedger(audited());
    const unexpected: Finding = {
      ...handledFindings()[1]!,
      class: 'unexpected',
      check: 'negative:missing-auth',
      code: 'status-mismatch',
    };
    const escalated = await review({
      ledger,
      cwd: dir,
      out: 'a',
      env,
      runners: stubs([...handledFindings(), unexpected]),
    });
    expect(escalated.exitCode).toBe(2);
    const failed = await review({ ledger, cwd: dir, out: 'b', env, runners: stubs([]) });
    expect(failed.exitCode).toBe(1);
  });

  test('without --out, writes a new timestamped folder', async () => {
    const ledger = await writeLedger();
    const now = () => new Date('2026-06-10T09:00:05.123Z');
    const result = await review({ ledger, cwd: dir, env, now, runners: stubs(handledFindings()) });
    expect(result.packetDir).toBe(join(dir, 'chatproof-review-20260610T090005Z'));
  });

  test('--out naming an existing file is refused before any check runs (E_OUTPUT_EXISTS)', async () => {
    const ledger = await writeLedger();
    await writeFile(join(dir, 'afile'), 'keep me');
    let ran = false;
    const runners: Partial<ReviewRunners> = {
      probe: async () => {
        ran = true;
        return [];
      },
    };
    for (const out of ['afile', 'afile/packet']) {
      const error = await review({ ledger, cwd: dir, out, env, runners }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChatproofError);
      expect((error as ChatproofError).code).toBe('E_OUTPUT_EXISTS');
      expect((error as ChatproofError).message).toContain(out);
    }
    expect(ran).toBe(false);
    expect(await readFile(join(dir, 'afile'), 'utf8')).toBe('keep me');
  });

  test('chatproof review --out <existing file> is a usage error (exit 64), not an internal one', async () => {
    const ledger = await writeLedger();
    await writeFile(join(dir, 'afile'), '');
    let stderr = '';
    const code = await main(['review', '--ledger', ledger, '--out', join(dir, 'afile')], {
      cwd: dir,
      env,
      stdout: { write: () => {} },
      stderr: {
        write: (text) => {
          stderr += text;
        },
      },
    });
    expect(code).toBe(64);
    expect(stderr).toMatch(/--out .*afile is not a folder/);
    expect(stderr).not.toContain('EEXIST');
  });

  test('a check that cannot run with this ledger is recorded as not run, and the review does not pass', async () => {
    const ledger = await writeLedger(audited());
    const runners: Partial<ReviewRunners> = {
      ...stubs(handledFindings()),
      negative: async () => {
        throw new ChatproofError(
          'E_SECRET_REF',
          'env:CHAT_API_KEY: the environment variable CHAT_API_KEY is not set',
        );
      },
    };
    const result = await review({ ledger, cwd: dir, out: 'p', env, runners });
    expect(result.verdict).toBe('fail');
    const notRun = result.packet.findings.find((f) => f.check === 'negative');
    expect(notRun?.class).toBe('not-run');
    expect(notRun?.reason).toContain('E_SECRET_REF');
    // The error is data beside the words, and the route to a pass is chosen from it.
    expect(notRun?.error).toBe('E_SECRET_REF');
    expect(notRun?.hint).toMatch(/make the key reference resolve/);
  });

  test('a key reference that cannot be read keeps the probe and negative suite from sending, as data', async () => {
    const ledger = await writeLedger(audited());
    // The default probe and negative runners, without the key their reference names.
    const runners: Partial<ReviewRunners> = {
      ...stubs(handledFindings()),
      probe: defaultRunners.probe,
      negative: defaultRunners.negative,
    };
    const result = await review({ ledger, cwd: dir, out: 'p', env: {}, runners });
    expect(result.verdict).toBe('fail');
    for (const check of ['probe', 'negative']) {
      const finding = result.packet.findings.find((f) => f.check === check);
      expect(finding).toMatchObject({
        class: 'not-run',
        code: 'key-unavailable',
        clause: 'auth.key-ref',
        blockedBy: ['auth.key-ref'],
      });
      expect(finding?.reason).toContain('the environment variable CHAT_API_KEY is not set');
    }
  });

  test('Ctrl-C writes a partial packet marked incomplete that never passes, exit 130', async () => {
    const ledger = await writeLedger(audited());
    const controller = new AbortController();
    let negativeRan = false;
    const runners: Partial<ReviewRunners> = {
      probe: async () => {
        controller.abort();
        return handledFindings();
      },
      negative: async () => {
        negativeRan = true;
        return [];
      },
    };
    const result = await review({ ledger, cwd: dir, out: 'p', env, runners, signal: controller.signal });
    expect(negativeRan).toBe(false);
    expect(result.exitCode).toBe(130);
    expect(result.incomplete).toBe(true);
    expect(result.verdict).not.toBe('pass');
    const json = JSON.parse(await readFile(join(dir, 'p', 'packet.json'), 'utf8'));
    expect(json.incomplete).toBe(true);
    expect(await readFile(join(dir, 'p', 'packet.md'), 'utf8')).toMatch(/^# .*: FAIL · incomplete( ·|\n)/);
  });

  test('runs the client audit only when the ledger names a command', async () => {
    const calls: string[][] = [];
    const runners: Partial<ReviewRunners> = {
      ...stubs(handledFindings()),
      audit: async (_contract, command) => {
        calls.push([...command]);
        return {
          scenarios: [handledScenario()],
          findings: [],
        };
      },
    };
    const withAudit = await writeLedger({ ...testLedger(), audit: { command: ['node', 'client.mjs'] } });
    const result = await review({ ledger: withAudit, cwd: dir, out: 'p', env, runners });
    expect(calls).toEqual([['node', 'client.mjs']]);
    expect(result.packet.audit?.scenarios.map((s) => s.name)).toEqual(['baseline']);
  });

  test('the resolved key appears in no packet file, even when a check leaks it', async () => {
    const leaky: Finding = {
      ...handledFindings()[0]!,
      check: 'probe',
      evidence: {
        reproducer: `curl -H 'Authorization: Bearer ${CANARY}' https://api.example.test/v1/chat/completions`,
        observed: { echoed: CANARY, encoded: Buffer.from(CANARY).toString('base64') },
        exchange: {
          startedAt: '2026-06-10T09:00:00.000Z',
          request: {
            method: 'POST',
            url: `https://api.example.test/v1/chat/completions?key=${CANARY}`,
            headers: { authorization: `Bearer ${CANARY}` },
          },
          response: {
            status: 200,
            headers: { 'x-echo': CANARY },
            body: `{"echo":"${CANARY}"}`,
            truncated: false,
          },
          timings: { totalMs: 12 },
        },
      },
    };
    const ledger = await writeLedger();
    await review({ ledger, cwd: dir, out: 'p', env, runners: stubs([...handledFindings(), leaky]) });
    for (const file of await readdir(join(dir, 'p'))) {
      const text = await readFile(join(dir, 'p', file), 'utf8');
      expect(text, file).not.toContain(CANARY);
      expect(text, file).not.toContain(Buffer.from(CANARY).toString('base64'));
      expect(text, file).not.toContain(CANARY.slice(3, 20));
    }
  });
});
