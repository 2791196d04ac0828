/**
 * @module simulator/chat
 * `POST {base}/chat/completions`: body → validation → fault selection → answer (drifts applied, then the selected
 * fault's middleware, the same the fault proxy applies).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { namedFault } from '../proxy/faults/named.js';
import type { ErrorEnvelope } from '../proxy/faults/status.js';
import type { ProxyResponse } from '../proxy/types.js';
import {
  type Answer,
  baseHeaders,
  errorAnswer,
  faultEnvelope,
  isStream,
  JSON_TYPE,
  SSE_HEADERS,
  send,
} from './answer.js';
import type { DriftName } from './catalogue.js';
import { completionObject, planReply, sseEvent, streamChunks, streamEvents } from './completion.js';
import { driftChunks, driftError, driftHeaders, driftJson, requestDrifts } from './drifts.js';
import { simulatorExchange } from './exchange.js';
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
    const drifts = requestDrifts(state.drift, headerValue(req, FAULT_HEADER));
    send(res, driftError(errorAnswer(profile, profile.errors.malformedJson.value, requestId), drifts));
    return;
  }
  const rawModel =
    typeof body === 'object' && body !== null ? (body as { model?: unknown }).model : undefined;
  const split = typeof rawModel === 'string' ? splitModel(rawModel) : { model: rawModel, spec: undefined };
  const checked = validateChat(profile, body, split.model);
  if (!checked.ok) {
    const header = [headerValue(req, FAULT_HEADER), split.spec].filter(Boolean).join(',');
    send(res, driftError(errorAnswer(profile, checked.error, requestId), requestDrifts(state.drift, header)));
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
      Math.floor(state.clock().getTime() / 1000),
    );
    const headers = baseHeaders(profile, requestId);
    if (!request.stream) {
      const json = driftJson(completionObject(reply), drifts, profile);
      return {
        status: 200,
        headers: driftHeaders({ ...headers, 'content-type': JSON_TYPE }, drifts, false),
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
    return { status: 200, headers: driftHeaders({ ...headers, ...SSE_HEADERS }, drifts, true), parts };
  };
  if (!fault) {
    send(res, success());
    return;
  }
  // The catalogue's middleware, as the fault proxy applies it, in front of the answer the simulator would give.
  // The error a fault injects meets the request's error drifts, as every other error answer does.
  const envelope = faultEnvelope(profile, { requestId: () => requestId });
  const drifted: ErrorEnvelope = (input) => {
    const { headers, body } = envelope(input);
    const answer = driftError({ status: input.status, headers, parts: [body] }, drifts);
    return { headers: answer.headers, body: answer.parts.join('') };
  };
  const env = { envelope: drifted, now: state.clock };
  const exchange = simulatorExchange(req, res, Buffer.from(text), request.stream);
  const handler = namedFault(
    fault.name,
    fault.param,
    env,
  )((_request, response) => write(response, success()));
  Promise.resolve(handler(exchange.request, exchange.response)).catch(() => res.destroy());
}

/** Writes an answer through the fault chain: streams chunked, everything else with its length. */
function write(response: ProxyResponse, answer: Answer): void {
  const body = Buffer.from(answer.parts.join(''));
  response.head(
    answer.status,
    isStream(answer) ? answer.headers : { ...answer.headers, 'content-length': body.length },
  );
  response.write(body);
  response.end();
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
