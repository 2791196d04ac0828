import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Area, ClauseId } from '../src/contract/index.js';
import { needlesFor } from '../src/redact/index.js';
import { runCli } from './helpers/cli.js';
import { git } from './helpers/git.js';
import { CANARY, CORPUS_DIR } from './scan-support.js';

const work = mkdtempSync(join(tmpdir(), 'chatproof-scan-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Location {
  clause: ClauseId;
  value: unknown;
  location: string;
  area: Area;
}

/** A small valid ledger whose clauses name the given implementation locations. */
function ledger(entries: readonly Location[], deployVersion = '<DEPLOY_VERSION>'): string {
  const clauses = entries.map(
    (entry) => `  - id: ${entry.clause}
    area: ${entry.area}
    statement: The value the service uses.
    value: ${JSON.stringify(entry.value)}
    source: { ref: docs, quote: "documented" }
    implementation:
      - { kind: code, location: ${JSON.stringify(entry.location)} }
    owner: team-chat`,
  );
  return `version: 1
review:
  id: CHG-1
  application: js-fetch
  environment: staging
  owner: team-chat
  deployVersion: ${JSON.stringify(deployVersion)}
  configSource: lib/chat.js
  docsReviewedOn: 2026-11-20
  reviewer: j.doe
sources:
  docs: { title: Chat API documentation, url: https://docs.example.test/chat, accessed: 2026-11-20 }
clauses:
${clauses.join('\n')}
`;
}

const TRACED: Location[] = [
  {
    clause: 'endpoint.base-url',
    area: 'endpoint',
    value: 'https://api.cometapi.com/v1',
    location: 'lib/chat.js:3',
  },
  { clause: 'endpoint.chat-path', area: 'endpoint', value: '/chat/completions', location: 'lib/chat.js:3' },
  { clause: 'auth.scheme', area: 'auth', value: 'Bearer', location: 'lib/chat.js:4' },
  { clause: 'auth.header', area: 'auth', value: 'Authorization', location: 'lib/chat.js:10' },
];

function service(name: string): string {
  const dir = mkdtempSync(join(work, `${name}-`));
  cpSync(join(CORPUS_DIR, name), dir, { recursive: true });
  return dir;
}

/** Every form the canary could leak in: plain, URL-encoded, base64, JSON-escaped. */
function leaks(text: string): string[] {
  return needlesFor(CANARY)
    .filter((needle) => text.includes(needle.text))
    .map((needle) => needle.encoding);
}

describe('chatproof scan', () => {
  test('exits 1 for an untraceable hard-coded endpoint and 0 for a service that reads the environment', async () => {
    const dirty = await runCli(['scan', join(CORPUS_DIR, 'js-fetch')], { cwd: work });
    expect(dirty.code).toBe(1);
    expect(dirty.stdout).toMatch(/lib\/chat\.js:3:\d+ +hardcoded-base-url/);
    const clean = await runCli(['scan', join(CORPUS_DIR, 'clean-env')], { cwd: work });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('0 findings');
  });

  test('bad usage exits 64 with a message naming the problem', async () => {
    const format = await runCli(['scan', CORPUS_DIR, '--format', 'yaml'], { cwd: work });
    expect(format.code).toBe(64);
    expect(format.stderr).toMatch(/yaml/);
    const missing = await runCli(['scan', join(work, 'no-such-folder')], { cwd: work });
    expect(missing.code).toBe(64);
    expect(missing.stderr).toContain('no-such-folder is not a folder');
    const ledgerMissing = await runCli(['scan', CORPUS_DIR, '--ledger', 'absent.yaml'], { cwd: work });
    expect(ledgerMissing.code).toBe(64);
    expect(ledgerMissing.stderr).toContain('absent.yaml');
  });

  test('--format json prints findings and locations in the documented shape', async () => {
    const result = await runCli(['scan', join(CORPUS_DIR, 'js-fetch'), '--format', 'json'], { cwd: work });
    const document = JSON.parse(result.stdout);
    expect(Object.keys(document)).toEqual(['findings', 'locations']);
    expect(Object.keys(document.findings[0]).sort()).toEqual(
      ['clause', 'column', 'file', 'line', 'match', 'rule', 'traceable'].sort(),
    );
    expect(document.findings).toContainEqual({
      rule: 'hardcoded-chat-path',
      file: 'lib/chat.js',
      line: 3,
      column: 18,
      match: '/chat/completions',
      clause: 'endpoint.chat-path',
      traceable: false,
    });
  });

  test('a secret found in code never reaches any output, in any encoding', async () => {
    const dir = service('js-fetch');
    const outFile = join(work, 'report.sarif');
    for (const format of ['text', 'json', 'sarif']) {
      const result = await runCli(['scan', dir, '--format', format], { cwd: work });
      expect(leaks(result.stdout + result.stderr), format).toEqual([]);
      expect(result.stdout, format).toContain('[REDACTED]');
    }
    const written = await runCli(['scan', dir, '--format', 'sarif', '--out', outFile], { cwd: work });
    expect(written.code).toBe(1);
    expect(leaks(readFileSync(outFile, 'utf8'))).toEqual([]);
    // The canary is in the scanned file: the test would prove nothing if it were not.
    expect(readFileSync(join(dir, 'lib/moderation.js'), 'utf8')).toContain(CANARY);
  });

  test('a ledger naming the locations makes the endpoint and auth findings traceable', async () => {
    const dir = service('js-fetch');
    rmSync(join(dir, 'lib/moderation.js'));
    writeFileSync(join(dir, 'chatproof.yaml'), ledger(TRACED));
    const before = await runCli(['scan', '.', '--format', 'json'], { cwd: dir });
    const traced = JSON.parse(before.stdout).findings.filter((f: { traceable: boolean }) => f.traceable);
    expect(traced.map((f: { rule: string; line: number }) => `${f.rule}:${f.line}`).sort()).toEqual([
      'hardcoded-auth-header:10',
      'hardcoded-auth-header:4',
      'hardcoded-base-url:3',
      'hardcoded-chat-path:3',
    ]);
    expect(before.code).toBe(0);
    // Without the auth header's location, its finding is untraceable again and the scan fails.
    writeFileSync(join(dir, 'chatproof.yaml'), ledger(TRACED.slice(0, 3)));
    const after = await runCli(['scan', '.'], { cwd: dir });
    expect(after.code).toBe(1);
    expect(after.stdout).toMatch(
      /lib\/chat\.js:10:\d+ +hardcoded-auth-header +Authorization +auth\.header +untraced/,
    );
  });

  test('each implementation location is verified, not found, or not checked', async () => {
    const dir = service('js-fetch');
    writeFileSync(
      join(dir, 'chatproof.yaml'),
      ledger([
        {
          clause: 'endpoint.base-url',
          area: 'endpoint',
          value: 'https://api.cometapi.com/v1',
          location: 'lib/chat.js:3',
        },
        {
          clause: 'endpoint.chat-path',
          area: 'endpoint',
          value: '/chat/completions',
          location: 'lib/chat.js:9',
        },
        { clause: 'auth.header', area: 'auth', value: 'Authorization', location: 'lib/missing.js:10' },
        { clause: 'policy.timeout-ms', area: 'limits-billing', value: 20000, location: 'lib/chat.js:400' },
        {
          clause: 'request.model-id',
          area: 'request',
          value: 'deepseek-chat',
          location: 'https://grafana.example.test/d/chat',
        },
      ]),
    );
    const result = await runCli(['scan', '.', '--format', 'json'], { cwd: dir });
    const statuses = JSON.parse(result.stdout).locations.map(
      (l: { clause: string; status: string }) => `${l.clause} ${l.status}`,
    );
    expect(statuses).toEqual([
      'endpoint.base-url verified',
      'endpoint.chat-path not found',
      'auth.header not found',
      'policy.timeout-ms not found',
      'request.model-id not checked',
    ]);
    const text = await runCli(['scan', '.'], { cwd: dir });
    expect(text.stdout).toContain('line 400 is past the end of lib/chat.js');
  });

  test('with the deploy version naming a commit, locations are read from that commit, not the working tree', async () => {
    const dir = service('js-fetch');
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'deployed');
    const commit = git(dir, 'rev-parse', 'HEAD');
    // After the deploy, the working tree moved the URL elsewhere.
    const chat = join(dir, 'lib/chat.js');
    writeFileSync(chat, `\n\n\n${readFileSync(chat, 'utf8')}`);
    const entry = [TRACED[0]!];
    writeFileSync(join(dir, 'chatproof.yaml'), ledger(entry, commit));
    const deployed = JSON.parse((await runCli(['scan', '.', '--format', 'json'], { cwd: dir })).stdout);
    expect(deployed.locations[0].status).toBe('verified');
    writeFileSync(join(dir, 'chatproof.yaml'), ledger(entry, '<DEPLOY_VERSION>'));
    const working = JSON.parse((await runCli(['scan', '.', '--format', 'json'], { cwd: dir })).stdout);
    expect(working.locations[0].status).toBe('not found');
  });
});
