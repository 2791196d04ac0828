/**
 * @module simulator/profiles/sources
 * The documents the profiles cite, as listed in the reference pack (`contract-facts.md`). Quotes are the
 * passages (or example payloads) the reference pack records for each fact.
 */
import type { ProfileSource } from '../types.js';

const source = (tag: ProfileSource['tag'], title: string, url: string, quote: string): ProfileSource => ({
  tag,
  title,
  url,
  quote,
});

/** CometAPI's own pages. */
export const COMET = {
  quickstart: (quote: string) =>
    source(
      'OFF',
      'CometAPI quickstart: OpenAI-compatible API',
      'https://apidoc.cometapi.com/quickstarts/text/openai-compatible-api',
      quote,
    ),
  chat: (quote: string) =>
    source('OFF', 'CometAPI chat API documentation', 'https://apidoc.cometapi.com/api/text/chat.md', quote),
  chatOverview: (quote: string) =>
    source('OFF', 'CometAPI chat overview', 'https://apidoc.cometapi.com/chat', quote),
  legacyChat: (quote: string) =>
    source('OFF', 'CometAPI chat reference (legacy)', 'https://apidoc.cometapi.com/api-13851472', quote),
  errors: (quote: string) =>
    source(
      'OFF',
      'CometAPI error codes and handling',
      'https://apidoc.cometapi.com/errors/error-codes-handling',
      quote,
    ),
  errorsMirror: (quote: string) =>
    source(
      'MIR',
      'CometAPI error codes and handling (earlier revision, mirror)',
      'https://cometapi.mintlify.app/errors/error-codes-handling',
      quote,
    ),
  rateLimits: (quote: string) =>
    source(
      'OFF',
      'CometAPI rate limits and concurrency',
      'https://apidoc.cometapi.com/guides/rate-limits-and-concurrency',
      quote,
    ),
  models: (quote: string) =>
    source(
      'OFF',
      'CometAPI: how to list available models',
      'https://apidoc.cometapi.com/zh-Hans/guides/how-to-list-available-models',
      quote,
    ),
  textZh: (quote: string) =>
    source('OFF', 'CometAPI text API (zh-Hans)', 'https://apidoc.cometapi.com/zh-Hans/api/text', quote),
  helpCenter: (quote: string) =>
    source('OFF', 'CometAPI help center', 'https://apidoc.cometapi.com/support/help-center', quote),
  sdk: (quote: string) =>
    source(
      'OFF',
      'cometapi-dev/cometapi-node src/config.ts and README',
      'https://github.com/cometapi-dev/cometapi-node',
      quote,
    ),
  litellm: (quote: string) =>
    source(
      '3P',
      'LiteLLM CometAPI provider (litellm/llms/cometapi/chat/transformation.py)',
      'https://github.com/BerriAI/litellm',
      quote,
    ),
} as const;

/** OpenAI's own documents. */
export const OPENAI = {
  spec: (quote: string) =>
    source(
      'OFF',
      'OpenAI OpenAPI document (openai/openai-openapi openapi.yaml)',
      'https://github.com/openai/openai-openapi',
      quote,
    ),
  errorCodes: (quote: string) =>
    source('OFF', 'OpenAI error codes guide', 'https://developers.openai.com/docs/guides/error-codes', quote),
  debugging: (quote: string) =>
    source(
      'MIR',
      'OpenAI API reference: debugging requests (mirror)',
      'https://openai.cadn.net.cn/api-reference_en/debugging-requests',
      quote,
    ),
  overview: (quote: string) =>
    source(
      'OFF',
      'OpenAI API reference overview',
      'https://developers.openai.com/api/reference/overview',
      quote,
    ),
  node: (quote: string) =>
    source(
      'OFF',
      'openai-node src/client.ts',
      'https://github.com/openai/openai-node/blob/master/src/client.ts',
      quote,
    ),
} as const;

/** A behaviour the simulator adds where no document speaks: cites the reference pack's own gap list. */
export const GAP = (quote: string): ProfileSource =>
  source(
    'INF',
    'Contract facts reference pack, section 5: undocumented behaviours',
    'contract-facts.md section 5',
    quote,
  );
