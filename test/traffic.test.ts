import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  type Drift,
  type GenerateOptions,
  MALFORMED,
  PLANTED,
  plantedCounts,
} from '../src/checks/traffic/generate.js';
import {
  auditTraffic,
  fileInput,
  judgeExchange,
  mergeResults,
  type TrafficResult,
  trafficSetup,
} from '../src/checks/traffic/index.js';
import type { CapturedExchange } from '../src/checks/traffic/types.js';
import type { FindingCode } from '../src/classify/codes.js';
import type { FindingClass } from '../src/classify/types.js';
import type { ClauseRef } from '../src/contract/index.js';
import { profileContract } from './builders.js';
import { runCli } from './helpers/cli.js';
import { contract, type Workspace, workspace } from './traffic-support.js';

const DRIFTS = Object.fromEntries(
  Object.keys(PLANTED).map((name, i) => [name, 2 + ((i * 7) % 11)]),
) as Record<Drift, number>;
const MAX = 64 * 1024;
const DRIFTED: GenerateOptions = {
  seed: 11,
  conforming: 150,
  drifts: DRIFTS,
  malformed: Object.fromEntries(MALFORMED.map((name, i) => [name, 1 + i])),
  maxRecordBytes: MAX,
  gzipShare: 0.3,
};

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => ws.close());

function count(
  result: TrafficResult,
  key: { class: FindingClass; clause: ClauseRef | null; code: FindingCode },
): number {
  return (
    result.findings.find((f) => f.class === key.class && f.clause === key.clause && f.code === key.code)
      ?.count ?? 0
  );
}

describe('traffic audit of generated captures', () => {
  for (const format of ['jsonl', 'har'] as const) {
    test(`every planted drift comes back with its exact count (${format})`, async () => {
      const file = ws.write(`drifted.${format}`, format, DRIFTED);
      const result = await auditTraffic(contract(), [fileInput(file, `drifted.${format}`)], {
        maxRecordBytes: MAX,
      });
      const planted = plantedCounts(DRIFTED);
      expect(result.records.total).toBe(planted.records);
      expect(result.records.judged).toBe(planted.judged);
      for (const [drift, n] of Object.entries(DRIFTS))
        expect(count(result, PLANTED[drift as Drift]), drift).toBe(n);
      const skipped = Object.values(result.records.skipped).reduce((a, b) => a + (b ?? 0), 0);
      expect(skipped).toBe(planted.records - planted.judged);
      if (format === 'jsonl') {
        const expected = Object.fromEntries(MALFORMED.map((name, i) => [name, 1 + i]));
        expect(result.records.skipped).toEqual(expected);
      }
      expect(result.records.skipped['judge-error']).toBeUndefined();
      // The example is the first offending exchange, with where it sits.
      const cut = result.findings.find((f) => f.code === 'stream-cut');
      expect(cut?.example.record).toMatchObject({ file: `drifted.${format}` });
      expect(cut?.example.exchange?.response?.headers['content-type']).toBe('text/event-stream');
    });
  }

  test('a conforming capture gives nothing unexpected and nothing undocumented, and exits 0', async () => {
    ws.write('ok.jsonl', 'jsonl', { seed: 5, conforming: 300, gzipShare: 0.5 });
    const run = await runCli(['audit-traffic', 'ok.jsonl', '--json'], { cwd: ws.dir });
    const result = JSON.parse(run.stdout) as TrafficResult;
    expect(result.records).toEqual({ total: 301, judged: 301, skipped: {} });
    // The one thing seen beyond the contract: the media type of an error status OpenAI's document never lists
    // (its only error answer is the 429), observed, not contracted.
    expect(
      result.findings
        .filter((f) => f.class !== 'documented-handled')
        .map((f) => `${f.class} ${f.clause} ${f.code}`),
    ).toEqual(['observed-not-documented response.media-types media-type-undocumented']);
    // A client's own bad request answered in the documented envelope is handled, not an alarm.
    expect(
      count(result, {
        class: 'documented-handled',
        clause: 'errors.invalid-request',
        code: 'status-matches',
      }),
    ).toBeGreaterThan(0);
    expect(result.models).toMatchObject([
      { id: 'gpt-4o-mini', exchanges: 300, inLedger: true, validation: 'models-endpoint' },
    ]);
    expect(run.code).toBe(0);
  });

  test('shards add up exactly to the whole, in JSON Lines and HAR', async () => {
    for (const format of ['jsonl', 'har'] as const) {
      const file = ws.write(`all.${format}`, format, DRIFTED);
      const input = () => [fileInput(file, `all.${format}`)];
      const whole = await auditTraffic(contract(), input(), { maxRecordBytes: MAX });
      const parts = await Promise.all(
        [1, 2, 3].map((k) => auditTraffic(contract(), input(), { maxRecordBytes: MAX, shard: { k, n: 3 } })),
      );
      expect(parts.map((p) => p.records.total).reduce((a, b) => a + b)).toBe(whole.records.total);
      expect(mergeResults(parts)).toEqual(whole);
      // Through JSON, as a CI matrix hands the files over.
      expect(mergeResults(parts.map((p) => JSON.parse(JSON.stringify(p))))).toEqual(whole);
    }
  });
});

