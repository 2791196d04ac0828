/**
 * `--out` is resolved against the folder chatproof runs in: an absolute folder is used as given, a relative one
 * lands under the working folder, and what is printed names where the files are. Probe and negative are covered
 * in hardening.test.ts; this file covers the packet- and audit-writing commands.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { renderLedgerYaml } from '../src/contract/index.js';
import { profileLedger } from '../src/simulator/index.js';
import { runCli } from './helpers/cli.js';

let dir: string;
let elsewhere: string;
let server: Server | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chatproof-out-'));
  elsewhere = mkdtempSync(join(tmpdir(), 'chatproof-out-abs-'));
});
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
  rmSync(elsewhere, { recursive: true, force: true });
});

/** A target that refuses every request: the checks run and fail quickly, and the packet is written. */
async function refusingTarget(): Promise<string> {
  server = createServer((req, res) => {
    req.resume();
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(
      '{"error":{"message":"no","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}',
    );
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

test('review --out: an absolute folder is used as given, a relative one lands under the working folder', async () => {
  const url = await refusingTarget();
  writeFileSync(
    join(dir, 'chatproof.yaml'),
    renderLedgerYaml(profileLedger('cometapi', { baseUrl: url, keyRef: 'env:OUT_KEY' })),
  );
  const env = { OUT_KEY: 'Rb8outPathsKey2Mn6' };
  const abs = join(elsewhere, 'packet');
  const absolute = await runCli(['review', '--out', abs], { cwd: dir, env });
  expect(absolute.code, absolute.stderr).not.toBe(70);
  expect(existsSync(join(abs, 'packet.json'))).toBe(true);
  expect(existsSync(join(dir, abs.slice(1)))).toBe(false);
  const relative = await runCli(['review', '--out', 'sub/packet'], { cwd: dir, env });
  expect(relative.code, relative.stderr).not.toBe(70);
  expect(existsSync(join(dir, 'sub/packet/packet.json'))).toBe(true);
}, 60_000);

test('audit-client --out: an absolute folder is used as given, a relative one lands under the working folder', async () => {
  const client = [process.execPath, '-e', '0'];
  const abs = join(elsewhere, 'audit');
  const absolute = await runCli(['audit-client', '--simulator', '--out', abs, '--', ...client], { cwd: dir });
  expect(absolute.code, absolute.stderr).not.toBe(70);
  expect(existsSync(join(abs, 'audit.json'))).toBe(true);
  expect(existsSync(join(dir, abs.slice(1)))).toBe(false);
  const relative = await runCli(['audit-client', '--simulator', '--out', 'sub/audit', '--', ...client], {
    cwd: dir,
  });
  expect(relative.code, relative.stderr).not.toBe(70);
  expect(existsSync(join(dir, 'sub/audit/audit.json'))).toBe(true);
}, 60_000);
