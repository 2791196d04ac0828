/**
 * @module simulator/drifts
 * How each drift changes a success answer, as data transforms over the JSON body and the stream chunks. Pure.
 */
import type { Answer } from './answer.js';
import type { DriftName } from './catalogue.js';
import { parseSpec } from './selection.js';
import type { Profile } from './types.js';

type Json = Record<string, unknown>;

interface DriftAction {
  /** Changes the `chat.completion` body in place. */
  json?: (body: Json, profile: Profile) => void;
  /** Changes one stream chunk in place (the usage chunk included); `position` counts from 0. */
  chunk?: (chunk: Json, profile: Profile, position: number) => void;
  /** Drops chunks from the stream. */
  keep?: (chunk: Json) => boolean;
  /** The stream ends without `data: [DONE]`. */
  noDone?: boolean;
  /** Changes the headers of a success answer (`stream`: the answer is an event stream). */
  headers?: (headers: Record<string, string>, stream: boolean) => void;
  /** Changes the model-list body in place. */
  models?: (list: Json) => void;
  /** Changes a JSON error answer (the envelope body and its headers) in place. */
  error?: (answer: { headers: Record<string, string>; body: Json }) => void;
}

const choices = (value: Json): Json[] => (Array.isArray(value.choices) ? (value.choices as Json[]) : []);
const isUsageChunk = (chunk: Json) => choices(chunk).length === 0 && 'usage' in chunk;

const usageOf = (value: Json): Json | undefined =>
  value.usage !== null && typeof value.usage === 'object' ? (value.usage as Json) : undefined;
/** Changes the usage object of the body or of the usage chunk. */
const withUsage = (change: (usage: Json) => void) => ({
  json: (body: Json) => {
    const usage = usageOf(body);
    if (usage) change(usage);
  },
  chunk: (chunk: Json) => {
    const usage = usageOf(chunk);
    if (usage) change(usage);
  },
});
const count = (value: unknown) => (typeof value === 'number' ? value : 0);
const eachModel = (list: Json, change: (model: Json) => void) => {
  if (Array.isArray(list.data)) for (const model of list.data as Json[]) change(model);
};
const DAY_S = 86_400;

const eachMessage = (body: Json, change: (message: Json) => void) => {
  for (const choice of choices(body)) change(choice.message as Json);
};
const eachDelta = (chunk: Json, change: (delta: Json) => void) => {
  for (const choice of choices(chunk)) change(choice.delta as Json);
};

/** What every drift does. */
export const DRIFT_ACTIONS: Readonly<Record<DriftName, DriftAction>> = {
  'usage-missing': {
    json: (body) => {
      delete body.usage;
    },
    chunk: (chunk) => {
      delete chunk.usage;
    },
  },
  'usage-null': {
    json: (body) => {
      body.usage = null;
    },
    chunk: (chunk) => {
      if ('usage' in chunk) chunk.usage = null;
    },
  },
  'content-null': {
    json: (body) =>
      eachMessage(body, (message) => {
        message.content = null;
      }),
    chunk: (chunk) =>
      eachDelta(chunk, (delta) => {
        if ('content' in delta) delta.content = null;
      }),
  },
  'content-moved': {
    json: (body) =>
      eachMessage(body, (message) => {
        message.text = message.content;
        delete message.content;
      }),
    chunk: (chunk) =>
      eachDelta(chunk, (delta) => {
        if ('content' in delta) {
          delta.text = delta.content;
          delete delta.content;
        }
      }),
  },
  'extra-field': {
    json: (body) => {
      body.x_undocumented = { note: 'added by drift extra-field' };
      for (const choice of choices(body)) choice.x_undocumented = true;
    },
    chunk: (chunk) => {
      chunk.x_undocumented = { note: 'added by drift extra-field' };
      for (const choice of choices(chunk)) choice.x_undocumented = true;
    },
  },
  'new-finish-reason': {
    json: (body) => {
      for (const choice of choices(body)) choice.finish_reason = 'end_turn';
    },
    chunk: (chunk) => {
      for (const choice of choices(chunk))
        if (choice.finish_reason !== null) choice.finish_reason = 'end_turn';
    },
  },
  'id-missing': {
    json: (body) => {
      delete body.id;
    },
    chunk: (chunk) => {
      delete chunk.id;
    },
  },
  'object-wrong': {
    json: (body) => {
      body.object = 'text_completion';
    },
    chunk: (chunk) => {
      chunk.object = 'chat.completion';
    },
  },
  'created-string': {
    json: (body) => {
      body.created = String(body.created);
    },
    chunk: (chunk) => {
      chunk.created = String(chunk.created);
    },
  },
  'choices-empty': {
    json: (body) => {
      body.choices = [];
    },
    chunk: (chunk) => {
      chunk.choices = [];
    },
  },
  'no-done': { noDone: true },
  'no-usage-chunk': { keep: (chunk) => !isUsageChunk(chunk) },
  'usage-sum-wrong': withUsage((usage) => {
    usage.total_tokens = count(usage.total_tokens) + 7;
  }),
  'usage-negative': withUsage((usage) => {
    usage.prompt_tokens = -count(usage.prompt_tokens);
    usage.total_tokens = count(usage.prompt_tokens) + count(usage.completion_tokens);
  }),
  'usage-details-exceed': withUsage((usage) => {
    usage.completion_tokens_details = { reasoning_tokens: count(usage.completion_tokens) + 5 };
  }),
  'created-milliseconds': {
    json: (body) => {
      body.created = count(body.created) * 1000;
    },
    chunk: (chunk) => {
      chunk.created = count(chunk.created) * 1000;
    },
  },
  'created-far': {
    json: (body) => {
      body.created = count(body.created) - 3 * DAY_S;
    },
    chunk: (chunk) => {
      chunk.created = count(chunk.created) - 3 * DAY_S;
    },
  },
  'choice-index-wrong': {
    json: (body) => {
      for (const choice of choices(body)) choice.index = count(choice.index) + 1;
    },
    chunk: (chunk) => {
      for (const choice of choices(chunk)) choice.index = count(choice.index) + 1;
    },
  },
  'media-type-wrong': {
    headers: (headers) => {
      headers['content-type'] = 'text/plain; charset=utf-8';
    },
  },
  'ratelimit-header-malformed': {
    headers: (headers) => {
      headers['x-ratelimit-remaining-requests'] = 'plenty';
      headers['x-ratelimit-reset-tokens'] = '6 minutes';
    },
  },
  'stream-id-changes': {
    chunk: (chunk, _profile, position) => {
      chunk.id = `${String(chunk.id)}-${position}`;
    },
  },
  'stream-no-finish': {
    chunk: (chunk) => {
      for (const choice of choices(chunk)) choice.finish_reason = null;
    },
  },
  'models-created-milliseconds': {
    models: (list) =>
      eachModel(list, (model) => {
        model.created = count(model.created) * 1000;
      }),
  },
  'models-data-object': {
    models: (list) => {
      if (!Array.isArray(list.data)) return;
      list.data = Object.fromEntries((list.data as Json[]).map((model) => [String(model.id), model]));
    },
  },
  'error-media-type-wrong': {
    error: (answer) => {
      answer.headers['content-type'] = 'text/plain; charset=utf-8';
    },
  },
  'error-type-number': {
    error: ({ body }) => {
      const error = body.error;
      if (error !== null && typeof error === 'object') (error as Json).type = 400;
    },
  },
  'model-echo-different': {
    json: (body, profile) => {
      body.model = profile.substituteModel;
    },
    chunk: (chunk, profile) => {
      chunk.model = profile.substituteModel;
    },
  },
};

