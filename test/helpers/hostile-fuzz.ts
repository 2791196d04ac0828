/**
 * Hostile-input fuzzing of the parsers every run meets, shared by the fast tier (few inputs) and the soak tier
 * (100,000 per parser). Each property accepts two outcomes only: a result, or a `ChatproofError` with a code;
 * any other throw is a crash, and an input taking longer than `HANG_MS` is a hang.
 */
import fc from 'fast-check';
import { assertBaseUrl, joinUrl, maskUrl } from '../../src/checks/probe/target.js';
import { clausesFromOpenApi, parseOpenApi } from '../../src/contract/openapi/index.js';
import { ChatproofError } from '../../src/errors.js';
import { parseKeyRef, resolveSecret, type SecretRead } from '../../src/http/secret.js';
import { createSseReader } from '../../src/http/sse.js';
import { createBoundary, createRedactor, findSecret } from '../../src/redact/index.js';

/** One input taking this long is a hang (the slowest loaded CI machine parses each in well under 50 ms). */
export const HANG_MS = 2_000;

export interface FuzzTally {
  runs: number;
  crashes: number;
  hangs: number;
  explained: number;
}

function timed(tally: FuzzTally, work: () => unknown): void {
  const started = performance.now();
  tally.runs++;
  try {
    const result = work();
    if (result instanceof Promise) throw new Error('synchronous parsers only');
  } catch (error) {
    if (!(error instanceof ChatproofError) || !error.code) {
      tally.crashes++;
      throw error;
    }
    tally.explained++;
  }
  if (performance.now() - started > HANG_MS) {
    tally.hangs++;
    throw new Error(`an input took ${Math.round(performance.now() - started)} ms`);
  }
}

const hostileText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom(..."%:/?#@[]!$&'()*+,;=\\\r\n\t\u0000 .-_~"), maxLength: 80 }),
);

const urlLike = fc.oneof(
  hostileText,
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc
    .tuple(
      fc.constantFrom('http://', 'https://', 'http//', 'ftp://', '', '//'),
      fc.string({ maxLength: 20 }),
      fc.constantFrom('', ':', '@', ':pw@'),
      fc.string({ maxLength: 30 }),
      fc.constantFrom('', '?api_key=', '?key=%', '?a=1&token=', '#', '?%zz'),
      fc.string({ maxLength: 30 }),
    )
    .map((parts) => parts.join('')),
);

export async function fuzzKeyRef(numRuns: number): Promise<FuzzTally> {
  const tally: FuzzTally = { runs: 0, crashes: 0, hangs: 0, explained: 0 };
  await fc.assert(
    fc.asyncProperty(hostileText, fc.string({ unit: 'binary', maxLength: 100 }), async (ref, value) => {
      const started = performance.now();
      tally.runs++;
      const echoes = (message: string) =>
        value.length >= 4 && value.trim().length >= 4 && message.includes(value);
      try {
        parseKeyRef(ref);
      } catch (error) {
        if (!(error instanceof ChatproofError) || !error.code) {
          tally.crashes++;
          throw error;
        }
        tally.explained++;
      }
      for (const work of [
        () => resolveSecret(`env:K`, { env: { K: value } }),
        () => resolveSecret(`env:${ref}`, { env: { [ref]: value } }),
        () => resolveSecret(`file:${ref}`, { env: {}, readFile: async () => value }),
      ]) {
        let read: SecretRead;
        try {
          read = await work();
        } catch (error) {
          // A reference that cannot be read is data: any throw is a crash.
          tally.crashes++;
          throw error;
        }
        if (read.ok && /[\r\n]/.test(read.secret)) throw new Error('a multi-line key was accepted');
        if (!read.ok) {
          tally.explained++;
          if (echoes(read.problem)) throw new Error('a refusal echoed the key');
        }
      }
      if (performance.now() - started > HANG_MS) tally.hangs++;
    }),
    { numRuns },
  );
  return tally;
}

export function fuzzUrls(numRuns: number): FuzzTally {
  const tally: FuzzTally = { runs: 0, crashes: 0, hangs: 0, explained: 0 };
  const redactor = createRedactor();
  fc.assert(
    fc.property(urlLike, fc.string({ maxLength: 30 }), (url, path) => {
      timed(tally, () => {
        const boundary = createBoundary();
        boundary.addUrl(url);
        boundary.text(url);
        redactor.url(url);
        maskUrl(url);
        joinUrl(url, path);
        assertBaseUrl(url);
      });
    }),
    { numRuns },
  );
  return tally;
}

