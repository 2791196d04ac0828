/** `audit.command` runs in the ledger's folder, or in `audit.cwd` relative to it, wherever chatproof starts. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { renderLedgerYaml } from '../src/contract/index.js';
import { review } from '../src/review/index.js';
import { DEMO_KEY, profileLedger, startSimulator } from '../src/simulator/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatproof-audit-cwd-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Writes the folder it runs in beside itself, then fails: the audit judges nothing further.
const CLIENT = `import { appendFileSync } from 'node:fs';
appendFileSync(new URL('./ran-in.txt', import.meta.url), process.cwd() + '\\n');
process.exit(3);
`;

async function runIn(audit: Record<string, unknown>, script?: string): Promise<string[]> {
  const sub = join(dir, 'service');
  await mkdir(join(sub, 'work'), { recursive: true });
  await writeFile(join(sub, 'client.mjs'), CLIENT);
  const sim = await startSimulator({ profile: 'cometapi', seed: 1, apiKey: DEMO_KEY });
  try {
    const ledger = {
      ...profileLedger('cometapi', { baseUrl: sim.url, keyRef: 'env:CHATPROOF_SIM_KEY' }),
      audit: { command: [process.execPath, script ?? join('..', 'service', 'client.mjs')], ...audit },
    };
    await writeFile(join(sub, 'chatproof.yaml'), renderLedgerYaml(ledger));
    await review({
      ledger: join('service', 'chatproof.yaml'),
      cwd: dir,
      out: 'packet',
      env: { ...process.env, CHATPROOF_SIM_KEY: DEMO_KEY },
      simulatorKey: DEMO_KEY,
      simulatorProfile: 'cometapi',
    });
  } finally {
    await sim.close();
  }
  return (await readFile(join(sub, 'ran-in.txt'), 'utf8')).trim().split('\n');
}

describe('audit.command working folder', () => {
  test("runs in the ledger's folder, not where chatproof was started", async () => {
    const folders = await runIn({});
    expect(folders.length).toBeGreaterThan(0);
    expect(new Set(folders)).toEqual(new Set([join(dir, 'service')]));
  });

  test('runs in audit.cwd, relative to the ledger, when given', async () => {
    const folders = await runIn({ cwd: 'work' }, join(dir, 'service', 'client.mjs'));
    expect(new Set(folders)).toEqual(new Set([join(dir, 'service', 'work')]));
  });
});
