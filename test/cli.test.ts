import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { main } from '../src/cli/main.js';
import { runCli } from './helpers/cli.js';

const COMMANDS = [
  'init',
  'validate',
  'simulate',
  'probe',
  'negative',
  'proxy',
  'audit-client',
  'review',
  'scan',
  'demo',
];
const cwd = mkdtempSync(join(tmpdir(), 'chatproof-cli-'));

describe('command line', () => {
  for (const command of COMMANDS) {
    test(`\`${command} --help\` explains the command and exits 0`, async () => {
      const result = await runCli([command, '--help'], { cwd });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: chatproof ${command}`);
    });
  }

  test("a command's help shows the global options too", async () => {
    const result = await runCli(['probe', '--help'], { cwd });
    expect(result.stdout).toContain('--ledger <file>');
    expect(result.stdout).toContain('--json');
  });

  test('top-level help lists every command and the exit codes', async () => {
    const result = await runCli(['--help'], { cwd });
    expect(result.code).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toContain(command);
    expect(result.stdout).toMatch(/64 +usage\/input/);
  });

  test('an unknown command or option is a usage error, exit 64', async () => {
    expect((await runCli(['bogus'], { cwd })).code).toBe(64);
    expect((await runCli(['validate', '--bogus'], { cwd })).code).toBe(64);
    expect((await runCli(['simulate', '--port', 'abc'], { cwd })).code).toBe(64);
    expect((await runCli(['simulate', '--port', '99999'], { cwd })).code).toBe(64);
    expect((await runCli(['proxy', '--upstream', 'http://127.0.0.1:9', '--port', '-1'], { cwd })).code).toBe(
      64,
    );
  });

  test('--version prints the package version', async () => {
    const result = await runCli(['--version'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('colour only on a terminal, and never with NO_COLOR or --no-color', async () => {
    const output = async (env: NodeJS.ProcessEnv, isTTY: boolean, extra: string[] = []) => {
      const err: string[] = [];
      await main(['validate', 'missing.yaml', ...extra], {
        cwd,
        env,
        isTTY,
        signal: new AbortController().signal,
        stdout: { write: () => {} },
        stderr: { write: (text) => err.push(text) },
      });
      return err.join('');
    };
    const ansi = '\u001b[';
    expect(await output({}, true)).toContain(ansi);
    expect(await output({}, false)).not.toContain(ansi);
    expect(await output({ NO_COLOR: '1' }, true)).not.toContain(ansi);
    expect(await output({}, true, ['--no-color'])).not.toContain(ansi);
  });

  test('an empty NO_COLOR leaves colour on; FORCE_COLOR turns it on into a pipe, FORCE_COLOR=0 off', async () => {
    const output = async (env: NodeJS.ProcessEnv, isTTY: boolean, extra: string[] = []) => {
      const err: string[] = [];
      await main(['validate', 'missing.yaml', ...extra], {
        cwd,
        env,
        isTTY,
        signal: new AbortController().signal,
        stdout: { write: () => {} },
        stderr: { write: (text) => err.push(text) },
      });
      return err.join('');
    };
    const ansi = '\u001b[';
    expect(await output({ NO_COLOR: '' }, true)).toContain(ansi);
    expect(await output({ FORCE_COLOR: '1' }, false)).toContain(ansi);
    expect(await output({ FORCE_COLOR: '0' }, true)).not.toContain(ansi);
    expect(await output({ FORCE_COLOR: '1', NO_COLOR: '1' }, false)).not.toContain(ansi);
    expect(await output({ FORCE_COLOR: '1' }, false, ['--no-color'])).not.toContain(ansi);
  });

  test('--json keeps stdout machine-readable and messages on stderr', async () => {
    const result = await runCli(['validate', 'missing.yaml', '--json'], { cwd });
    expect(result.code).toBe(64);
    const report = JSON.parse(result.stdout);
    expect(report.valid).toBe(false);
    expect(report.problems[0]).toMatchObject({
      code: 'E_FILE_NOT_FOUND',
      file: 'missing.yaml',
      line: 1,
      col: 1,
    });
  });
});
