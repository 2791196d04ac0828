import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_KEY } from '../src/simulator/index.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
let dir: string;

beforeAll(async () => {
  // The README's command runs the built package; build it when this checkout has not been built yet.
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) await run('npm', ['run', 'build'], { cwd: ROOT });
  dir = await mkdtemp(join(tmpdir(), 'chatproof-demo-'));
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npx chatproof demo (as the README says)', () => {
  test('reviews the simulator offline, audits the example client and writes the packet', async () => {
    const out = join(dir, 'packet');
    const env = { ...process.env, NO_COLOR: '1', CHATPROOF_SIM_KEY: '' };
    const { stdout, stderr } = await run('npx', ['--offline', 'chatproof', 'demo', '--out', out], {
      cwd: ROOT,
      env,
      timeout: 90_000,
    });
    expect(stdout).toMatch(/chatproof review SIM-COMETAPI: (PASS|FAIL|ESCALATE)/);
    expect(stdout).toContain(join(out, 'packet.html'));
    expect(stderr).toContain('[4/4] audit');
    expect((await readdir(out)).sort()).toEqual([
      'chatproof.yaml',
      'junit.xml',
      'packet.html',
      'packet.json',
      'packet.md',
    ]);

    const packet = JSON.parse(await readFile(join(out, 'packet.json'), 'utf8'));
    expect(packet.schemaVersion).toBe(1);
    expect(['pass', 'fail', 'escalate']).toContain(packet.verdict);
    expect(packet.reasons.length).toBeGreaterThan(0);
    expect(packet.findings.length).toBeGreaterThan(20);
    expect(packet.findings.some((f: { check: string }) => f.check === 'probe')).toBe(true);
    expect(packet.findings.some((f: { check: string }) => f.check.startsWith('negative:'))).toBe(true);
    expect(packet.audit.command.at(-1)).toMatch(/examples[/\\]openai-client\.mjs$/);
    expect(packet.audit.scenarios.length).toBeGreaterThan(5);

    // The demo key is handled as a secret: it is in no packet file.
    for (const file of ['packet.json', 'packet.md', 'packet.html', 'junit.xml']) {
      expect(await readFile(join(out, file), 'utf8'), file).not.toContain(DEMO_KEY);
    }
  }, 120_000);
});
