/** `chatproof simulate` through the CLI entry point: URL on stdout, ledger out, key reference, clean stop. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { main } from '../src/cli/main.js';
import { parseLedger, pendingReport } from '../src/contract/index.js';
import { DEMO_KEY } from '../src/simulator/index.js';
import { testContract } from './builders.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatproof-sim-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `chatproof simulate …` until `use` finishes with the printed output, then aborts it. */
async function run(
  argv: string[],
  env: NodeJS.ProcessEnv,
  use: (stdout: string, stderr: () => string) => Promise<void>,
) {
  const controller = new AbortController();
  let stdout = '';
  let stderr = '';
  let lineOut: () => void = () => {};
  const firstLine = new Promise<void>((resolve) => {
    lineOut = resolve;
  });
  const exit = main(['simulate', ...argv], {
    stdout: {
      write: (text) => {
        stdout += text;
        if (stdout.includes('\n')) lineOut();
      },
    },
    stderr: {
      write: (text) => {
        stderr += text;
      },
    },
    env,
    cwd: dir,
    isTTY: false,
    signal: controller.signal,
  });
  // The first line is the URL; a run that exits before printing one goes straight to its exit code.
  await Promise.race([firstLine, exit]);
  try {
    await use(stdout, () => stderr);
  } finally {
    controller.abort();
  }
  return { code: await exit, stdout, stderr };
}

test('prints the URL, serves a stream the openai SDK reads, writes the ledger, and stops on abort', async () => {
  const result = await run(['--profile', 'cometapi', '--ledger-out', 'sim.yaml'], {}, async (stdout) => {
    const url = stdout.trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const sdk = new OpenAI({ baseURL: url, apiKey: DEMO_KEY, maxRetries: 0 });
    const stream = await sdk.chat.completions.create({
      model: 'gpt-4.1-nano',
      messages: [{ role: 'user', content: 'Return the literal text: contract_probe_ok' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('contract_probe_ok');
  });
  expect(result.code).toBe(0);
  expect(result.stderr).not.toContain(DEMO_KEY);
  const ledger = parseLedger(await readFile(join(dir, 'sim.yaml'), 'utf8'), 'sim.yaml');
  expect(pendingReport(testContract(ledger)).flatMap((area) => area.pending)).toEqual([]);
  const baseUrl = ledger.clauses.find((clause) => clause.id === 'endpoint.base-url')?.value;
  expect(baseUrl).toBe(result.stdout.trim());
});

test('the review command it prints for the ledger it wrote runs as printed: the probe is answered', async () => {
  const result = await run(
    ['--profile', 'cometapi', '--ledger-out', 'sim.yaml'],
    {},
    async (_stdout, stderr) => {
      const said =
        /review it: (set (\w+) to the demo key \(README, "Simulator"\), then: )?(chatproof review .*)$/m.exec(
          stderr(),
        );
      expect(said?.[2]).toBe('CHATPROOF_SIM_KEY');
      expect(said?.[3]).toBe('chatproof review --ledger sim.yaml');
      const argv = said![3]!.split(' ').slice(1);
      let out = '';
      const sink = {
        write: (text: string) => {
          out += text;
        },
      };
      await main([...argv, '--out', 'review', '--no-store'], {
        stdout: sink,
        stderr: sink,
        env: { CHATPROOF_SIM_KEY: DEMO_KEY },
        cwd: dir,
        isTTY: false,
        signal: new AbortController().signal,
      });
      const packet = JSON.parse(await readFile(join(dir, 'review', 'packet.json'), 'utf8'));
      const probe = packet.findings.filter((f: { check: string }) => f.check === 'probe');
      expect(probe.map((f: { code: string }) => f.code)).toContain('content-read');
      expect(packet.findings.some((f: { code: string }) => f.code === 'key-unavailable')).toBe(false);
      expect(out).not.toContain(DEMO_KEY);
    },
  );
  expect(result.code).toBe(0);
  expect(result.stderr).not.toContain(DEMO_KEY);
});

test('--model (repeatable) serves the ids given; --ledger-out records the first as request.model-id, basis local', async () => {
  const result = await run(
    [
      '--profile',
      'openai',
      '--model',
      'my-deployment-a',
      '--model',
      'my-deployment-b',
      '--ledger-out',
      'm.yaml',
    ],
    {},
    async (stdout) => {
      const sdk = new OpenAI({ baseURL: stdout.trim(), apiKey: DEMO_KEY, maxRetries: 0 });
      const listed = (await sdk.models.list()).data.map((model) => model.id);
      expect(listed).toEqual(expect.arrayContaining(['my-deployment-a', 'my-deployment-b']));
      const completion = await sdk.chat.completions.create({
        model: 'my-deployment-b',
        messages: [{ role: 'user', content: 'Return the literal text: contract_probe_ok' }],
      });
      expect(completion.model).toBe('my-deployment-b');
      expect(completion.choices[0]?.message.content).toBe('contract_probe_ok');
    },
  );
  expect(result.code).toBe(0);
  const ledger = parseLedger(await readFile(join(dir, 'm.yaml'), 'utf8'), 'm.yaml');
  const clause = ledger.clauses.find((c) => c.id === 'request.model-id');
  expect(clause).toMatchObject({ value: 'my-deployment-a', basis: 'local' });
  expect(pendingReport(testContract(ledger)).flatMap((area) => area.pending)).toEqual([]);
});

test('--json prints the URL, profile and catalogue names; --key-ref env:NAME sets the accepted key', async () => {
  const env = { MY_SIM_KEY: 'a-key-from-the-environment' };
  const result = await run(
    ['--profile', 'openai', '--key-ref', 'env:MY_SIM_KEY', '--json'],
    env,
    async (stdout) => {
      const summary = JSON.parse(stdout);
      expect(summary).toMatchObject({ profile: 'openai', keyRef: 'env:MY_SIM_KEY', demoKey: false });
      expect(summary.faults).toContain('rate-limit-retry-after');
      expect(summary.drifts).toContain('no-done');
      const ok = await fetch(`${summary.url}/models`, {
        headers: { authorization: `Bearer ${env.MY_SIM_KEY}` },
      });
      expect(ok.status).toBe(200);
      const demo = await fetch(`${summary.url}/models`, { headers: { authorization: `Bearer ${DEMO_KEY}` } });
      expect(demo.status).toBe(401);
    },
  );
  expect(result.code).toBe(0);
  expect(result.stdout + result.stderr).not.toContain(env.MY_SIM_KEY);
});

test('--key-ref file:PATH reads the key from a file', async () => {
  await writeFile(join(dir, 'key.txt'), 'file-key\n');
  await run(['--key-ref', 'file:key.txt'], {}, async (stdout) => {
    const res = await fetch(`${stdout.trim()}/models`, { headers: { authorization: 'Bearer file-key' } });
    expect(res.status).toBe(200);
  });
});

test('an unset --key-ref variable is a usage error (exit 64)', async () => {
  const result = await run(['--key-ref', 'env:NOT_SET_ANYWHERE'], {}, async () => undefined);
  expect(result.code).toBe(64);
  expect(result.stderr).toContain('NOT_SET_ANYWHERE');
});