describe('chatproof audit-traffic', () => {
  test('--json prints records and findings; --out writes traffic.json and a Markdown section', async () => {
    ws.write('drifted.jsonl', 'jsonl', DRIFTED);
    const run = await runCli(
      ['audit-traffic', 'drifted.jsonl', '--max-record-bytes', String(MAX), '--json', '--out', 'ev'],
      { cwd: ws.dir },
    );
    expect(run.code).toBe(2);
    const result = JSON.parse(run.stdout) as TrafficResult;
    expect(Object.keys(result.records)).toEqual(['total', 'judged', 'skipped']);
    for (const finding of result.findings) {
      expect(finding).toEqual(
        expect.objectContaining({
          class: expect.any(String),
          code: expect.any(String),
          count: expect.any(Number),
          example: expect.objectContaining({ record: expect.any(Object) }),
        }),
      );
      expect(finding).toHaveProperty('clause');
    }
    expect(JSON.parse(readFileSync(join(ws.dir, 'ev/traffic.json'), 'utf8'))).toEqual(result);
    const md = readFileSync(join(ws.dir, 'ev/traffic.md'), 'utf8');
    expect(md).toContain('# Production traffic');
    expect(md).toContain('`stream-cut`');
  });

  test('the text table shows class, clause, code, exchanges, rate and the first record', async () => {
    ws.write('drifted.jsonl', 'jsonl', DRIFTED);
    const run = await runCli(['audit-traffic', 'drifted.jsonl', '--max-record-bytes', String(MAX)], {
      cwd: ws.dir,
    });
    expect(run.stdout).toMatch(/^traffic: \d+ records, \d+ judged, \d+ skipped \(blank 1, truncated 2/);
    expect(run.stdout).toMatch(
      /DIFF\s+response\.stream-done\s+stream-cut\s+\d+\s+\d+\.\d+ %\s+drifted\.jsonl:\d+/,
    );
  });

  test('- reads stdin, and the format is found from the content', async () => {
    const file = ws.write('x.har', 'har', { seed: 2, conforming: 30 });
    const { Readable } = await import('node:stream');
    const { main } = await import('../src/cli/main.js');
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['audit-traffic', '-', '--json'], {
      cwd: ws.dir,
      env: { NO_COLOR: '1' },
      isTTY: false,
      signal: new AbortController().signal,
      stdout: { write: (t) => out.push(t) },
      stderr: { write: (t) => err.push(t) },
      stdin: Readable.from([readFileSync(file)]),
    });
    const result = JSON.parse(out.join('')) as TrafficResult;
    expect(code).toBe(0);
    expect(result.records.judged).toBe(31);
    expect(result.findings[0]?.example.record).toHaveProperty('entry');
  });

  test('--merge adds shard files; bad usage and bad inputs exit 64 naming the file', async () => {
    ws.write('c.jsonl', 'jsonl', DRIFTED);
    const whole = await runCli(['audit-traffic', 'c.jsonl', '--max-record-bytes', String(MAX), '--json'], {
      cwd: ws.dir,
    });
    for (const k of [1, 2]) {
      const part = await runCli(
        [
          'audit-traffic',
          'c.jsonl',
          '--max-record-bytes',
          String(MAX),
          '--shard',
          `${k}/2`,
          '--out',
          `s${k}`,
        ],
        { cwd: ws.dir },
      );
      expect(part.code).toBe(2);
    }
    const merged = await runCli(
      ['audit-traffic', '--merge', 's1/traffic.json', 's2/traffic.json', '--json'],
      { cwd: ws.dir },
    );
    expect(JSON.parse(merged.stdout)).toEqual(JSON.parse(whole.stdout));
    expect(merged.code).toBe(whole.code);
    const partial = await runCli(['audit-traffic', '--merge', 's1/traffic.json'], { cwd: ws.dir });
    expect(partial.stderr).toContain('shards not given: 2/2');

    expect((await runCli(['audit-traffic', 'nope.jsonl'], { cwd: ws.dir })).code).toBe(64);
    expect((await runCli(['audit-traffic', 'nope.jsonl'], { cwd: ws.dir })).stderr).toContain('nope.jsonl');
    expect((await runCli(['audit-traffic', 'c.jsonl', '--shard', '3/2'], { cwd: ws.dir })).code).toBe(64);
    expect((await runCli(['audit-traffic', 'c.jsonl', '--format', 'xml'], { cwd: ws.dir })).code).toBe(64);
    const notHar = await runCli(['audit-traffic', 'c.jsonl', '--format', 'har'], { cwd: ws.dir });
    expect(notHar.code).toBe(64);
    expect(notHar.stderr).toContain('c.jsonl: not a HAR file');
    expect((await runCli(['audit-traffic', '--merge', 'c.jsonl'], { cwd: ws.dir })).code).toBe(64);
  });

  test('a capture with nothing to judge exits 1', async () => {
    ws.write('bad.jsonl', 'jsonl', { seed: 1, conforming: 0, malformed: { blank: 3 } });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(ws.dir, 'bad.jsonl'), '\n\nnot json\n');
    const run = await runCli(['audit-traffic', 'bad.jsonl', '--json'], { cwd: ws.dir });
    expect(JSON.parse(run.stdout).records).toEqual({
      total: 3,
      judged: 0,
      skipped: { blank: 2, 'invalid-json': 1 },
    });
    expect(run.code).toBe(1);
  });
});

