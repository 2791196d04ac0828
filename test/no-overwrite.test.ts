/** No silent overwrite: an output this run did not create is refused unless --force; folders never mix runs. */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type LedgerInput, renderLedgerYaml } from '../src/contract/index.js';
import { type ReviewRunners, review } from '../src/review/index.js';
import { openStore } from '../src/store/index.js';
import { handledFindings, testLedger } from './builders.js';
import { runCli } from './helpers/cli.js';
import { reviewInput } from './store-support.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatproof-fresh-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const runners: Partial<ReviewRunners> = {
  probe: async () => handledFindings(),
  negative: async () => [],
  audit: async () => ({ scenarios: [], findings: [] }),
};
const env = { CHAT_API_KEY: 'k-51d0c7a2e9b4' };

async function ledger(): Promise<string> {
  const file = join(dir, 'chatproof.yaml');
  const input: LedgerInput = { ...testLedger(), audit: { command: ['node', 'c.mjs'] } };
  await writeFile(file, renderLedgerYaml(input));
  return file;
}

describe('review --out', () => {
  test('refuses to replace an earlier packet without --force, and replaces it whole with it', async () => {
    const file = await ledger();
    await review({ ledger: file, cwd: dir, out: 'rev2', env, runners, incident: 'FIRST' });
    const before = await readFile(join(dir, 'rev2', 'packet.json'), 'utf8');
    await expect(review({ ledger: file, cwd: dir, out: 'rev2', env, runners })).rejects.toMatchObject({
      code: 'E_OUTPUT_EXISTS',
    });
    expect(await readFile(join(dir, 'rev2', 'packet.json'), 'utf8')).toBe(before);
    await review({ ledger: file, cwd: dir, out: 'rev2', env, runners, force: true, incident: 'SECOND' });
    expect(await readFile(join(dir, 'rev2', 'packet.json'), 'utf8')).toContain('"SECOND');
  });

  test('the CLI says so and exits 64, before any check runs', async () => {
    await ledger();
    await mkdir(join(dir, 'mine'));
    await writeFile(join(dir, 'mine', 'notes.txt'), 'my notes');
    const result = await runCli(['review', '--out', 'mine'], { cwd: dir, env });
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/--out mine already holds files \(notes\.txt\).*--force/);
    expect(await readdir(join(dir, 'mine'))).toEqual(['notes.txt']);
  });
});

describe('probe, negative and audit-client --out', () => {
  test('a packet folder never gets a probe.json, even with --force', async () => {
    const file = await ledger();
    await review({ ledger: file, cwd: dir, out: 'rev', env, runners });
    for (const args of [['probe'], ['probe', '--force'], ['negative', '--force']]) {
      const result = await runCli([...args, '--out', 'rev', '--base-url', 'http://127.0.0.1:9/v1'], {
        cwd: dir,
        env,
      });
      expect(result.code).toBe(64);
      expect(result.stderr).toContain('a folder never mixes runs');
    }
    expect((await readdir(join(dir, 'rev'))).sort()).toEqual([
      'junit.xml',
      'packet.html',
      'packet.json',
      'packet.md',
    ]);
  });

  test('audit-client --out refuses to replace an earlier audit.json without --force', async () => {
    await ledger();
    await mkdir(join(dir, 'a'));
    await writeFile(join(dir, 'a', 'audit.json'), '{}');
    const result = await runCli(['audit-client', '--simulator', '--out', 'a', '--', 'node', 'c.mjs'], {
      cwd: dir,
    });
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('--out a already holds files (audit.json)');
    expect(await readFile(join(dir, 'a', 'audit.json'), 'utf8')).toBe('{}');
  });
});

describe('report --out', () => {
  /** A store holding one review; `report last --store` reads it. */
  async function stored(): Promise<string[]> {
    const file = join(dir, 'history.db');
    const store = await openStore(file);
    await store.put(reviewInput({ incident: 'INC-7' }));
    await store.close();
    return ['report', 'last', '--store', file];
  }

  test("refuses a folder holding another review's packet without --force, and writes beside it with it", async () => {
    const report = await stored();
    await mkdir(join(dir, 'other'));
    await writeFile(join(dir, 'other', 'packet.md'), '# another review');
    const refused = await runCli([...report, '--format', 'json', '--out', 'other'], { cwd: dir });
    expect(refused.code).toBe(64);
    expect(refused.stderr).toContain(
      '--out other already holds files (packet.md) this run did not create; choose a new folder, or pass --force to replace them',
    );
    expect(await readdir(join(dir, 'other'))).toEqual(['packet.md']);
    const forced = await runCli([...report, '--format', 'json', '--out', 'other', '--force'], { cwd: dir });
    expect(forced.code, forced.stderr).toBe(0);
    expect(await readFile(join(dir, 'other', 'packet.json'), 'utf8')).toContain('INC-7');
  });

  test("never writes into another kind of run's folder, even with --force; a new folder is written", async () => {
    const report = await stored();
    await mkdir(join(dir, 'probe'));
    await writeFile(join(dir, 'probe', 'probe.json'), '{}');
    const refused = await runCli([...report, '--out', 'probe', '--force'], { cwd: dir });
    expect(refused.code).toBe(64);
    expect(refused.stderr).toContain("--out probe holds another run's output (probe.json)");
    expect(await readdir(join(dir, 'probe'))).toEqual(['probe.json']);
    const fresh = await runCli([...report, '--out', 'new'], { cwd: dir });
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(await readdir(join(dir, 'new'))).toEqual(['packet.json']);
  });

  test('--help shows --force', async () => {
    const help = await runCli(['report', '--help'], { cwd: dir });
    expect(help.stdout).toMatch(/--force\s+replace the files an earlier run left in --out/);
  });
});

describe('simulate --ledger-out', () => {
  test('refuses to replace a file it did not write, before the simulator starts', async () => {
    await writeFile(join(dir, 'notes.txt'), 'my notes');
    const result = await runCli(['simulate', '--ledger-out', 'notes.txt'], { cwd: dir });
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('--ledger-out notes.txt already exists');
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('my notes');
  });
});