/** Applies drifts to a JSON body. */
export function driftJson(body: Json, drifts: readonly DriftName[], profile: Profile): Json {
  for (const name of drifts) DRIFT_ACTIONS[name].json?.(body, profile);
  return body;
}

/** Applies drifts to the headers of a success answer. */
export function driftHeaders(
  headers: Record<string, string>,
  drifts: readonly DriftName[],
  stream: boolean,
): Record<string, string> {
  for (const name of drifts) DRIFT_ACTIONS[name].headers?.(headers, stream);
  return headers;
}

/** Applies drifts to a model-list body. */
export function driftModels(list: Json, drifts: readonly DriftName[]): Json {
  for (const name of drifts) DRIFT_ACTIONS[name].models?.(list);
  return list;
}

/**
 * The drifts one request asks for (`x-chatproof-fault`) or the simulator applies to every answer (`--drift`),
 * for the answers that are not a completion: the model list and error answers. Faults are left to the chat path.
 */
export function requestDrifts(global: string | undefined, header: string | undefined): DriftName[] {
  const text = [global, header].filter((part) => part !== undefined && part !== '').join(',');
  const spec = text === '' ? undefined : parseSpec(text);
  if (!spec?.ok) return [];
  return spec.items.flatMap((item) => (item.kind === 'drift' ? [item.name] : []));
}

/** Applies drifts to an error answer whose body is JSON; any other answer is returned as it is. */
export function driftError(answer: Answer, drifts: readonly DriftName[]): Answer {
  const actions = drifts.flatMap((name) => DRIFT_ACTIONS[name].error ?? []);
  if (actions.length === 0 || answer.parts.length !== 1) return answer;
  let body: unknown;
  try {
    body = JSON.parse(answer.parts[0] ?? '');
  } catch {
    return answer;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return answer;
  const changed = { headers: { ...answer.headers }, body: body as Json };
  for (const action of actions) action(changed);
  return { ...answer, headers: changed.headers, parts: [JSON.stringify(changed.body)] };
}

/** Applies drifts to stream chunks; returns the chunks to send and whether `[DONE]` follows. */
export function driftChunks(
  chunks: Json[],
  drifts: readonly DriftName[],
  profile: Profile,
): { chunks: Json[]; done: boolean } {
  let out = chunks;
  let done = true;
  for (const name of drifts) {
    const action = DRIFT_ACTIONS[name];
    if (action.keep) out = out.filter(action.keep);
    if (action.chunk) for (const [position, chunk] of out.entries()) action.chunk(chunk, profile, position);
    if (action.noDone) done = false;
  }
  return { chunks: out, done };
}
