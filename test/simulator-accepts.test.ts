/**
 * What the document allows, the simulator accepts: request bodies drawn from the parameters of OpenAI's
 * `CreateChatCompletionRequest` (every role, content as text, parts or null, edge values of every range, tools,
 * tool choices, response formats, stream options), and each one ajv finds valid against the vendored document's
 * schema is accepted by both profiles' validation. The only refusals left are the two the profiles cite beyond
 * the schema: a model id they do not serve, and an assistant turn with neither content nor a call ("Required
 * unless `tool_calls` or `function_call` is specified"), so the bodies use a served model and give each
 * assistant turn one of them.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { PROFILES } from '../src/simulator/index.js';
import { validateChat } from '../src/simulator/validate.js';
import { openaiSchema } from './helpers/openai-schema.js';

const validRequest = openaiSchema('CreateChatCompletionRequest');

const text = fc.string({ maxLength: 12 });
const parts = fc.array(fc.record({ type: fc.constant('text'), text }), { minLength: 1, maxLength: 2 });
const content = fc.oneof(text, parts);
const call = fc.record({
  id: text,
  type: fc.constant('function'),
  function: fc.record({ name: fc.constantFrom('lookup', 'f'), arguments: fc.constant('{}') }),
});
const message = fc.oneof(
  fc.record(
    { role: fc.constantFrom('developer', 'system', 'user'), content },
    { requiredKeys: ['role', 'content'] },
  ),
  fc.record({ role: fc.constant('user'), content, name: text }),
  fc.record({ role: fc.constant('assistant'), content: fc.oneof(text, fc.constant(null)) }),
  fc.record({ role: fc.constant('assistant'), tool_calls: fc.array(call, { minLength: 1, maxLength: 2 }) }),
  fc.record({ role: fc.constant('tool'), content, tool_call_id: text }),
  fc.record({ role: fc.constant('function'), name: text, content: fc.oneof(text, fc.constant(null)) }),
);
const tool = fc.record({
  type: fc.constant('function'),
  function: fc.record(
    {
      name: fc.constantFrom('lookup', 'f'),
      description: text,
      parameters: fc.constant({ type: 'object', properties: {} }),
      strict: fc.boolean(),
    },
    { requiredKeys: ['name'] },
  ),
});
const optional = fc.record(
  {
    temperature: fc.oneof(fc.double({ min: 0, max: 2, noNaN: true }), fc.constant(null)),
    top_p: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(null)),
    n: fc.oneof(fc.integer({ min: 1, max: 128 }), fc.constant(null)),
    max_tokens: fc.oneof(fc.integer({ min: -5, max: 5000 }), fc.constant(null)),
    max_completion_tokens: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.constant(null)),
    logprobs: fc.oneof(fc.boolean(), fc.constant(null)),
    top_logprobs: fc.integer({ min: 0, max: 20 }),
    stream: fc.oneof(fc.boolean(), fc.constant(null)),
    stream_options: fc.oneof(
      fc.record({ include_usage: fc.boolean(), include_obfuscation: fc.boolean() }, { requiredKeys: [] }),
      fc.constant(null),
    ),
    stop: fc.oneof(text, fc.array(text, { minLength: 1, maxLength: 4 }), fc.constant(null)),
    seed: fc.integer(),
    presence_penalty: fc.double({ min: -2, max: 2, noNaN: true }),
    frequency_penalty: fc.double({ min: -2, max: 2, noNaN: true }),
    logit_bias: fc.dictionary(fc.constantFrom('50256', '1'), fc.integer({ min: -100, max: 100 })),
    user: text,
    store: fc.boolean(),
    metadata: fc.dictionary(fc.constantFrom('a', 'b'), text),
    tools: fc.array(tool, { minLength: 1, maxLength: 2 }),
    tool_choice: fc.oneof(
      fc.constantFrom('none', 'auto', 'required'),
      fc.record({ type: fc.constant('function'), function: fc.record({ name: fc.constant('lookup') }) }),
    ),
    parallel_tool_calls: fc.boolean(),
    response_format: fc.oneof(fc.constant({ type: 'text' }), fc.constant({ type: 'json_object' })),
    service_tier: fc.constantFrom('auto', 'default', 'flex', 'priority'),
    modalities: fc.constant(['text']),
    reasoning_effort: fc.constantFrom('minimal', 'low', 'medium', 'high'),
    verbosity: fc.constantFrom('low', 'medium', 'high'),
  },
  { requiredKeys: [] },
);

test.each(['openai', 'cometapi'] as const)(
  'every document-valid body is accepted by the %s profile',
  (name) => {
    const profile = PROFILES[name];
    const model = profile.models.value[0]?.id ?? '';
    const roles = new Set(profile.roles.value);
    let valid = 0;
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 4 }), optional, (messages, params) => {
        const body = { model, messages, ...params };
        if (!validRequest(body)) return;
        // CometAPI documents five roles (no legacy `function`): the one schema-valid refusal it cites.
        if (messages.some((m) => !roles.has(m.role))) return;
        valid += 1;
        const result = validateChat(profile, body, model);
        expect(result.ok ? 'accepted' : `${result.rule}: ${result.error.message}`).toBe('accepted');
      }),
      { numRuns: 300, seed: 9 },
    );
    // Most drawn bodies are valid: the property is not vacuous.
    expect(valid).toBeGreaterThan(150);
  },
);
