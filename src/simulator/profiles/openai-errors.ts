/**
 * @module simulator/profiles/openai-errors
 * OpenAI's errors: the 429 and messages from its error-code guide; the types, codes and the statuses the
 * OpenAPI document does not declare are marked `assumed`.
 */
import type { ErrorSpec, Profile, Sourced } from '../types.js';
import { GAP, OPENAI } from './sources.js';

const err = (
  status: number,
  message: string,
  type: string,
  code: string | null = null,
  param: string | null = null,
): ErrorSpec => ({ status, message, code, type, param });

const assumedError = (value: ErrorSpec, quote: string): Sourced<ErrorSpec> => ({
  value,
  source: OPENAI.errorCodes(quote),
  assumed: true,
});

export const OPENAI_ERRORS: Profile['errors'] = {
  badAuth: {
    value: err(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'),
    source: OPENAI.errorCodes('401 Invalid Authentication / Incorrect API key provided'),
    assumed: false,
    note: 'The type and code are assumed.',
  },
  missingModel: assumedError(
    err(400, 'you must provide a model parameter', 'invalid_request_error', null, 'model'),
    'CreateChatCompletionRequest required: `model`, `messages`',
  ),
  invalidRequest: assumedError(
    err(400, 'Invalid request.', 'invalid_request_error'),
    'CreateChatCompletionRequest required: `model`, `messages` (minItems 1)',
  ),
  unknownModel: assumedError(
    err(
      404,
      'The model does not exist or you do not have access to it.',
      'invalid_request_error',
      'model_not_found',
      'model',
    ),
    'model_not_found (not in the reference pack)',
  ),
  malformedJson: assumedError(
    err(400, 'We could not parse the JSON body of your request.', 'invalid_request_error'),
    'malformed JSON (not in the reference pack)',
  ),
  tooLarge: assumedError(
    err(413, 'Request body too large.', 'invalid_request_error'),
    'max body size (not documented)',
  ),
  methodNotAllowed: assumedError(
    err(405, 'Method not allowed.', 'invalid_request_error'),
    'wrong method (not documented)',
  ),
  rateLimit: {
    value: err(429, 'Rate limit reached for requests', 'requests', 'rate_limit_exceeded'),
    source: OPENAI.errorCodes('429 Rate limit reached for requests'),
    assumed: false,
    note: 'Message documented; type and code assumed.',
  },
  timeout: {
    value: [504],
    source: GAP('OpenAI documents no timeout status'),
    assumed: true,
  },
  upstreamFailure: {
    value: [500, 503],
    source: OPENAI.errorCodes(
      '500 "The server had an error while processing your request"; 503 "engine/server overloaded", "Slow Down"',
    ),
    assumed: false,
  },
  invalidRequest5xx: {
    value: err(500, 'Invalid request.', 'server_error', 'invalid_request'),
    source: GAP('CometAPI says "don\'t retry 500 + `invalid_request`"; OpenAI documents no such case'),
    assumed: true,
    note: 'Served only when a fault asks for it.',
  },
  byStatus: {
    value: {
      '408': err(408, 'Request timed out.', 'invalid_request_error'),
      '409': err(409, 'Conflict, please retry.', 'invalid_request_error'),
      '500': err(500, 'The server had an error while processing your request.', 'server_error'),
      '502': err(502, 'Bad gateway.', 'server_error'),
      '503': err(
        503,
        'The engine is currently overloaded, please try again later.',
        'service_unavailable_error',
        'server_is_overloaded',
      ),
      '504': err(504, 'Gateway timeout.', 'server_error'),
      '524': err(524, 'A timeout occurred.', 'server_error'),
    },
    source: OPENAI.errorCodes(
      '500 "The server had an error while processing your request"; 503 "engine/server overloaded"',
    ),
    assumed: true,
    note: '500 and 503 messages documented; the rest assumed.',
  },
};
