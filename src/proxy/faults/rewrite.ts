/**
 * @module proxy/faults/rewrite
 * Response rewrites: drop, rename, null or add a field, in JSON bodies and in every event of a stream. The
 * answer stays well-formed; only its shape changes, as when a provider's contract drifts.
 */
import type { JsonValue } from '../../contract/index.js';
import { SseSplitter } from '../../http/sse.js';
import { applyRewrite, type RewriteOp } from '../json-path.js';
import { collectBody, intercept, isEventStream, sendWhole, withoutLength } from '../response.js';
import type { Fault, ProxyRequest } from '../types.js';

/** Applies `ops` to one JSON text; undefined when it is not JSON or nothing changed. */
export function rewriteJson(text: string, ops: readonly RewriteOp[]): string | undefined {
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
  let changed = 0;
  for (const op of ops) changed += applyRewrite(value, op);
  return changed > 0 ? JSON.stringify(value) : undefined;
}

function describe(ops: readonly RewriteOp[]): string {
  return `rewrite:${ops.map((op) => `${op.op}:${op.path}`).join(',')}`;
}

/** Rewrites JSON answers and stream events with `ops`. */
export function rewrite(ops: readonly RewriteOp[]): Fault {
  const name = describe(ops);
  const noteOnce = (request: ProxyRequest, state: { noted: boolean }) => {
    if (state.noted) return;
    state.noted = true;
    request.note(name);
  };
  return (next) => (request, response) => {
    const state = { noted: false };
    let stream = false;
    const splitter = new SseSplitter();
    const json = collectBody(response, (status, headers, body) => {
      const rewritten = rewriteJson(body.toString('utf8'), ops);
      if (rewritten !== undefined) noteOnce(request, state);
      sendWhole(response, status, headers, rewritten === undefined ? body : Buffer.from(rewritten));
    });
    return next(
      request,
      intercept(response, {
        head: (status, headers) => {
          stream = isEventStream(headers);
          if (stream) response.head(status, withoutLength(headers));
          else json.head(status, headers);
        },
        write: (chunk) => {
          if (!stream) return json.write(chunk);
          let writable = true;
          for (const event of splitter.push(chunk)) {
            const rewritten = event.data === undefined ? undefined : rewriteJson(event.data, ops);
            if (rewritten !== undefined) noteOnce(request, state);
            writable = response.write(
              Buffer.from(`${rewritten === undefined ? event.raw : `data: ${rewritten}`}\n\n`),
            );
          }
          return writable;
        },
        end: () => {
          if (!stream) return json.end();
          const rest = splitter.rest();
          if (rest.length > 0) response.write(Buffer.from(rest));
          response.end();
        },
      }),
    );
  };
}
