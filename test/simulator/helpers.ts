/** Shared helpers for the simulator tests: start/stop, a raw request, and a counting front for retries. */
import { request as httpRequest } from 'node:http';
import {
  type DriftName,
  FAULT_HEADER,
  type FaultName,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from '../../src/simulator/index.js';

/** One `x-chatproof-fault` term naming a catalogue entry: `name`, `name:param`, `name*N` or `name~P`. */
export type CatalogueTerm<Name extends string = FaultName | DriftName> =
  | Name
  | `${Name}${':' | '*' | '~'}${string}`;

/** The `x-chatproof-fault` header asking the simulator for `terms`, joined by `,`. */
export const faultHeader = (...terms: [CatalogueTerm, ...CatalogueTerm[]]): Record<string, string> => ({
  [FAULT_HEADER]: terms.join(','),
});

export const KEY = 'chatproof-test-key';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Starts a simulator with the test key; remember to close it. */
export function start(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ apiKey: KEY, ...options });
}

/** One HTTP request with node:http (no retries, no redirects followed). */
export function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? 'POST', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** POSTs a chat body with the test key. */
export function chat(
  sim: Simulator,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return raw(`${sim.url}/chat/completions`, {
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const HELLO = { model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'hello' }] };

/** The data payloads of an SSE body, in order. */
export function sseData(body: string): string[] {
  return body
    .split('\n\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => event.slice('data: '.length));
}

/** What a client saw, even when the connection failed part-way: status and body so far, and the error. */
export interface Observed {
  status: number | undefined;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  error: string | undefined;
  /** Milliseconds until the response headers arrived. */
  headersMs: number | undefined;
  ms: number;
}

/** A chat POST that records everything, gives up after `timeoutMs`, and never throws. */
export function observe(
  sim: Simulator,
  body: unknown,
  headers: Record<string, string> = {},
  timeoutMs = 5000,
): Promise<Observed> {
  const started = performance.now();
  return new Promise((resolve) => {
    const seen: Observed = {
      status: undefined,
      headers: {},
      body: '',
      error: undefined,
      headersMs: undefined,
      ms: 0,
    };
    let settled = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      seen.error = error;
      seen.ms = performance.now() - started;
      resolve(seen);
    };
    const req = httpRequest(
      `${sim.url}/chat/completions`,
      {
        method: 'POST',
        agent: false,
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', ...headers },
      },
      (res) => {
        seen.status = res.statusCode;
        seen.headers = res.headers;
        seen.headersMs = performance.now() - started;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          seen.body += chunk;
        });
        res.on('end', () => finish());
        res.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
        res.on('aborted', () => finish('aborted'));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish('client-timeout');
    }, timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
    req.end(JSON.stringify(body));
  });
}

/** Waits until `check` holds, polling every 10 ms, at most `ms`. */
export async function eventually(check: () => Promise<boolean>, ms = 2000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return check();
}
