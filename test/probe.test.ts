import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createBudget, runNegative, runProbe } from '../src/checks/index.js';
import { CLAUSE, renderLedgerYaml } from '../src/contract/index.js';
import { runCli } from './helpers/cli.js';
import { clauseOf, ENV, PROFILES, type Simulated, setValue, simulated } from './probe-support.js';
import { faultHeader } from './simulator/helpers.js';

let current: Simulated | undefined;
let dir: string | undefined;
afterEach(async () => {
  await current?.sim.close();
  current = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe.each(PROFILES)('probe against the %s simulator', (profile) => {
  test('a conforming target gives only documented-handled and observed-not-documented findings', async () => {
    current = await simulated(profile);
    const result = await runProbe(current.contract(), { env: ENV });
    // What the documents leave unsaid is recorded as not stated (never a pass, never in its way).
    const judged = result.findings.filter((f) => !(f.class === 'not-run' && f.code === 'not-stated'));
    const classes = new Set(judged.map((f) => f.class));
    expect([...classes].sort()).toEqual(
      [...classes].filter((c) => c === 'documented-handled' || c === 'observed-not-documented').sort(),
    );
    const codes = result.findings.map((f) => `${f.check}:${f.code}`);
    for (const code of [
      'probe-models:model-listed',
      'probe:fields-present',
      'probe:content-read',
      'probe:finish-reason-documented',
      'probe:usage-present',
      'probe:schema-valid',
      'probe-stream:stream-done',
      'probe-stream:chunk-schema-valid',
      'probe-stream:finish-reason-documented',
    ]) {
      expect(codes).toContain(code);
    }
  });

  test("records everything the seed's step 3 lists for each probe", async () => {
    current = await simulated(profile);
    const result = await runProbe(current.contract(), { env: ENV });
    expect(result.model).toMatchObject({ validation: 'models-endpoint' });
    expect(result.probes.map((p) => p.check)).toEqual(['probe', 'probe-stream']);
    for (const probe of result.probes) {
      expect(probe.endpoint).toBe(`${current.sim.url}/chat/completions`);
      expect(probe.reached).toBe(true);
      expect(probe.status).toBe(200);
      expect(probe.timings?.totalMs).toBeGreaterThan(0);
      expect(probe.timings?.firstByteMs).toBeTypeOf('number');
      expect(probe.retries).toBe(0);
      expect(probe.parser.parsed).toBe(true);
      expect(probe.reproducer).toContain('$CHATPROOF_TEST_KEY');
    }
    const json = result.probes[0];
    expect(json?.shape?.id).toBe('string');
    expect(json?.parser.usage?.every((u) => u.present && u.documented)).toBe(true);
    expect(json?.parser.content).toBeTypeOf('string');
    expect(result.probes[1]?.stream).toMatchObject({ done: true, bodyEnd: 'complete' });
    expect(result.budget?.used.requests).toBe(3);
  });

  test('asks for the usage chunk only when the ledger documents it', async () => {
    current = await simulated(profile);
    const documented = current.contract().known(CLAUSE.streamUsage) === true;
    const result = await runProbe(current.contract(), { env: ENV, only: ['probe-stream'] });
    const sent = result.findings[0]?.evidence.exchange?.request.body ?? '';
    const streamFinding = result.findings.find((f) => f.check === 'probe-stream');
    const body = streamFinding?.evidence.exchange?.request.body ?? sent;
    expect(body.includes('include_usage')).toBe(documented);
    expect(result.probes[0]?.stream?.usageChunk).toBe(documented);
  });
});

describe('probe preconditions and evidence', () => {
  test('uses a ledger-validated model when the model-list path is pending, and records which', async () => {
    current = await simulated('cometapi');
    setValue(current.ledger, CLAUSE.modelsPath, '<MODELS_PATH_FROM_DOCS>');
    clauseOf(current.ledger, CLAUSE.modelId).validated = { on: '2026-11-01', evidence: 'console model page' };
    const result = await runProbe(current.contract(), { env: ENV });
    expect(result.model).toEqual({
      id: 'gpt-4.1-nano',
      validation: 'ledger-validated',
      evidence: 'console model page',
    });
    expect(result.probes).toHaveLength(2);
  });

  test('a model the list does not name, and the ledger does not validate, is never sent', async () => {
    current = await simulated('openai');
    setValue(current.ledger, CLAUSE.modelId, 'gpt-not-in-the-list');
    const result = await runProbe(current.contract(), { env: ENV });
    expect(result.model?.validation).toBe('not-validated');
    expect(result.probes).toHaveLength(0);
    // The list itself is judged too (media type, headers, meaning): all as documented here.
    const judged = result.findings.filter((f) => f.class !== 'documented-handled');
    // The model is the operator's choice and the list the provider's word: the ledger is what to fix.
    expect(judged.map((f) => `${f.class}:${f.code}`)).toEqual([
      'configuration:model-not-listed',
      'not-run:target-misconfigured',
      'not-run:target-misconfigured',
    ]);
    expect(judged[0]?.clause).toBe(CLAUSE.modelId);
    expect(judged[0]?.message).toContain(`check ${CLAUSE.modelId}`);
  });

  test('a model the cited source names but the list does not is a discrepancy with that source', async () => {
    current = await simulated('openai');
    setValue(current.ledger, CLAUSE.modelId, 'gpt-not-in-the-list');
    const clause = clauseOf(current.ledger, CLAUSE.modelId);
    clause.source = {
      ...(clause.source as object),
      quote: 'Available models: `gpt-not-in-the-list`',
    } as never;
    const result = await runProbe(current.contract(), { env: ENV });
    const finding = result.findings.find((f) => f.code === 'model-not-listed');
    expect(finding).toMatchObject({ class: 'unexpected', clause: CLAUSE.modelId });
    expect(finding?.message).toContain('the cited source names it');
  });

  test('a model the list does not name but the ledger validates elsewhere is seen, and used', async () => {
    current = await simulated('openai');
    setValue(current.ledger, CLAUSE.modelId, 'gpt-not-in-the-list');
    clauseOf(current.ledger, CLAUSE.modelId).validated = { on: '2026-11-01', evidence: 'console model page' };
    const result = await runProbe(current.contract(), { env: ENV });
    expect(result.findings.find((f) => f.code === 'model-not-listed')).toMatchObject({
      class: 'observed-not-documented',
      clause: CLAUSE.modelId,
    });
    expect(result.model?.validation).toBe('ledger-validated');
    // The chat endpoint answers the documented unknown-model 404: the model is the cause, not the base URL.
    const served = result.findings.filter((f) => f.class === 'configuration');
    expect(served.map((f) => `${f.clause}:${f.code}`)).toEqual([`${CLAUSE.modelId}:model-not-served`]);
    expect(
      result.findings.some((f) => f.code === 'model-not-listed' && f.class !== 'observed-not-documented'),
    ).toBe(false);
  });

  test('--base-url and --key-ref override the ledger for one run and are recorded', async () => {
    current = await simulated('cometapi');
    setValue(current.ledger, CLAUSE.baseUrl, 'http://127.0.0.1:9/v1');
    setValue(current.ledger, CLAUSE.keyRef, 'env:NOT_SET_ANYWHERE');
    const result = await runProbe(current.contract(), {
      env: { OTHER_KEY: current.sim.apiKey },
      baseUrl: current.sim.url,
      keyRef: 'env:OTHER_KEY',
    });
    expect(result.target?.overrides).toEqual([
      { clause: CLAUSE.baseUrl, ledger: 'http://127.0.0.1:9/v1', used: current.sim.url },
      { clause: CLAUSE.keyRef, ledger: 'env:NOT_SET_ANYWHERE', used: 'env:OTHER_KEY' },
    ]);
    expect(result.probes.every((p) => p.status === 200)).toBe(true);
    expect(result.probes[0]?.reproducer).toContain('$OTHER_KEY');
  });

  test('a budget of two requests probes once and records the rest as not run', async () => {
    current = await simulated('cometapi');
    const result = await runProbe(current.contract(), {
      env: ENV,
      budget: createBudget({ requests: 2, tokens: 1000 }),
    });
    expect(result.probes.map((p) => p.check)).toEqual(['probe']);
    const skipped = result.findings.find((f) => f.check === 'probe-stream');
    expect(skipped).toMatchObject({ class: 'not-run', code: 'not-sent' });
    expect(skipped?.class === 'not-run' && skipped.reason).toMatch(/2 of 2 requests/);
  });

  test('on a 429 the run stops sending and records the rate limit as a finding', async () => {
    current = await simulated('openai');
    const result = await runProbe(current.contract(), {
      env: ENV,
      extraHeaders: faultHeader('rate-limit'),
    });
    // The fault applies to the chat path: the model list succeeds, the JSON probe gets the 429, and the
    // stream probe is never sent.
    expect(result.budget?.used.requests).toBe(2);
    expect(result.budget?.stop).toMatchObject({ reason: 'rate-limit', check: 'probe' });
    const limited = result.findings.find((f) => f.code === 'rate-limited');
    expect(limited).toMatchObject({ class: 'documented-handled', clause: CLAUSE.rateLimit, check: 'probe' });
    const skipped = result.findings.find((f) => f.check === 'probe-stream');
    expect(skipped).toMatchObject({ class: 'not-run', code: 'not-sent' });
    expect(skipped?.class === 'not-run' && skipped.reason).toMatch(/429/);
    expect(result.probes.map((p) => p.status)).toEqual([429]);
  });
});

describe('chatproof probe (CLI)', () => {
  test('refuses with exit 64 and lists the pending clauses it needs', async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatproof-probe-'));
    current = await simulated('cometapi');
    setValue(current.ledger, CLAUSE.chatPath, '<COMETAPI_CHAT_PATH_FROM_DOCS>');
    setValue(current.ledger, CLAUSE.maxTokensField, '<MAX_TOKENS_FIELD_FROM_DOCS>');
    writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(current.ledger));
    const run = await runCli(['probe'], { cwd: dir, env: ENV });
    expect(run.code).toBe(64);
    expect(run.stderr).toContain(CLAUSE.chatPath);
    expect(run.stderr).toContain(CLAUSE.maxTokensField);
    expect(current.sim.profile.name).toBe('cometapi');
  });

  test('--json prints the versioned document and --out writes the same file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatproof-probe-'));
    current = await simulated('openai');
    writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(current.ledger));
    const run = await runCli(['probe', '--json', '--out', 'evidence'], { cwd: dir, env: ENV });
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(printed).toMatchObject({ schemaVersion: 1, command: 'probe', pending: [] });
    for (const finding of printed.findings) {
      expect(Object.keys(finding)).toEqual(
        expect.arrayContaining(['class', 'check', 'area', 'clause', 'code', 'message', 'evidence']),
      );
    }
    const withExchange = printed.findings.find((f: { check: string }) => f.check === 'probe');
    // The exchange is stored once in `exchanges`; the finding references it.
    expect(withExchange.evidence.exchange).toBeUndefined();
    const exchange = printed.exchanges[withExchange.evidence.exchangeRef];
    expect(exchange.request.headers.authorization).toBe('Bearer [REDACTED]');
    expect(withExchange.evidence.reproducer).toContain('"Authorization: Bearer $CHATPROOF_TEST_KEY"');
    const written = JSON.parse(readFileSync(join(dir, 'evidence', 'probe.json'), 'utf8'));
    expect(written.findings.length).toBe(printed.findings.length);
  });

  test('an unset key reference is exit 64 naming only the reference; --base-url is taken from the command line', async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatproof-probe-'));
    current = await simulated('cometapi');
    writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(current.ledger));
    const missingKey = await runCli(['probe'], { cwd: dir, env: {} });
    expect(missingKey.code).toBe(64);
    expect(missingKey.stderr).toMatch(/CHATPROOF_TEST_KEY is not set/);
    const run = await runCli(['probe', '--base-url', `${current.sim.url}/`], { cwd: dir, env: ENV });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('overrides: endpoint.base-url');
  });
});

