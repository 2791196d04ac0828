/**
 * @module simulator/chat
 * `POST {base}/chat/completions`: body → validation → fault selection → answer (faults and drifts applied).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Answer, baseHeaders, errorAnswer, JSON_TYPE, SSE_HEADERS, send } from './answer.js';
import type { DriftName } from './catalogue.js';
import { completionObject, planReply, sseEvent, streamChunks, streamEvents } from './completion.js';
import { driftChunks, driftJson } from './drifts.js';
import { FAULT_ACTIONS } from './faults.js';
import {
  activeItems,
  FAULT_HEADER,
  parseSpec,
  SEQUENCE_HEADER,
  type SpecItem,
  splitModel,
} from './selection.js';
import type { SimulatorState } from './state.js';
import { validateChat } from './validate.js';

/** Handles one chat request whose auth already passed and whose body was read. */
export function handleChat(
  state: SimulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  text: string,
  requestId: string,
): void {
  const { profile } = state;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    send(res, errorAnswer(profile, profile.errors.malformedJson.value, requestId));
    return;
  }
  const rawModel =
    typeof body === 'object' && body !== null ? (body as { model?: unknown }).model : undefined;
  const split = typeof rawModel === 'string' ? splitModel(rawModel) : { model: rawModel, spec: undefined };
  const checked = validateChat(profile, body, split.model);
  if (!checked.ok) {
    send(res, errorAnswer(profile, checked.error, requestId));
    return;
  }
  const request = checked.request;
  const specText = [state.drift, headerValue(req, FAULT_HEADER), split.spec]
    .filter((part) => part !== undefined && part !== '')
    .join(',');
  let active: SpecItem[] = [];
  if (specText !== '') {
    const spec = parseSpec(specText);
    if (!spec.ok) {
      send(
        res,
        errorAnswer(profile, { ...profile.errors.invalidRequest.value, message: spec.message }, requestId),
      );
      return;
    }
    const attempt = spec.items.some((item) => item.times !== undefined)
      ? state.attempts.next(specText, headerValue(req, SEQUENCE_HEADER))
      : 1;
    active = activeItems(spec.items, attempt, state.faultRandom);
  }
  const drifts = active.filter((item) => item.kind === 'drift').map((item) => item.name as DriftName);
  const fault = active.find((item): item is Extract<SpecItem, { kind: 'fault' }> => item.kind === 'fault');
  const success = (): Answer => {
    const reply = planReply(
      profile,
      request,
      state.seed,
      `chatcmpl-${state.newId()}`,
      Math.floor(state.clock() / 1000),
    );
    const headers = baseHeaders(profile, requestId);
    if (!request.stream) {
      const json = driftJson(completionObject(reply), drifts, profile);
      return {
        status: 200,
        headers: { ...headers, 'content-type': JSON_TYPE },
        parts: [JSON.stringify(json)],
      };
    }
    const includeUsage = request.includeUsage && profile.streamUsageChunk.value;
    let parts: string[];
    let done = true;
    if (drifts.length === 0) {
      parts = streamEvents(reply, includeUsage);
    } else {
      const drifted = driftChunks(streamChunks(reply, includeUsage), drifts, profile);
      parts = drifted.chunks.map((chunk) => sseEvent(JSON.stringify(chunk)));
      done = drifted.done;
    }
    if (done) parts.push(sseEvent(profile.streamDone.value));
    return { status: 200, headers: { ...headers, ...SSE_HEADERS }, parts };
  };
  if (!fault) {
    send(res, success());
    return;
  }
  FAULT_ACTIONS[fault.name]({
    res,
    profile,
    requestId,
    param: fault.param,
    stream: request.stream,
    success,
    later: (ms, fn) => state.later(res, ms, fn),
    now: state.clock,
  });
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
