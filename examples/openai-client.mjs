#!/usr/bin/env node
// A real client: the official `openai` SDK with its defaults (2 retries with backoff, 10-minute timeout).
// Reads its base URL, key and model from the environment, makes one JSON call and one streaming call, prints the
// content, and exits non-zero on an error or on an answer without content. Audit it with:
//   chatproof audit-client --simulator -- node examples/openai-client.mjs
// CHATPROOF_MAX_RETRIES (or --max-retries N) sets the SDK's maxRetries (e.g. 0) and CHATPROOF_TIMEOUT_MS (or
// --timeout-ms N) its timeout, to see the audit judge other settings than the defaults;
// `chatproof demo --passing` audits it with `--max-retries 0 --timeout-ms 10000`.
import OpenAI from 'openai';

/** `--max-retries 0` and `--timeout-ms 10000` on the command line win over the environment. */
function option(name) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
}

const baseURL = process.env.CHATPROOF_BASE_URL ?? process.env.OPENAI_BASE_URL;
const apiKey = process.env.OPENAI_API_KEY ?? process.env.CHATPROOF_API_KEY;
// No default model: a guessed one would fail for a reason that has nothing to do with the API's contract.
const model = process.env.CHATPROOF_MODEL ?? process.env.OPENAI_MODEL;
if (!model) {
  process.stderr.write(
    'openai-client: no model: set CHATPROOF_MODEL (chatproof audit-client sets it from request.model-id)\n',
  );
  process.exit(2);
}
const maxRetries = option('max-retries') ?? process.env.CHATPROOF_MAX_RETRIES;
const timeout = option('timeout-ms') ?? process.env.CHATPROOF_TIMEOUT_MS;

const client = new OpenAI({
  baseURL,
  apiKey,
  ...(maxRetries !== undefined && maxRetries !== '' ? { maxRetries: Number(maxRetries) } : {}),
  ...(timeout !== undefined && timeout !== '' ? { timeout: Number(timeout) } : {}),
});
const messages = [{ role: 'user', content: 'Return the literal text: contract_probe_ok' }];

function fail(message) {
  process.stderr.write(`openai-client: ${message}\n`);
  process.exitCode = 1;
}

try {
  const completion = await client.chat.completions.create({ model, messages });
  const content = completion.choices?.[0]?.message?.content;
  if (typeof content !== 'string' || content.length === 0) {
    fail('the answer has no content');
  } else {
    process.stdout.write(`json: ${content}\n`);
    const stream = await client.chat.completions.create({ model, messages, stream: true });
    let text = '';
    let finishReason = null;
    for await (const chunk of stream) {
      text += chunk.choices?.[0]?.delta?.content ?? '';
      finishReason = chunk.choices?.[0]?.finish_reason ?? finishReason;
    }
    if (text.length === 0) fail('the stream has no content');
    // A stream that stops without a finish reason was cut short, even if the connection closed cleanly.
    else if (finishReason === null) fail('the stream ended without a finish reason');
    else process.stdout.write(`stream: ${text}\n`);
  }
} catch (error) {
  fail(`${error?.constructor?.name ?? 'Error'}: ${error?.message ?? error}`);
}
