import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderLedgerYaml } from '../src/contract/index.js';
import { profileLedger, type Simulator, startSimulator } from '../src/simulator/index.js';
import { runCli } from './helpers/cli.js';

const KEY = 'sim-key-for-output-tests-0123';

describe('where output goes, and what it never holds', () => {
  let sim: Simulator;
  let dir: string;
  let requests = 0;

  beforeAll(async () => {
    sim = await startSimulator({ profile: 'cometapi', apiKey: KEY, onRequest: () => void requests++ });
    dir = mkdtempSync(join(tmpdir(), 'chatproof-output-'));
    const ledger = profileLedger('cometapi', { baseUrl: sim.url, keyRef: 'env:SIM_KEY' });
    writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(ledger));
    writeFileSync(join(dir, 'a-file'), 'not a folder\n');
  });
  afterAll(() => sim.close());

  test('a password in an overridden base URL appears nowhere in the output', async () => {
    const url = new URL(sim.url);
    url.username = 'ops';
    url.password = 'hunter2secretpw';
    for (const json of [true, false]) {
      const args = ['probe', '--base-url', url.toString(), ...(json ? ['--json'] : [])];
      const result = await runCli(args, { cwd: dir, env: { SIM_KEY: KEY } });
      expect(result.stdout.length).toBeGreaterThan(0);
      expect(result.stdout + result.stderr).not.toContain('hunter2secretpw');
    }
  });

  test('--out naming a file is refused before any request is sent', async () => {
    requests = 0;
    for (const command of ['probe', 'negative']) {
      const result = await runCli([command, '--out', 'a-file'], { cwd: dir, env: { SIM_KEY: KEY } });
      expect(result.code).toBe(64);
      expect(result.stderr).toMatch(/a-file: is a file; --out needs a folder/);
    }
    expect(requests).toBe(0);
  });

  test('init onto a folder is a usage error, even with --force', async () => {
    const result = await runCli(['init', '--out', '.', '--force'], { cwd: dir });
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/is a folder, not a file/);
  });

  test('a device instead of a ledger file is refused at once', async () => {
    const result = await runCli(['validate', '/dev/zero'], { cwd: dir });
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/\/dev\/zero:1:1: is not a regular file/);
  });
});
