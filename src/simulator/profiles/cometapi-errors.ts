/**
 * @module simulator/profiles/cometapi-errors
 * CometAPI's errors: statuses from its error guide, the request id inside the message; texts it did not
 * reproduce live are marked `assumed`.
 */
import type { ErrorSpec, Profile, Sourced } from '../types.js';
import { COMET, GAP } from './sources.js';

const err = (status: number, message: string, code: string | null = ''): ErrorSpec => ({
  status,
  message,
  code,
});

const statusError = (status: number, message: string, quote: string): Sourced<ErrorSpec> => ({
  value: err(status, message),
  source: COMET.errors(quote),
  assumed: true,
  note: 'Status documented; the message text is not (the vendor did not reproduce it live).',
});

export const COMETAPI_ERRORS: Profile['errors'] = {
  badAuth: {
    value: err(401, 'invalid token'),
    source: COMET.errors('401 | key missing/malformed/invalid | No'),
    assumed: true,
    note: 'Status documented; the message text is not.',
  },
  missingModel: {
    value: err(400, 'model name is required'),
    source: COMET.errorsMirror(
      'Observed 400 when `model` omitted: message `"model name is required (request id: ...)"`',
    ),
    assumed: false,
  },
  invalidRequest: {
    value: err(400, 'invalid request'),
    source: COMET.errors('400 | validation failed (e.g. missing `model`) | No'),
    assumed: true,
    note: 'Status documented; the message text and which fields are validated are not.',
  },
  unknownModel: {
    value: err(404, 'model not found', 'model_not_found'),
    source: COMET.textZh('404 | check base URL, path, model id | No (fix first)'),
    assumed: true,
    note: 'Status from the zh-Hans text page; the message and code are not documented.',
  },
  malformedJson: {
    value: err(400, 'invalid character in request body'),
    source: COMET.errors('400 | validation failed | No'),
    assumed: true,
  },
  tooLarge: {
    value: err(413, 'request body too large'),
    source: COMET.errors('413, 429, 500, 503, 504, 524 were not reproduced'),
    assumed: true,
  },
  methodNotAllowed: {
    value: err(405, 'method not allowed'),
    source: GAP('Undocumented: behaviour for a wrong method'),
    assumed: true,
  },
  rateLimit: statusError(
    429,
    'rate limit exceeded, please try again later',
    '429 | rate limiting / temporary saturation | Yes, exp. backoff + jitter',
  ),
  timeout: {
    value: [504, 524],
    source: COMET.errors('500, 503, 504, 524 | platform/provider/timeout class | Yes; keep request id'),
    assumed: false,
  },
  upstreamFailure: {
    value: [500, 503],
    source: COMET.errors('500, 503, 504, 524 | platform/provider/timeout class | Yes; keep request id'),
    assumed: false,
  },
  invalidRequest5xx: {
    value: err(500, 'invalid request', 'invalid_request'),
    source: COMET.errors('500 + `error.code: invalid_request` | malformed request surfaced as 500 | No'),
    assumed: false,
  },
  byStatus: {
    value: {
      '408': err(408, 'request timeout'),
      '409': err(409, 'conflict, please retry'),
      '500': err(500, 'internal server error'),
      '502': err(502, 'bad gateway'),
      '503': err(503, 'service temporarily unavailable'),
      '504': err(504, 'gateway timeout'),
      '524': err(524, 'upstream timeout'),
    },
    source: COMET.errors('500, 503, 504, 524 | platform/provider/timeout class | Yes; keep request id'),
    assumed: true,
    note: '408, 409 and 502 are not in the vendor table; all message texts are assumed.',
  },
};
