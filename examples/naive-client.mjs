#!/usr/bin/env node
// A deliberately naive client, for contrast: it retries every failure three times at once (invalid requests
// and auth errors included), ignores Retry-After, and prints whatever content it finds, even none. The client
// audit must fail it:
//   chatproof audit-client --simulator -- node examples/naive-client.mjs
const baseUrl = process.env.CHATPROOF_BASE_URL ?? process.env.OPENAI_BASE_URL;
const apiKey = process.env.OPENAI_API_KEY ?? process.env.CHATPROOF_API_KEY;
// No default model: a guessed one would fail for a reason that has nothing to do with the API's contract.
const model = process.env.CHATPROOF_MODEL ?? process.env.OPENAI_MODEL;
if (!model) {
  process.stderr.write(
    'naive-client: no model: set CHATPROOF_MODEL (chatproof audit-client sets it from request.model-id)\n',
  );
  process.exit(2);
}
const messages = [{ role: 'user', content: 'Return the literal text: contract_probe_ok' }];

async function call(body) {
  let lastError;
  for (let attempt = 0; attempt < 4; attempt += 1) {
    try {
      const response = await fetch(`${baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.ok) return await response.text();
      lastError = new Error(`HTTP ${response.status}`);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

try {
  const json = JSON.parse(await call({ model, messages }));
  process.stdout.write(`json: ${json.choices?.[0]?.message?.content}\n`);
  const events = await call({ model, messages, stream: true });
  let text = '';
  for (const line of events.split('\n')) {
    if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
    text += JSON.parse(line.slice(6)).choices?.[0]?.delta?.content ?? '';
  }
  process.stdout.write(`stream: ${text}\n`);
} catch (error) {
  process.stderr.write(`naive-client: ${error.message}\n`);
  process.exitCode = 1;
}
