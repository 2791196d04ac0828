/** Shared helpers for the simulator tests: start/stop, a raw request, and a counting front for retries. */
import { request as httpRequest } from 'node:http';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/simulator/index.js';

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
