/**
 * @module proxy/fixture
 * A tiny chat-completions upstream and a raw HTTP client on loopback, for the proxy's tests and benchmark.
 * Not part of the public API: the simulator is the faithful stand-in; this one is small, fast and counts its
 * open requests, so tests can see an abandoned client's upstream request go away.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { ErrorEnvelope } from './faults/status.js';
import { when } from './when.js';

/** A plain OpenAI-shaped envelope for tests that do not need a provider profile. */
export const plainEnvelope: ErrorEnvelope = (input) => ({
  headers: {
    'content-type': 'application/json',
    'x-request-id': input.requestId ?? `chatproof-${randomBytes(6).toString('hex')}`,
  },
  body: JSON.stringify({
    error: {
      message: input.message ?? `HTTP ${input.status} injected by the chatproof fault proxy`,
      type: input.type ?? 'api_error',
      param: null,
      code: input.code ?? null,
    },
  }),
});

export interface FixtureOptions {
  /** Content chunks in a stream (default 3). */
  chunks?: number;
  /** Pause between stream chunks (default 0). */
  intervalMs?: number;
}

export interface FixtureUpstream {
  /** Base URL including `/v1`. */
  url: string;
  /** Requests whose response has not finished or been abandoned yet. */
  open(): number;
  /** Resolves once no request is open (at once when none is): the event the open() count would be polled for. */
  drained(): Promise<void>;
  /** Requests whose client (the proxy) went away before the response ended. */
  aborted(): number;
  received(): number;
  close(): Promise<void>;
}

function completion(model: string): string {
  return JSON.stringify({
    id: 'chatcmpl-fixture',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [
      { index: 0, message: { role: 'assistant', content: 'contract_probe_ok' }, finish_reason: 'stop' },
    ],
    usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 },
  });
}

function chunk(model: string, delta: Record<string, string>, finish: string | null): string {
  const body = { id: 'chatcmpl-fixture', object: 'chat.completion.chunk', created: 1_700_000_000, model };
  return `data: ${JSON.stringify({ ...body, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

/** Starts the fixture upstream on 127.0.0.1, port 0. */
export async function startFixtureUpstream(options: FixtureOptions = {}): Promise<FixtureUpstream> {
  let open = 0;
  let aborted = 0;
  let received = 0;
  const drained = when(() => open === 0);
  const server = http.createServer((req, res) => {
    received += 1;
    open += 1;
    let settled = false;
    const settle = (gone: boolean) => {
      if (settled) return;
      settled = true;
      open -= 1;
      if (gone) aborted += 1;
      drained.check();
    };
    res.on('finish', () => settle(false));
    res.on('close', () => settle(!res.writableFinished));
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      let parsed: { model?: string; stream?: boolean } = {};
      try {
        parsed = JSON.parse(Buffer.concat(parts).toString('utf8') || '{}');
      } catch {
        parsed = {};
      }
      const model = parsed.model ?? 'fixture-model';
      if (!parsed.stream) {
        const body = completion(model);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const events = [chunk(model, { role: 'assistant', content: '' }, null)];
      for (let i = 0; i < (options.chunks ?? 3); i += 1)
        events.push(chunk(model, { content: `part${i} ` }, null));
      events.push(chunk(model, {}, 'stop'), 'data: [DONE]\n\n');
      const interval = options.intervalMs ?? 0;
      if (interval === 0) {
        res.end(events.join(''));
        return;
      }
      let index = 0;
      const timer = setInterval(() => {
        if (res.destroyed) return clearInterval(timer);
        res.write(events[index]);
        index += 1;
        if (index === events.length) {
          clearInterval(timer);
          res.end();
        }
      }, interval);
      res.on('close', () => clearInterval(timer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    open: () => open,
    drained: () => drained.wait(),
    aborted: () => aborted,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface SentResult {
  status?: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Milliseconds to the status line. */
  headersMs?: number;
  totalMs: number;
  /** Transport error code (`ECONNRESET`, …) when the exchange broke. */
  error?: string;
  /** True when the body ended cleanly. */
  complete: boolean;
}

/** Posts a chat request and reads the whole answer (one connection, no agent). */
export function send(baseUrl: string, body: Record<string, unknown> = {}): Promise<SentResult> {
  const started = performance.now();
  const payload = JSON.stringify({
    model: 'fixture-model',
    messages: [{ role: 'user', content: 'hi' }],
    ...body,
  });
  return new Promise((resolve) => {
    const result: SentResult = { headers: {}, body: '', totalMs: 0, complete: false };
    let done = false;
    const finish = (error?: string) => {
      if (done) return;
      done = true;
      result.totalMs = performance.now() - started;
      if (error !== undefined) result.error = error;
      resolve(result);
    };
    const req = http.request(
      `${baseUrl}/chat/completions`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
      (res) => {
        result.headersMs = performance.now() - started;
        if (res.statusCode !== undefined) result.status = res.statusCode;
        result.headers = res.headers;
        res.setEncoding('utf8');
        res.on('data', (text: string) => {
          result.body += text;
        });
        res.on('end', () => {
          result.complete = true;
          finish();
        });
        res.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
    req.end(payload);
  });
}
