/** Captures hold real keys and cookies: none of them may reach any output of the traffic audit, in any form. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { review } from '../src/review/index.js';
import { runCli } from './helpers/cli.js';
import { type Workspace, workspace } from './traffic-support.js';

// Shaped like no known key prefix, so only exact-value redaction can catch them.
const KEY = 'Qm7vR2kX9pL4tW8zN1bY6cF3hJ5d';
const COOKIE = 'Hs4nT8qWe2Lk6Zp0Vx3Rb7Mc9Gy1';
const QUERY = 'Pd2Fj6Kl0Qa4Zs8Xc1Vb5Nm9Tr3W';
const BASIC = 'Wy5Ut1Ie7Ro3Pa9Sd2Fg6Hj0Kl4Z';
const CANARIES = [KEY, COOKIE, QUERY, BASIC];

/** Every form a secret may take, decoded back: raw, URL, JSON-escaped, base64/base64url at any alignment, hex. */
function leaks(out: string, secret: string): boolean {
  const pieces = Array.from({ length: secret.length - 11 }, (_, i) => secret.slice(i, i + 12));
  const views = [out, safe(() => decodeURIComponent(out))];
  for (const run of out.match(/[A-Za-z0-9+/_-]{8,}/g) ?? []) {
    for (let shift = 0; shift < 4; shift++) {
      views.push(Buffer.from(run.slice(shift), 'base64').toString('latin1'));
      views.push(Buffer.from(run.slice(shift), 'base64url').toString('latin1'));
    }
  }
  for (const run of out.match(/[0-9a-fA-F]{8,}/g) ?? []) {
    views.push(
      Buffer.from(run, 'hex').toString('latin1'),
      Buffer.from(run.slice(1), 'hex').toString('latin1'),
    );
  }
  return views.some((view) => pieces.some((piece) => view.includes(piece)));
}
function safe(read: () => string): string {
  try {
    return read();
  } catch {
    return '';
  }
}

const request = (extra: Record<string, string> = {}) => ({
  method: 'POST',
  url: `https://api.openai.example/v1/chat/completions?key=${QUERY}&trace=1`,
  headers: {
    authorization: `Bearer ${KEY}`,
    cookie: `sid=${COOKIE}; theme=dark`,
    'x-api-key': KEY,
    ...extra,
  },
  body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `my key is ${KEY}` }] }),
});
const echo = (status: number, message: string) => ({
  status,
  headers: {
    'content-type': 'application/json',
    'set-cookie': `sid=${COOKIE}; Path=/`,
    'x-request-id': 'req_1',
  },
  body: JSON.stringify({
    error: { message, type: 'invalid_request_error', param: null, code: 'invalid_api_key' },
  }),
});
const RECORDS = [
  { request: request(), response: echo(401, `Incorrect API key provided: ${KEY}.`) },
  {
    request: request(),
    response: echo(401, `bad key ${encodeURIComponent(KEY)} / ${Buffer.from(KEY).toString('base64')}`),
  },
  {
    request: request({ authorization: `Basic ${Buffer.from(`user:${BASIC}`).toString('base64')}` }),
    response: echo(418, `cookie ${COOKIE} query ${QUERY} basic ${BASIC}`),
  },
  {
    request: request(),
    response: {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: KEY, note: Buffer.from(`x${KEY}`).toString('hex') }),
    },
  },
];

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => ws.close());

function har(): string {
  const headers = (h: Record<string, string>) => Object.entries(h).map(([name, value]) => ({ name, value }));
  return JSON.stringify({
    log: {
      version: '1.2',
      entries: RECORDS.map((r, i) => ({
        request: {
          method: r.request.method,
          url: r.request.url,
          headers: headers(r.request.headers),
          postData: { mimeType: 'application/json', text: r.request.body },
        },
        response: {
          status: r.response.status,
          headers: headers(r.response.headers),
          content:
            i % 2 === 0
              ? {
                  size: 1,
                  mimeType: 'application/json',
                  text: Buffer.from(r.response.body).toString('base64'),
                  encoding: 'base64',
                }
              : { size: 1, mimeType: 'application/json', text: r.response.body },
        },
      })),
    },
  });
}

describe('traffic audit canaries', () => {
  for (const format of ['jsonl', 'har'] as const) {
    test(`no key, cookie or query secret reaches stdout, stderr, traffic.json or traffic.md (${format})`, async () => {
      const capture = format === 'har' ? har() : RECORDS.map((r) => JSON.stringify(r)).join('\n');
      for (const secret of CANARIES) expect(leaks(capture, secret), `planted ${secret}`).toBe(true);
      writeFileSync(join(ws.dir, `c.${format}`), capture);
      const outputs: string[] = [];
      for (const args of [['--json', '--out', 'ev'], []]) {
        const run = await runCli(['audit-traffic', `c.${format}`, ...args], { cwd: ws.dir });
        expect(run.code).toBe(2);
        outputs.push(run.stdout, run.stderr);
      }
      for (const file of readdirSync(join(ws.dir, 'ev')))
        outputs.push(readFileSync(join(ws.dir, 'ev', file), 'utf8'));
      const all = outputs.join('\n');
      // The examples are there (so the check is not vacuous), the secrets are not.
      expect(all).toContain('Incorrect API key provided');
      expect(all).toContain('[REDACTED]');
      for (const secret of CANARIES) expect(leaks(all, secret), secret).toBe(false);
    });
  }

  test('no key, cookie or query secret reaches the review packet (review --traffic)', async () => {
    writeFileSync(join(ws.dir, 'c.jsonl'), RECORDS.map((r) => JSON.stringify(r)).join('\n'));
    const quiet = {
      probe: async () => [],
      negative: async () => [],
      audit: async () => ({ scenarios: [], findings: [] }),
    };
    await review({
      ledger: 'chatproof.yaml',
      cwd: ws.dir,
      out: 'packet',
      traffic: ['c.jsonl'],
      runners: quiet,
      env: {},
    });
    const all = readdirSync(join(ws.dir, 'packet'))
      .map((file) => readFileSync(join(ws.dir, 'packet', file), 'utf8'))
      .join('\n');
    expect(all).toContain('Incorrect API key provided');
    for (const secret of CANARIES) expect(leaks(all, secret), secret).toBe(false);
  });
});
