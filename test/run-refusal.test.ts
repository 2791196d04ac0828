import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runNegative, runProbe } from '../src/checks/index.js';
import { openSession } from '../src/checks/probe/index.js';
import { renderLedgerYaml } from '../src/contract/index.js';
import { testContract, testLedger, withClause } from './builders.js';
import { runCli } from './helpers/cli.js';

/** The builders' ledger names `env:CHAT_API_KEY`; an environment without it cannot read the key. */
const NO_KEY = {};

describe('a run that cannot open is data, never a thrown error', () => {
  test('openSession returns E_SECRET_REF naming the reference when the key cannot be read', async () => {
    const opened = await openSession(testContract(), { env: NO_KEY });
    expect(opened).toEqual({
      ok: false,
      code: 'E_SECRET_REF',
      message: 'env:CHAT_API_KEY: the environment variable CHAT_API_KEY is not set',
    });
  });

  test('openSession returns E_PLACEHOLDER when the target is pending', async () => {
    const ledger = withClause(testLedger(), 'endpoint.base-url', (clause) => ({
      ...clause,
      value: '<BASE_URL>',
    }));
    const opened = await openSession(testContract(ledger), { env: { CHAT_API_KEY: 'k' } });
    expect(opened).toMatchObject({ ok: false, code: 'E_PLACEHOLDER' });
  });

  test('an opened session sends with the key it read', async () => {
    const opened = await openSession(testContract(), { env: { CHAT_API_KEY: 'zq7Canary0fRun' } });
    expect(opened.ok).toBe(true);
    if (opened.ok) {
      expect(opened.session.redactor.text('zq7Canary0fRun')).not.toContain('zq7Canary0fRun');
      opened.session.close();
    }
  });

  test.each([
    ['probe', runProbe, 'endpoint'],
    ['negative', runNegative, 'errors'],
  ] as const)(
    '%s: nothing is sent; the result is refused and records key-unavailable',
    async (check, run, area) => {
      const result = await run(testContract(), { env: NO_KEY });
      expect(result.refused).toEqual({
        code: 'E_SECRET_REF',
        message: 'env:CHAT_API_KEY: the environment variable CHAT_API_KEY is not set',
      });
      expect(result.target).toBeUndefined();
      expect(result.findings).toEqual([
        expect.objectContaining({
          class: 'not-run',
          check,
          area,
          code: 'key-unavailable',
          clause: 'auth.key-ref',
          blockedBy: ['auth.key-ref'],
        }),
      ]);
      expect(result.summary['not-run']).toBe(1);
    },
  );
});

describe.each(['probe', 'negative'])('chatproof %s with a key that cannot be read', (command) => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('is exit 64 naming only the reference, with nothing printed or written', async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatproof-refusal-'));
    writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(testLedger()));
    const run = await runCli([command, '--out', 'evidence'], { cwd: dir, env: NO_KEY });
    expect(run.code).toBe(64);
    expect(run.stderr).toContain(
      'chatproof: env:CHAT_API_KEY: the environment variable CHAT_API_KEY is not set\n',
    );
    expect(run.stderr).not.toMatch(/internal error|at .*\.ts:/);
    expect(run.stdout).toBe('');
    expect(existsSync(join(dir, 'evidence', `${command}.json`))).toBe(false);
  });
});
