/**
 * @module proxy/forward
 * The end of every chain: forwards the request to the route's upstream and streams the answer back as it
 * arrives, with backpressure, and aborts the upstream request when the client goes away.
 */
import http from 'node:http';
import https from 'node:https';
import type { Handler, ProxyRequest } from './types.js';

/** Where a route's requests go, and the agents that keep upstream connections alive. */
export interface UpstreamTarget {
  url: URL;
  agent: http.Agent;
}

/** Counters the server exposes: upstream requests still open and upstream failures. */
export interface ForwardStats {
  open: number;
  upstreamErrors: number;
}

/**
 * The headers to send upstream, from the client's raw list (no header object built, duplicates kept): `host`
 * names the upstream. Hop-by-hop headers describe one connection. `connection` and `transfer-encoding` pass as
 * they are, like a plain pipe: node frames each side itself and both sides keep connections alive. Only
 * headers that would change the connection's protocol are dropped.
 */
export function upstreamHeaders(raw: readonly string[], host: string): string[] {
  const headers: string[] = [];
  let hostSet = false;
  for (let index = 0; index < raw.length; index += 2) {
    const name = raw[index]!;
    // Only names of these lengths can match, so most headers are copied without lower-casing.
    const lower = name.length === 4 || name.length === 7 || name.length === 16 ? name.toLowerCase() : '';
    if (lower === 'host') {
      if (!hostSet) headers.push(name, host);
      hostSet = true;
    } else if (lower !== 'upgrade' && lower !== 'proxy-connection') headers.push(name, raw[index + 1]!);
  }
  if (!hostSet) headers.push('host', host);
  return headers;
}

/** A handler that forwards to `targetFor(route)`. */
export function forwarder(
  targetFor: (request: ProxyRequest) => UpstreamTarget,
  stats: ForwardStats,
): Handler {
  // Returns nothing rather than a promise: nothing waits on the forwarder, and a promise per request costs.
  return (request, response) => {
    const { url, agent } = targetFor(request);
    const headers = upstreamHeaders(request.rawHeaders, url.host);
    let headed = false;
    let done = false;
    const settle = () => {
      if (done) return;
      done = true;
      stats.open -= 1;
    };
    const failed = (error: Error & { code?: string }) => {
      if (done) return;
      stats.upstreamErrors += 1;
      request.upstreamFailed(error.code ?? error.message);
      if (!headed) {
        const body = Buffer.from(
          JSON.stringify({
            error: {
              message: `chatproof proxy: upstream failed (${error.code ?? error.message})`,
              type: 'proxy_error',
            },
          }),
        );
        response.head(502, { 'content-type': 'application/json', 'content-length': body.length });
        response.write(body);
        response.end();
      } else {
        response.reset();
      }
      settle();
    };
    stats.open += 1;
    request.forwarded();
    const send = url.protocol === 'https:' ? https.request : http.request;
    const upstream = send(
      {
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        headers,
        agent,
      },
      (answer) => {
        headed = true;
        response.head(answer.statusCode ?? 502, answer.headers);
        answer.on('data', (chunk: Buffer) => {
          if (!response.write(chunk)) {
            answer.pause();
            response.onDrain(() => answer.resume());
          }
        });
        answer.on('end', () => {
          response.end();
          settle();
        });
        answer.on('error', failed);
      },
    );
    upstream.on('error', failed);
    request.onClose(() => {
      // The client is gone: the upstream request must not outlive it (no orphan generation to pay for).
      done || upstream.destroy();
      settle();
    });
    const rest = request.takeBodyRest();
    if (rest) {
      // A body larger than the proxy holds: what it held goes first, the rest streams on with backpressure.
      upstream.write(request.body);
      rest.pipe(upstream);
    } else upstream.end(request.body);
  };
}
