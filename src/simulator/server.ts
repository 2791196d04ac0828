/**
 * @module simulator/server
 * The node:http server: loopback bind, routes, auth, body limit, timeouts for slow or abandoned clients,
 * and a close that leaves no socket or timer behind.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { ChatproofError } from '../errors.js';
import { baseHeaders, errorAnswer, htmlPage, JSON_TYPE, send } from './answer.js';
import type { DriftName } from './catalogue.js';
import { handleChat } from './chat.js';
import { driftError, driftModels, requestDrifts } from './drifts.js';
import { servedModels } from './models.js';
import { FAULT_HEADER } from './selection.js';
import type { SimulatorState } from './state.js';

/** Server-side time limits, in milliseconds. */
export interface SimulatorTimeouts {
  /** All request headers must arrive within this (cuts slow-drip headers). */
  headersMs: number;
  /** The whole request (headers and body) must arrive within this (cuts abandoned uploads). */
  requestMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: number;
}

/** Bodies over the limit are read and dropped up to this size before the 413; beyond it the socket is closed. */
const DRAIN_CAP_BYTES = 16 * 1024 * 1024;

export const DEFAULT_TIMEOUTS: SimulatorTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
};

/** True for 127.0.0.0/8, ::1, `localhost` and IPv4-mapped loopback. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  const v4 = bare.startsWith('::ffff:') ? bare.slice(7) : bare;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return bare === '::1';
}

/** Refuses a non-loopback address unless the caller named it explicitly. */
export function checkBind(host: string, allowNonLoopback: boolean): void {
  if (!isLoopback(host) && !allowNonLoopback) {
    throw new ChatproofError(
      'E_SIM_BIND',
      `refusing to bind the simulator to ${host}: it is not a loopback address (name it with --host to allow it)`,
    );
  }
}

/** Creates the HTTP server for a simulator state (not yet listening). */
export function createSimulatorServer(state: SimulatorState, timeouts: SimulatorTimeouts): Server {
  const base = basePath(state.profile.baseUrl.value);
  const paths: Paths = {
    chat: `${base}${state.profile.chatPath.value}`,
    models: `${base}${state.profile.modelsPath.value}`,
  };
  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      // Node checks the two timeouts above on this interval (30 s by default, far too coarse for short limits).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(timeouts.headersMs / 4))),
    },
    (req, res) => route(state, paths, req, res),
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || socket.destroyed) {
      socket.destroy();
      return;
    }
    // Node's own answers for these, kept: a timeout is a 408, oversized headers a 431, the rest a 400.
    const status =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? '408 Request Timeout'
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? '431 Request Header Fields Too Large'
          : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  });
  return server;
}

interface Paths {
  chat: string;
  models: string;
}

function route(state: SimulatorState, paths: Paths, req: IncomingMessage, res: ServerResponse): void {
  const { profile } = state;
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  const requestId = state.newId();
  const chatPath = paths.chat;
  const modelsPath = paths.models;
  const isChat = path === chatPath;
  const isModels = path === modelsPath || path.startsWith(`${modelsPath}/`);
  if (!isChat && !isModels) {
    wrongPath(state, path, req, res, requestId);
  } else if (req.method !== (isChat ? 'POST' : 'GET')) {
    const allow = { allow: isChat ? 'POST' : 'GET' };
    send(res, errorAnswer(profile, profile.errors.methodNotAllowed.value, requestId, allow));
  } else if (!authorized(state, req)) {
    send(res, driftError(errorAnswer(profile, profile.errors.badAuth.value, requestId), drifts(state, req)));
  } else if (isChat) {
    readBody(state, req, res, requestId, (text) => handleChat(state, req, res, text, requestId));
  } else {
    models(state, req, res, path.slice(modelsPath.length + 1), requestId);
  }
}

/** `/v1` from `https://api.cometapi.com/v1`. */
function basePath(baseUrl: string): string {
  return new URL(baseUrl).pathname.replace(/\/$/, '');
}

function authorized(state: SimulatorState, req: IncomingMessage): boolean {
  const { header, scheme } = state.profile.auth.value;
  const value = req.headers[header.toLowerCase()];
  if (typeof value !== 'string') return false;
  const prefix = scheme === '' ? '' : `${scheme} `;
  if (!value.startsWith(prefix)) return false;
  const given = Buffer.from(value.slice(prefix.length));
  // Constant-time comparison so the key cannot be guessed byte by byte from timings.
  return given.length === state.apiKey.length && timingSafeEqual(given, state.apiKey);
}

function readBody(
  state: SimulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  then: (text: string) => void,
): void {
  const limit = state.profile.bodyLimitBytes.value;
  const tooLarge = (close: boolean) => {
    const extra: Record<string, string> = close ? { connection: 'close' } : {};
    send(res, errorAnswer(state.profile, state.profile.errors.tooLarge.value, requestId, extra));
  };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > DRAIN_CAP_BYTES) {
    // Too big to even drain: answer at once and drop the connection.
    tooLarge(true);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let over = Number.isFinite(declared) && declared > limit;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (over || size > limit) {
      // Past the limit the body is read and dropped, so the client gets a clean 413 rather than a reset
      // while it is still sending; past the drain cap the connection is dropped.
      over = true;
      chunks.length = 0;
      if (size > DRAIN_CAP_BYTES && !res.headersSent) tooLarge(true);
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (res.destroyed || res.headersSent) return;
    if (over) {
      tooLarge(false);
      return;
    }
    const text =
      chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
    then(text);
  });
  req.on('error', () => req.socket.destroy());
}

/** The drifts this request asks for, and those the simulator applies to every answer. */
function drifts(state: SimulatorState, req: IncomingMessage): DriftName[] {
  const header = req.headers[FAULT_HEADER];
  return requestDrifts(state.drift, Array.isArray(header) ? header.join(',') : header);
}

function models(
  state: SimulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  requestId: string,
): void {
  const { profile } = state;
  const created = 1_700_000_000;
  const entries = servedModels(profile).map((model) => ({
    id: model.id,
    object: 'model',
    created,
    owned_by: model.ownedBy,
  }));
  const headers = { ...baseHeaders(profile, requestId), 'content-type': JSON_TYPE };
  if (id === '') {
    const list = driftModels({ object: 'list', data: entries }, drifts(state, req));
    send(res, { status: 200, headers, parts: [JSON.stringify(list)] });
    return;
  }
  const entry = entries.find((model) => model.id === decodeURIComponent(id));
  if (entry) send(res, { status: 200, headers, parts: [JSON.stringify(entry)] });
  else
    send(
      res,
      driftError(errorAnswer(profile, profile.errors.unknownModel.value, requestId), drifts(state, req)),
    );
}

function wrongPath(
  state: SimulatorState,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
): void {
  const behaviour = state.profile.wrongPath.value;
  if (behaviour.kind === 'redirect') {
    if (path === behaviour.location) {
      send(res, {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        parts: [htmlPage(200, 'chatproof simulator')],
      });
      return;
    }
    send(res, {
      status: 301,
      headers: { location: behaviour.location, 'content-type': 'text/html; charset=utf-8' },
      parts: [htmlPage(301, 'Moved Permanently')],
    });
    return;
  }
  const message = `Invalid URL (${req.method ?? 'GET'} ${path.slice(0, 200)})`;
  const answer = errorAnswer(
    state.profile,
    { ...state.profile.errors.invalidRequest.value, status: behaviour.status, message },
    requestId,
  );
  send(res, driftError(answer, drifts(state, req)));
}
