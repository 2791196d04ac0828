import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { initialLedger, renderLedgerYaml } from '../src/contract/index.js';
import { runCli } from './helpers/cli.js';

const valid = renderLedgerYaml(initialLedger());

describe('validate names the problem precisely', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chatproof-validate-'));
  });

  test('key-shaped text in a YAML comment is rejected with file and line, never echoed', async () => {
    const secret = 'sk-live-AbCdEfGhIjKlMnOpQrStUvWxYz0123';
    writeFileSync(join(dir, 'comment.yaml'), `${valid}# old key: ${secret}\n`);
    const result = await runCli(['validate', 'comment.yaml'], { cwd: dir });
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/comment\.yaml:\d+:\d+:/);
    expect(result.stdout + result.stderr).not.toContain(secret.slice(8, 20));
  });

  test('a misspelled clause id suggests the nearest catalogue id', async () => {
    writeFileSync(join(dir, 'id.yaml'), valid.replace('id: endpoint.chat-path', 'id: endpoint.chat-pth'));
    const result = await runCli(['validate', 'id.yaml'], { cwd: dir });
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/did you mean `endpoint\.chat-path`/);
  });

  test('a custom clause id stays valid: a catalogue id with a qualifier silently, one that resembles one with a warning', async () => {
    const custom = (id: string) =>
      valid.replace(
        '\nwaivers:',
        `\n  - id: ${id}\n    area: errors\n    statement: A local rule.\n    value: 5\n    basis: local\n    owner: team-chat\nwaivers:`,
      );
    writeFileSync(join(dir, 'extends.yaml'), custom('errors.rate-limit-eu'));
    const extended = await runCli(['validate', 'extends.yaml'], { cwd: dir });
    expect(extended.code).toBe(0);
    expect(extended.stderr).not.toContain('warning');
    writeFileSync(join(dir, 'resembles.yaml'), custom('policy.timeout'));
    const resembles = await runCli(['validate', 'resembles.yaml'], { cwd: dir });
    expect(resembles.code).toBe(0);
    expect(resembles.stderr).toMatch(
      /warning resembles\.yaml:\d+:9: clauses\[\d+\]\.id: custom clause id `policy\.timeout` resembles the catalogue's `policy\.timeout-ms`/,
    );
    const json = await runCli(['validate', 'resembles.yaml', '--json'], { cwd: dir });
    const warnings = JSON.parse(json.stdout).warnings;
    expect(warnings).toHaveLength(1);
    // The warning points at the id itself: its line and the column where the value starts.
    const line = custom('policy.timeout').split('\n').indexOf('  - id: policy.timeout') + 1;
    expect(warnings[0]).toMatchObject({ line, col: 9 });
  });

  test('a type error names the expected type', async () => {
    writeFileSync(join(dir, 'type.yaml'), valid.replace('version: 1', "version: '1'"));
    const result = await runCli(['validate', 'type.yaml'], { cwd: dir });
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/expected number, got string/);
  });
});
