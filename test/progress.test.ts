/**
 * Progress on stderr while checks wait: the client audit shows each scenario as it starts and ends, and any
 * request that has had no answer for a while says so, as does the probe; against a real, slow loopback server.
 * Off a terminal every line is plain text (no control characters); on one, a live line is redrawn.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { type AuditProgressEvent, auditClient, auditProgressReporter } from '../src/checks/audit/index.js';
import { runProbe } from '../src/checks/index.js';
import type { WaitingNotice } from '../src/http/index.js';
import { progressReporter } from '../src/review/progress.js';
import { simulatorContract } from './audit-support.js';

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A loopback server that answers every request after `delayMs` (bounded: it always answers). */
async function slowServer(delayMs: number): Promise<string> {
  const server = http.createServer((req, res) => {
    req.resume();
    const timer = setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [] }));
    }, delayMs);
    res.on('close', () => clearTimeout(timer));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

function sink() {
  let text = '';
  return {
    write: (chunk: string) => {
      text += chunk;
    },
    text: () => text,
  };
}

// A client that makes one call and exits 0 whatever the answer: the test is about the wait, not the verdict.
const CLIENT = `await fetch(process.env.CHATPROOF_BASE_URL + '/chat/completions', { method: 'POST',
  headers: { 'content-type': 'application/json' }, body: '{}' }).catch(() => {}); process.exit(0);`;

describe('progress while waiting', () => {
  test('the client audit reports start, the wait for a first byte, and the end of each scenario', async () => {
    const upstream = await slowServer(1_500);
    const events: AuditProgressEvent[] = [];
    const plain = sink();
    const plainReporter = auditProgressReporter(plain, false);
    const live = sink();
    const liveReporter = auditProgressReporter(live, true);
    await auditClient(simulatorContract(), {
      command: [process.execPath, '--input-type=module', '-e', CLIENT],
      upstream,
      env: { PATH: process.env.PATH ?? '' },
      scenarios: ['baseline'],
      limitMs: 10_000,
      waitingNoticeMs: 300,
      onProgress: (event) => {
        events.push(event);
        plainReporter(event);
        liveReporter(event);
      },
    });
    expect(events[0]).toMatchObject({ kind: 'start', name: 'baseline', index: 1, total: 1 });
    const waits = events.filter((e) => e.kind === 'waiting');
    expect(waits.length).toBeGreaterThanOrEqual(1);
    expect(waits[0]).toMatchObject({ name: 'baseline' });
    expect((waits[0] as { ms: number }).ms).toBeGreaterThanOrEqual(300);
    expect(events.at(-1)).toMatchObject({ kind: 'done', name: 'baseline', done: 1, total: 1 });
    // Off a terminal: plain lines only.
    expect(plain.text()).toMatch(/^ {2}start baseline \(1\/1\)\n/);
    expect(plain.text()).toMatch(/ {2}baseline: waiting for the first byte: no answer after \d+ s\n/);
    expect(plain.text()).toMatch(/ {2}baseline: [a-z-]+ \(\d+\.\d s\)\n$/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is that there are none.
    expect(plain.text()).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    // On a terminal: the live line is redrawn in place.
    expect(live.text()).toContain('\r\u001b[K');
    expect(live.text()).toMatch(/audit 0\/1 done · running: baseline \(no answer after \d+ s\)/);
  }, 20_000);

  test('the probe says it is waiting for a first byte while the server has not answered', async () => {
    const base = await slowServer(1_200);
    const notices: WaitingNotice[] = [];
    await runProbe(simulatorContract(), {
      baseUrl: base,
      env: { CHATPROOF_SIM_KEY: 'test-value-not-a-key' },
      waitingNoticeMs: 300,
      onWaiting: (notice) => notices.push(notice),
    });
    expect(notices.length).toBeGreaterThanOrEqual(1);
    expect(notices[0]).toMatchObject({ method: 'GET', url: `${base}/models` });
    expect(notices[0]!.ms).toBeGreaterThanOrEqual(300);
  }, 20_000);

  test("the review shows its audit's progress and the waits, as plain lines off a terminal", () => {
    const plain = sink();
    const report = progressReporter(plain, false);
    report({ kind: 'start', step: 'audit', index: 4, total: 6 });
    report({ kind: 'audit', event: { kind: 'start', name: 'timeout', index: 1, total: 2 } });
    report({ kind: 'audit', event: { kind: 'waiting', name: 'timeout', ms: 5_000 } });
    report({ kind: 'waiting', waiting: { method: 'POST', url: 'http://127.0.0.1:1/v1/chat', ms: 10_000 } });
    expect(plain.text()).toBe(
      [
        '    start timeout (1/2)',
        '    timeout: waiting for the first byte: no answer after 5 s',
        '    waiting for the first byte from POST http://127.0.0.1:1/v1/chat: no answer after 10 s',
        '',
      ].join('\n'),
    );
    const live = sink();
    const liveReport = progressReporter(live, true);
    liveReport({ kind: 'audit', event: { kind: 'start', name: 'timeout', index: 1, total: 2 } });
    expect(live.text()).toBe('\r\u001b[K    audit 0/2 done · running: timeout');
  });
});
