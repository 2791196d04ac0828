/**
 * @module simulator/exchange
 * A simulator request and response in the fault middleware's shape (`ProxyRequest`, `ProxyResponse`), so the
 * simulator applies the very faults the proxy applies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProxyRequest, ProxyResponse } from '../proxy/types.js';

/** How long bytes sent before a reset get to reach the client's reader (loopback needs far less). */
const RESET_GRACE_MS = 20;

export interface SimulatorExchange {
  request: ProxyRequest;
  response: ProxyResponse;
}

/** Wraps a chat request whose body was read; `stream` says whether it asks for an event stream. */
export function simulatorExchange(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  stream: boolean,
): SimulatorExchange {
  const request: ProxyRequest = {
    method: req.method ?? 'POST',
    path: req.url ?? '/',
    headers: req.headers,
    rawHeaders: req.rawHeaders,
    body,
    takeBodyRest: () => undefined,
    route: 'primary',
    wantsStream: stream,
    onClose(callback) {
      res.once('close', () => {
        if (!res.writableFinished) callback();
      });
    },
    note() {},
    forwarded() {},
    upstreamFailed() {},
  };
  let reset = false;
  const response: ProxyResponse = {
    head(status, headers) {
      if (reset || res.destroyed || res.headersSent) return;
      res.writeHead(status, headers);
    },
    write(chunk) {
      if (reset || res.destroyed) return true;
      return res.write(chunk);
    },
    onDrain(callback) {
      res.once('drain', callback);
    },
    end() {
      if (reset || res.destroyed) return;
      res.end();
    },
    reset() {
      if (reset) return;
      reset = true;
      const socket = res.socket;
      if (!socket) return;
      if (!res.headersSent) {
        socket.resetAndDestroy();
        return;
      }
      // Bytes already written must reach the client before the reset, or its kernel discards them on RST.
      const kill = () => setTimeout(() => socket.destroyed || socket.resetAndDestroy(), RESET_GRACE_MS);
      setImmediate(() => (socket.writableLength > 0 ? socket.once('drain', kill) : kill()));
    },
    get closed() {
      return reset || res.destroyed || res.writableEnded;
    },
  };
  return { request, response };
}
