/**
 * @module checks/negative/cases
 * The negative requests: each starts from the probe body (all names from the ledger) and breaks exactly one
 * thing. The values that break it are chatproof's own sentinels, never provider values. Pure.
 */
import { CLAUSE, type Contract, read } from '../../contract/index.js';
import {
  type ChatFields,
  joinUrl,
  jsonHeaders,
  type PreparedRequest,
  probeBody,
  type Target,
} from '../probe/index.js';
import type { NegativeCaseName } from './codes.js';

/** Sentinels: obviously chatproof's, so a support engineer reading a capture knows what they are. */
export const SENTINELS = {
  invalidKey: 'chatproof-invalid-key-not-a-real-key',
  unknownModel: 'chatproof-no-such-model',
  invalidRole: 'chatproof-invalid-role',
  wrongPath: '/chatproof-wrong-path',
} as const;

export interface CaseInput {
  contract: Contract;
  fields: ChatFields;
  target: Target;
}

type Build = (input: CaseInput) => PreparedRequest | undefined;

const post = (
  input: CaseInput,
  body: Record<string, unknown> | string,
  auth: PreparedRequest['auth'] = 'key',
) => ({
  method: 'POST',
  url: input.target.chatUrl,
  headers: jsonHeaders(),
  body: typeof body === 'string' ? body : JSON.stringify(body),
  auth,
});

const messages = (input: CaseInput, body: Record<string, unknown>) =>
  body[input.fields.messagesField] as Record<string, unknown>[];

/** How each negative case builds its request: every case, no other. */
export const CASES: { readonly [C in NegativeCaseName]: Build } = {
  'missing-auth': (input) => post(input, probeBody(input.fields), 'none'),
  'invalid-key': (input) => post(input, probeBody(input.fields), { literal: SENTINELS.invalidKey }),
  'malformed-json': (input) => {
    const text = JSON.stringify(probeBody(input.fields));
    // A prefix of a JSON object without its closing brace is never valid JSON.
    return post(input, text.slice(0, Math.floor(text.length / 2)));
  },
  'missing-model': (input) => {
    const body = probeBody(input.fields);
    delete body[input.fields.modelField];
    return post(input, body);
  },
  'unknown-model': (input) =>
    post(input, { ...probeBody(input.fields), [input.fields.modelField]: SENTINELS.unknownModel }),
  'temperature-out-of-range': (input) => {
    const range = read(input.contract, CLAUSE.temperatureRange);
    if (!range) return undefined;
    // The parameter is the one the clause is about; the value sits one above the documented maximum.
    return post(input, { ...probeBody(input.fields), temperature: range[1] + 1 });
  },
  'empty-messages': (input) => post(input, { ...probeBody(input.fields), [input.fields.messagesField]: [] }),
  'invalid-role': (input) => {
    const body = probeBody(input.fields);
    const first = messages(input, body)[0];
    if (first) first[input.fields.roleField] = SENTINELS.invalidRole;
    return post(input, body);
  },
  'wrong-path': (input) => ({
    ...post(input, probeBody(input.fields)),
    url: joinUrl(input.target.baseUrl, SENTINELS.wrongPath),
  }),
};
