// The ledger location check on a folder (working tree and deploy commit) and on a response path written in code's
// own spelling: what exists is never reported missing, and a line that does not read the path is still not found.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkLocations, resolveRevision } from '../src/checks/scan/locations.js';
import { isTraceable } from '../src/checks/scan/trace.js';
import type { ClauseId, Evidence } from '../src/contract/index.js';
import { testContract, testLedger } from './builders.js';
import { git } from './helpers/git.js';

const work = mkdtempSync(join(tmpdir(), 'chatproof-locations-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let count = 0;
function repo(files: Record<string, string>): string {
  const dir = join(work, `repo-${count++}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The test ledger with only the given clauses naming repository locations, the others a runbook link. */
function contractWith(locations: Partial<Record<ClauseId, string>>, deployVersion = '<DEPLOY_VERSION>') {
  const ledger = testLedger();
  ledger.review.deployVersion = deployVersion;
  for (const clause of ledger.clauses) {
    const location = locations[clause.id as ClauseId];
    clause.implementation = [
      location === undefined
        ? { kind: 'runbook', location: `https://runbook.example.test/${clause.id}` }
        : ({ kind: 'code', location } satisfies Evidence),
    ];
  }
  return testContract(ledger);
}

async function statuses(dir: string, locations: Partial<Record<ClauseId, string>>, deployVersion?: string) {
  const contract = contractWith(locations, deployVersion);
  const revision = await resolveRevision(dir, contract.ledger.review.deployVersion);
  const checks = await checkLocations(contract, dir, revision);
  return Object.fromEntries(
    checks
      .filter((check) => check.repository)
      .map((check) => [check.clause, `${check.status}: ${check.detail}`]),
  );
}

const PROFILE = `export const profile = {
  chatPath: '/chat/completions',
  baseUrlVariable: 'CHAT_BASE_URL',
};
`;

describe('a location naming a folder', () => {
  const files = { 'src/profiles/chat.ts': PROFILE, 'src/profiles/README.txt': 'about' };

  test('in the working tree it exists: a value one of its files holds is verified, another is only claimed', async () => {
    const dir = repo(files);
    const result = await statuses(dir, {
      'endpoint.chat-path': 'src/profiles',
      'endpoint.base-url-variable': 'src/profiles/',
      'endpoint.models-path': 'src/profiles',
      'policy.timeout-ms': 'src/missing',
    });
    expect(result['endpoint.chat-path']).toBe('verified: /chat/completions is in src/profiles/chat.ts:2');
    expect(result['endpoint.base-url-variable']).toBe('verified: CHAT_BASE_URL is in src/profiles/chat.ts:3');
    expect(result['endpoint.models-path']).toMatch(
      /^not checked: src\/profiles is a folder; none of the 1 file/,
    );
    expect(result['policy.timeout-ms']).toBe('not found: src/missing does not exist in the working tree');
  });

  test('in the deploy commit it is a tree, read from the commit, not the working tree', async () => {
    const dir = repo(files);
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'deployed');
    const commit = git(dir, 'rev-parse', 'HEAD');
    // After the deploy the working tree lost the folder.
    rmSync(join(dir, 'src/profiles'), { recursive: true });
    const locations = { 'endpoint.chat-path': 'src/profiles', 'endpoint.models-path': 'src/profiles' };
    const deployed = await statuses(dir, locations, commit);
    expect(deployed['endpoint.chat-path']).toBe('verified: /chat/completions is in src/profiles/chat.ts:2');
    expect(deployed['endpoint.models-path']).toMatch(/^not checked: src\/profiles is a folder/);
    const working = await statuses(dir, locations);
    expect(working['endpoint.chat-path']).toBe('not found: src/profiles does not exist in the working tree');
  });
});

describe('a location whose line reads a response path', () => {
  const client = [
    "const completion = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });",
    'const content = completion.choices?.[0]?.message?.content;',
    "const reason = completion['choices'][0]['finish_reason'];",
    'const tokens = completion.usage?.total_tokens;',
  ].join('\n');

  test('optional chaining and bracket access hold the path the ledger writes', async () => {
    const dir = repo({ 'lib/client.mjs': client });
    const result = await statuses(dir, {
      'response.parsed-fields': 'lib/client.mjs:2',
      'response.content-path': 'lib/client.mjs:2',
      'response.finish-reason-path': 'lib/client.mjs:3',
      'response.usage-fields': 'lib/client.mjs',
    });
    // The test ledger writes `choices[0].message.content` for both, and `choices[0].finish_reason`.
    expect(result['response.parsed-fields']).toBe('verified: line 2 holds choices[0].message.content');
    expect(result['response.content-path']).toBe('verified: line 2 holds choices[0].message.content');
    expect(result['response.finish-reason-path']).toBe('verified: line 3 holds choices[0].finish_reason');
    expect(result['response.usage-fields']).toBe('verified: usage.total_tokens is on line 4');
  });

  test('a line that only mentions the keys does not hold the path', async () => {
    const dir = repo({ 'lib/client.mjs': client });
    const result = await statuses(dir, {
      'response.content-path': 'lib/client.mjs:1',
      'response.finish-reason-path': 'lib/client.mjs:2',
    });
    expect(result['response.content-path']).toBe(
      'not found: line 1 does not hold choices[0].message.content',
    );
    expect(result['response.finish-reason-path']).toBe(
      'not found: line 2 does not hold choices[0].finish_reason',
    );
  });
});

test('a folder location traces a hard-coded value written below it, as a file without a line traces any line', () => {
  const contract = contractWith({
    'endpoint.chat-path': 'src/profiles',
    'endpoint.base-url': 'src/client.ts',
  });
  const chatPath = { rule: 'hardcoded-chat-path', clause: 'endpoint.chat-path', line: 42 } as const;
  expect(isTraceable({ ...chatPath, file: 'src/profiles/chat.ts' }, contract)).toBe(true);
  expect(isTraceable({ ...chatPath, file: 'src/profiles/deep/chat.ts' }, contract)).toBe(true);
  expect(isTraceable({ ...chatPath, file: 'src/other/chat.ts' }, contract)).toBe(false);
  expect(isTraceable({ ...chatPath, file: 'src/profiles-old/chat.ts' }, contract)).toBe(false);
  const secret = { rule: 'inline-secret', clause: 'endpoint.chat-path', line: 1 } as const;
  expect(isTraceable({ ...secret, file: 'src/profiles/chat.ts' }, contract)).toBe(false);
});

test('a clause whose value has nothing to look for (an empty object) is not checked, not not found', async () => {
  const dir = repo({ 'lib/client.mjs': 'export const client = {};\n' });
  const result = await statuses(dir, {
    'response.headers': 'lib/client.mjs',
    'response.parsed-fields': 'lib/client.mjs',
  });
  expect(result['response.headers']).toBe('not checked: response.headers has no value to look for in code');
  expect(result['response.parsed-fields']).toBe(
    'not found: lib/client.mjs does not hold choices[0].message.content',
  );
});