describe.each(['probe', 'negative'])('chatproof %s with a malformed --base-url', (command) => {
  test.each(['notaurl', 'ftp://x'])(
    '%j is a usage error (exit 64) naming the option and the value, with no result printed',
    async (value) => {
      dir = mkdtempSync(join(tmpdir(), 'chatproof-base-url-'));
      current = await simulated('cometapi');
      writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(current.ledger));
      const run = await runCli([command, '--base-url', value], { cwd: dir, env: ENV });
      expect(run.code).toBe(64);
      expect(run.stderr).toContain('--base-url');
      expect(run.stderr).toContain(`\`${value}\``);
      expect(run.stderr).not.toMatch(/internal error/);
      expect(run.stdout).toBe('');
    },
  );
});

test('runProbe and runNegative reject a malformed base-URL override with E_USAGE', async () => {
  current = await simulated('openai');
  const contract = current.contract();
  await expect(runProbe(contract, { env: ENV, baseUrl: 'notaurl' })).rejects.toMatchObject({
    code: 'E_USAGE',
  });
  await expect(runNegative(contract, { env: ENV, baseUrl: 'ftp://x' })).rejects.toMatchObject({
    code: 'E_USAGE',
  });
});

describe.each(['probe', 'negative'])('chatproof %s human output', (command) => {
  test('prints the result table and summary on stdout, and only progress on stderr', async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatproof-output-'));
    current = await simulated('openai');
    writeFileSync(join(dir, 'chatproof.yaml'), renderLedgerYaml(current.ledger));
    const run = await runCli([command], { cwd: dir, env: ENV });
    expect(run.code).toBe(0);
    // `chatproof probe > out.txt` captures the header, one line per finding and the count per class.
    expect(run.stdout).toMatch(new RegExp(`^${command} → http://127\\.0\\.0\\.1:\\d+/v1/chat/completions`));
    expect(run.stdout).toMatch(/^ {2}ok {4}\S+ \S+: /m);
    expect(run.stdout).toMatch(
      /\d+ documented-handled, 0 documented-not-handled, \d+ observed-not-documented, 0 unexpected, 0 configuration, 0 not-run\n$/,
    );
    expect(run.stderr).toBe(
      `${command}: ${command === 'probe' ? 'sending the contract probe (JSON, then stream)' : 'sending the negative cases one at a time'}\n`,
    );
  });
});