describe('malformed records', () => {
  test('2,000 generated malformed records are all counted as skipped by reason, none judged', async () => {
    const malformed = Object.fromEntries(MALFORMED.map((name) => [name, 222]));
    const file = ws.write('m.jsonl', 'jsonl', { seed: 8, conforming: 0, malformed, maxRecordBytes: 4096 });
    const result = await auditTraffic(contract(), [fileInput(file, 'm.jsonl')], { maxRecordBytes: 4096 });
    expect(result.records).toEqual({ total: 222 * MALFORMED.length + 1, judged: 1, skipped: malformed });
  });
});

describe('the README example', () => {
  test('the committed HAR export of a real openai SDK run gives the findings the README shows', async () => {
    const ledger = profileContract('cometapi', {
      baseUrl: 'http://127.0.0.1:1/v1',
      keyRef: 'env:CHATPROOF_SIM_KEY',
    });
    const file = join(import.meta.dirname, '../examples/captures/openai-sdk.har');
    const result = await auditTraffic(ledger, [fileInput(file, 'examples/captures/openai-sdk.har')]);
    expect(result.records).toEqual({ total: 5, judged: 5, skipped: {} });
    const counts = Object.fromEntries(
      result.findings.map((f) => [`${f.class} ${f.clause} ${f.code}`, f.count]),
    );
    expect(counts).toMatchObject({
      // `usage` is optional in the documents; the ledger's parser reads it: documented, not handled.
      'documented-not-handled response.usage-fields usage-missing': 1,
      'observed-not-documented request.model-id model-echo-resolved': 3,
      'documented-handled errors.invalid-request status-matches': 1,
      'documented-handled request.model-id model-listed': 1,
      // The simulator's ledger states nothing about the response headers: not judged.
      'not-run response.headers not-stated': 4,
    });
    expect(
      result.findings
        .filter((f) => f.class === 'unexpected')
        .map((f) => f.code)
        .sort(),
    ).toEqual([]);
    expect(result.models).toMatchObject([
      { id: 'gpt-4.1-nano', exchanges: 4, validation: 'models-endpoint' },
    ]);
  });
});

describe('worker threads', () => {
  test('judging on worker threads gives exactly the result of one thread', async () => {
    ws.write('w.jsonl', 'jsonl', { ...DRIFTED, seed: 21 });
    const { spawnSync } = await import('node:child_process');
    const run = (workers: string) =>
      spawnSync(
        process.execPath,
        [
          join(import.meta.dirname, '../bin/chatproof.js'),
          'audit-traffic',
          'w.jsonl',
          '--json',
          '--workers',
          workers,
          '--max-record-bytes',
          String(MAX),
        ],
        { cwd: ws.dir, encoding: 'utf8', maxBuffer: 64 << 20 },
      );
    const threaded = run('2');
    const single = run('0');
    expect(threaded.status).toBe(2);
    expect(JSON.parse(threaded.stdout)).toEqual(JSON.parse(single.stdout));
  });
});

describe('timestamps judged against the capture’s own time', () => {
  const completionAt = (created: number, startedAt?: string) => ({
    ...(startedAt !== undefined ? { startedAt } : {}),
    request: {
      method: 'POST',
      url: 'https://api.openai.example/v1/chat/completions',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json', 'x-request-id': 'req_capture_time' },
      body: JSON.stringify({
        id: 'chatcmpl-capture',
        object: 'chat.completion',
        created,
        model: 'gpt-4o-mini',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: 'ok', refusal: null },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
      }),
    },
  });
  const far = (record: unknown) =>
    judgeExchange(trafficSetup(contract()), record as CapturedExchange).findings.filter(
      (f) => f.code === 'meaning-time-far',
    );
  const dayBefore = Date.parse('2026-11-30T00:00:00Z') / 1000;

  test('a `created` a day before the captured start is far from the request’s clock', () => {
    const found = far(completionAt(dayBefore, '2026-12-01T00:00:00.000Z'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ class: 'unexpected', clause: 'response.field-meaning' });
  });

  test('the same answer captured a minute after it was made, or with no time recorded, holds', () => {
    expect(far(completionAt(dayBefore, '2026-11-30T00:01:00.000Z'))).toEqual([]);
    expect(far(completionAt(dayBefore))).toEqual([]);
  });

  test('a generated HAR (it records each start) of conforming traffic gives nothing unexpected', async () => {
    const file = ws.write('ok.har', 'har', { seed: 7, conforming: 200 });
    const result = await auditTraffic(contract(), [fileInput(file, 'ok.har')]);
    expect(result.findings.filter((f) => f.class === 'unexpected')).toEqual([]);
  });
});
