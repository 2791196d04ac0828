#!/usr/bin/env node
// A client with a fallback endpoint: on any failure of the primary base URL it tries the fallback base URL
// (CHATPROOF_FALLBACK_BASE_URL) once, whatever the error. Falling back on an invalid request or an auth error
// duplicates work and hides the real fault; the audit records the route each attempt took and flags it.
// Name the variable in the ledger's policy.fallback-variable clause so the audit points it at a second route.
const primary = process.env.CHATPROOF_BASE_URL ?? process.env.OPENAI_BASE_URL;
const fallback = process.env.CHATPROOF_FALLBACK_BASE_URL;
const apiKey = process.env.OPENAI_API_KEY ?? process.env.CHATPROOF_API_KEY;
// No default model: a guessed one would fail for a reason that has nothing to do with the API's contract.
const model = process.env.CHATPROOF_MODEL ?? process.env.OPENAI_MODEL;
if (!model) {
  process.stderr.write(
    'fallback-client: no model: set CHATPROOF_MODEL (chatproof audit-client sets it from request.model-id)\n',
  );
  process.exit(2);
}

async function call(baseUrl) {
  const response = await fetch(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model,
      messages: [{ role: 'user', content: 'Return the literal text: contract_probe_ok' }],
    }),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const content = (await response.json()).choices?.[0]?.message?.content;
  if (typeof content !== 'string' || content === '') throw new Error('no content');
  return content;
}

try {
  let content;
  try {
    content = await call(primary);
  } catch (error) {
    if (!fallback) throw error;
    process.stderr.write(`fallback-client: primary failed (${error.message}); trying the fallback\n`);
    content = await call(fallback);
  }
  process.stdout.write(`json: ${content}\n`);
} catch (error) {
  process.stderr.write(`fallback-client: ${error.message}\n`);
  process.exitCode = 1;
}
