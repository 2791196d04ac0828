/**
 * SIGINT and SIGTERM stop a real `chatproof` process mid-review and mid-audit: a partial packet marked
 * incomplete, exit 130 or 143, and within 5 s no audited client (nor a process it started) is left running.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { renderLedgerYaml } from '../src/contract/index.js';
import { profileLedger, type Simulator, startSimulator } from '../src/simulator/index.js';
import { until } from './helpers/until.js';

const BIN = fileURLToPath(new URL('../bin/chatproof.js', import.meta.url));
/** After the signal, every client and grandchild must be gone within this bound. */
const NO_CHILD_AFTER_MS = 5_000;

let dir: string;
let sim: Simulator;
let running: ChildProcess | undefined;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatproof-signals-'));
  sim = await startSimulator({ profile: 'cometapi', seed: 1 });
  // A client that never finishes and starts a grandchild of its own; both write their pid down.
  writeFileSync(
    join(dir, 'client.mjs'),
    `import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
const pids = ${JSON.stringify(join(dir, 'pids'))};
appendFileSync(pids, process.pid + '\\n');
const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
appendFileSync(pids, child.pid + '\\n');
setInterval(() => {}, 1000);
`,
  );
  const ledger = {
    ...profileLedger('cometapi', { baseUrl: sim.url, keyRef: 'env:CHATPROOF_SIM_KEY' }),
    audit: { command: [process.execPath, join(dir, 'client.mjs')], timeoutMs: 60_000 },
  };
  writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(ledger));
});
afterEach(async () => {
  if (running && running.exitCode === null) running.kill('SIGKILL');
  running = undefined;
  for (const pid of pids()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone, as it should be.
    }
  }
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

function pids(): number[] {
  const file = join(dir, 'pids');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number) : [];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves true as soon as a write in the test directory makes `check` pass; false if none has within `ms`. */
function whenWritten(check: () => boolean, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const watcher = watch(dir, () => check() && done(true));
    const timer = setTimeout(() => done(check()), ms);
    function done(ok: boolean) {
      watcher.close();
      clearTimeout(timer);
      resolve(ok);
    }
    if (check()) done(true);
  });
}

/** Starts chatproof, waits until clients run, signals it; resolves with the exit code and the time to no child. */
async function interrupt(args: string[], signal: NodeJS.Signals) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: dir,
    env: { ...process.env, CHATPROOF_SIM_KEY: sim.apiKey, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running = child;
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  child.stdout?.resume();
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  // Mid-audit: at least a few clients (and their grandchildren) are running.
  expect(await whenWritten(() => pids().length >= 4, 30_000), stderr).toBe(true);
  const started = pids();
  const signalledAt = Date.now();
  child.kill(signal);
  const code = await exited;
  const clear = await until(() => pids().every((pid) => !alive(pid)), NO_CHILD_AFTER_MS);
  return { code, clear, started, msToNoChild: Date.now() - signalledAt, stderr };
}

describe('signals end the run and every child it started', () => {
  for (const [signal, exit] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    test(`${signal} mid-review: exit ${exit}, a packet marked incomplete, no client left after 5 s`, async () => {
      const result = await interrupt(['review', '--out', 'packet'], signal);
      expect(result.code, result.stderr).toBe(exit);
      expect(result.clear, `still running: ${result.started.filter(alive).join(' ')}`).toBe(true);
      const packet = JSON.parse(readFileSync(join(dir, 'packet', 'packet.json'), 'utf8')) as {
        incomplete: boolean;
        verdict: string;
      };
      expect(packet.incomplete).toBe(true);
      expect(packet.verdict).not.toBe('pass');
      console.info(`${signal} mid-review: no child ${result.msToNoChild} ms after the signal`);
    }, 60_000);

    test(`${signal} mid-audit (audit-client): exit ${exit}, no client left after 5 s`, async () => {
      const result = await interrupt(
        [
          'audit-client',
          '--simulator',
          '--timeout',
          '60000',
          '--',
          process.execPath,
          join(dir, 'client.mjs'),
        ],
        signal,
      );
      expect(result.code, result.stderr).toBe(exit);
      expect(result.clear, `still running: ${result.started.filter(alive).join(' ')}`).toBe(true);
      console.info(`${signal} mid-audit: no child ${result.msToNoChild} ms after the signal`);
    }, 60_000);
  }
});
