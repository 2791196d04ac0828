/**
 * @module simulator/drifts
 * How each drift changes a success answer, as data transforms over the JSON body and the stream chunks. Pure.
 */
import type { DriftName } from './catalogue.js';
import type { Profile } from './types.js';

type Json = Record<string, unknown>;

interface DriftAction {
  /** Changes the `chat.completion` body in place. */
  json?: (body: Json, profile: Profile) => void;
  /** Changes one stream chunk in place (the usage chunk included). */
  chunk?: (chunk: Json, profile: Profile) => void;
  /** Drops chunks from the stream. */
  keep?: (chunk: Json) => boolean;
  /** The stream ends without `data: [DONE]`. */
  noDone?: boolean;
}

const choices = (value: Json): Json[] => (Array.isArray(value.choices) ? (value.choices as Json[]) : []);
const isUsageChunk = (chunk: Json) => choices(chunk).length === 0 && 'usage' in chunk;

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
    if (action.chunk) for (const chunk of out) action.chunk(chunk, profile);
    if (action.noDone) done = false;
  }
  return { chunks: out, done };
}