export function fuzzSse(numRuns: number): FuzzTally {
  const tally: FuzzTally = { runs: 0, crashes: 0, hangs: 0, explained: 0 };
  const line = fc.oneof(
    fc.constantFrom(
      'data: [DONE]',
      'data: {"a":1}',
      ':',
      'event: error',
      'id: x',
      'retry: 10',
      'retry: x',
      '',
    ),
    fc
      .tuple(
        fc.constantFrom('data', 'id', 'event', 'retry', 'x', ''),
        fc.constantFrom(':', ': ', ''),
        hostileText,
      )
      .map((p) => p.join('')),
  );
  const eol = fc.constantFrom('\n', '\r\n', '\r', '');
  fc.assert(
    fc.property(
      fc.array(fc.tuple(line, eol), { maxLength: 30 }),
      fc.array(fc.nat(50), { maxLength: 10 }),
      (lines, cuts) => {
        const text = lines.map(([l, e]) => l + e).join('');
        timed(tally, () => {
          const reader = createSseReader();
          let at = 0;
          for (const cut of cuts) {
            reader.push(text.slice(at, at + cut));
            at += cut;
          }
          reader.push(text.slice(at));
          reader.end();
        });
      },
    ),
    { numRuns },
  );
  return tally;
}

const OPENAPI = {
  openapi: '3.1.0',
  info: { title: 'Gateway', version: '1' },
  servers: [{ url: 'https://gw.example/v1' }],
  paths: {
    '/v1/chat/completions': {
      post: {
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Req' } } } },
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Res' } } } },
        },
      },
    },
  },
  components: {
    schemas: {
      Req: { type: 'object', required: ['model'], properties: { model: { type: 'string' } } },
      Res: {
        allOf: [{ $ref: '#/components/schemas/Base' }],
        properties: { self: { $ref: '#/components/schemas/Res' } },
      },
      Base: { type: 'object', properties: { id: { type: 'string' } } },
    },
  },
};

export function fuzzOpenApi(numRuns: number): FuzzTally {
  const tally: FuzzTally = { runs: 0, crashes: 0, hangs: 0, explained: 0 };
  const base = JSON.stringify(OPENAPI);
  const mutate = fc.oneof(
    fc.nat().map((n) => (t: string) => t.slice(0, n % (t.length + 1))),
    fc
      .tuple(
        fc.nat(),
        fc.string({ unit: fc.constantFrom(...'{}[]":,#/$ref0a-'), minLength: 1, maxLength: 8 }),
      )
      .map(([n, s]) => (t: string) => {
        const at = n % (t.length + 1);
        return t.slice(0, at) + s + t.slice(at);
      }),
    fc
      .tuple(
        fc.constantFrom(
          '#/components/schemas/Res',
          '#/components/schemas/Req',
          '#/nowhere',
          'other.yaml#/x',
          '#/components/schemas/Base',
        ),
        fc.constantFrom('#/components/schemas/Res', '#/components/schemas/Base'),
      )
      .map(
        ([to, from]) =>
          (t: string) =>
            t.replace(`"${from}"`, `"${to}"`),
      ),
  );
  fc.assert(
    fc.property(fc.array(mutate, { minLength: 1, maxLength: 4 }), (mutations) => {
      const text = mutations.reduce((t, m) => m(t), base);
      timed(tally, () => clausesFromOpenApi(parseOpenApi(text, 'fuzz.json'), 'fuzz.json', '2026-12-01'));
    }),
    { numRuns },
  );
  return tally;
}

export function fuzzRedactor(numRuns: number): FuzzTally {
  const tally: FuzzTally = { runs: 0, crashes: 0, hangs: 0, explained: 0 };
  const secret = fc.string({
    unit: fc.constantFrom(...'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'),
    minLength: 16,
    maxLength: 40,
  });
  fc.assert(
    fc.property(secret, hostileText, hostileText, (key, before, after) => {
      timed(tally, () => {
        const redactor = createRedactor({ secrets: [key] });
        const out = redactor.text(`${before}${key}${after}`);
        if (findSecret(out, [key])) throw new Error('the key survived');
        if (redactor.text(out) !== out) throw new Error('redaction is not idempotent');
      });
    }),
    { numRuns },
  );
  return tally;
}
