#!/usr/bin/env node
// Records a HAR 1.2 export of a real client run: the official `openai` SDK talks to the embedded simulator
// through a `fetch` that writes down every exchange as it happened (headers, bodies, event streams), the way a
// browser's or a proxy's HAR export does. The SDK makes a JSON call, a streaming call, a model-list call, a
// request the API rejects (temperature above the documented range: a 400 in the documented envelope), and one
// call whose answer drifts (`x-chatproof-fault: usage-missing`). Then audit the export:
//   node examples/record-har.mjs examples/captures/openai-sdk.har
//   npx chatproof simulate --ledger-out sim.yaml   # the simulator's ledger (any port; paths are matched)
//   npx chatproof audit-traffic examples/captures/openai-sdk.har --ledger sim.yaml
import { writeFileSync } from 'node:fs';
import OpenAI from 'openai';
import { DEMO_KEY, startSimulator } from '../dist/index.js';

const out = process.argv[2] ?? 'openai-sdk.har';
const sim = await startSimulator({ profile: 'cometapi', seed: 1, apiKey: DEMO_KEY });
const entries = [];

/** `fetch` that records each exchange as a HAR entry. */
async function recordingFetch(input, init = {}) {
  const started = new Date();
  const request = new Request(input, init);
  const requestBody = init.body === undefined ? undefined : String(init.body);
  const response = await fetch(input, init);
  const text = await response.clone().text();
  const headers = (h) => [...h.entries()].map(([name, value]) => ({ name, value }));
  entries.push({
    startedDateTime: started.toISOString(),
    time: Date.now() - started.getTime(),
    request: {
      method: request.method,
      url: request.url,
      httpVersion: 'HTTP/1.1',
      headers: headers(request.headers),
      queryString: [...new URL(request.url).searchParams].map(([name, value]) => ({ name, value })),
      cookies: [],
      headersSize: -1,
      bodySize: requestBody?.length ?? 0,
      ...(requestBody !== undefined
        ? { postData: { mimeType: request.headers.get('content-type') ?? '', text: requestBody } }
        : {}),
    },
    response: {
      status: response.status,
      statusText: response.statusText,
      httpVersion: 'HTTP/1.1',
      headers: headers(response.headers),
      cookies: [],
      content: { size: text.length, mimeType: response.headers.get('content-type') ?? '', text },
      redirectURL: response.headers.get('location') ?? '',
      headersSize: -1,
      bodySize: text.length,
    },
    cache: {},
    timings: { send: 0, wait: Date.now() - started.getTime(), receive: 0 },
  });
  return response;
}

const client = new OpenAI({ baseURL: sim.url, apiKey: DEMO_KEY, fetch: recordingFetch, maxRetries: 0 });
const model = 'gpt-4.1-nano';
const messages = [{ role: 'user', content: 'Return the literal text: contract_probe_ok' }];
try {
  await client.chat.completions.create({ model, messages });
  const stream = await client.chat.completions.create({ model, messages, stream: true });
  for await (const _chunk of stream) {
    // Read to the end, as an application does.
  }
  await client.models.list();
  await client.chat.completions.create({ model, messages, temperature: 5 }).catch((error) => {
    if (!(error instanceof OpenAI.BadRequestError)) throw error;
  });
  await client.chat.completions.create(
    { model, messages },
    { headers: { 'x-chatproof-fault': 'usage-missing' } },
  );
} finally {
  await sim.close();
}
writeFileSync(
  out,
  `${JSON.stringify({ log: { version: '1.2', creator: { name: 'chatproof examples/record-har.mjs', version: '1' }, entries } }, null, 2)}\n`,
);
process.stderr.write(`wrote ${entries.length} entries to ${out}\n`);
