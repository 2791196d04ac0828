import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { maskPacket, RENDERERS } from '../src/report/index.js';
import { DEMO_KEY } from '../src/simulator/index.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
let dir: string;

beforeAll(async () => {
  // The README's command runs the built package; build it when this checkout has not been built yet.
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) await run('npm', ['run', 'build'], { cwd: ROOT });
  dir = await mkdtemp(join(tmpdir(), 'cp-demo-test-'));
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

  test('two runs give byte-identical packets once times, durations, ports and made-up ids are masked', async () => {
    const env = { ...process.env, NO_COLOR: '1', CHATPROOF_SIM_KEY: '' };
    const rendered: string[][] = [];
    for (const name of ['first', 'second']) {
      const out = join(dir, name);
      await run('npx', ['--offline', 'chatproof', 'demo', '--out', out, '--quiet'], {
        cwd: ROOT,
        env,
        timeout: 90_000,
      });
      // The output folder is an input of the run; name it the same way for both.
      const text = (await readFile(join(out, 'packet.json'), 'utf8')).replaceAll(out, '<OUT>');
      const packet = maskPacket(JSON.parse(text));
      rendered.push(Object.values(RENDERERS).map(({ render }) => render(packet)));
    }
    expect(rendered[1]).toEqual(rendered[0]);
  }, 180_000);
});
