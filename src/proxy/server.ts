/**
 * @module proxy/server
 * The fault proxy: a loopback node:http server that runs each request through its route's faults and on to the
 * upstream, and records every attempt. A request to `/~<route>/…` takes the named route; anything else takes
 * `primary`.
 */
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { ChatproofError } from '../errors.js';
import { AttemptLog } from './attempt-log.js';
import { composeFaults } from './compose.js';
import { type ForwardStats, forwarder, type UpstreamTarget } from './forward.js';
import { LiveExchange } from './live.js';
import type { Attempt, Fault, Handler } from './types.js';
import { when } from './when.js';

export interface RouteOptions {
  /** Upstream for this route; defaults to the proxy's upstream. */
  upstream?: string;
  faults?: readonly Fault[];
}

/**
 * Request body bytes held in memory at most, for the faults to read; chat requests are kilobytes, the simulator
 * refuses over 1 MiB. A larger body is streamed on past this, never held whole.
 */
export const DEFAULT_MAX_REQUEST_BYTES = 32 * 1024 * 1024;

export interface ProxyOptions {
  /** Base URL of the real API or the simulator, e.g. `http://127.0.0.1:4010/v1`. */
  upstream: string;
  /** Faults on the primary route, the first outermost. */
  faults?: readonly Fault[];
  /** Extra routes, reached under `/~<name>` (a fallback endpoint, for instance). */
  routes?: Readonly<Record<string, RouteOptions>>;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Address to bind; loopback by default. */
  host?: string;
  /** Append the attempt log (JSON Lines) to this file. */
  log?: string;
  /**
   * Request body bytes held in memory (default 32 MiB, far above any chat request). A larger upload runs through
   * the faults with its first `maxRequestBytes` and is streamed to the upstream with backpressure, so memory
   * stays bounded; its attempt records every byte counted and `bodyStreamed: true`.
   */
  maxRequestBytes?: number;
  /** Secret values to redact from the attempt log. */
  secrets?: readonly string[];
}

export interface ProxyStats {
  /** Exchanges in flight. */
  active: number;
  /** Upstream requests still open. */
  upstreamOpen: number;
  /** Exchanges whose client has had no answer yet (no status line), and how long the oldest has waited. */
  awaitingAnswer: number;
  oldestWaitMs: number;
  upstreamErrors: number;
  /** Failures of the proxy itself (a handler that threw, a malformed client request). Zero when healthy. */
  proxyErrors: number;
}

export interface RunningProxy {
  /** Base URL for clients: the proxy's origin plus the upstream's path (e.g. `http://127.0.0.1:5123/v1`). */
  url: string;
  /** Base URL of a named route (`primary` is `url`). */
  routeUrl(route: string): string;
  /** Every attempt so far, redacted, in arrival order. */
  attempts(): Attempt[];
  stats(): ProxyStats;
  /**
   * Resolves once no exchange is in flight: every attempt so far is recorded and every fault chain has
   * returned. Waits on the proxy's own events, never on a clock.
   */
  idle(): Promise<void>;
  /** Client connections open on the proxy (for leak checks). */
  connections(): Promise<number>;
  /** Resolves once no client connection is open (at once when none is), on the sockets' own close events. */
  disconnected(): Promise<void>;
  /** Writes queued attempts to the log file. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

interface Route {
  handler: Handler;
  target: UpstreamTarget;
}

const ROUTE_PREFIX = '/~';

function parseUpstream(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new ChatproofError('E_USAGE', `upstream is not a URL: ${value}`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ChatproofError('E_USAGE', `upstream must be http or https: ${value}`);
  }
  return url;
}

/** Starts the proxy on loopback. */
export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const origin = performance.now();
  const httpAgent = new http.Agent({ keepAlive: true });
  const httpsAgent = new https.Agent({ keepAlive: true });
  const log = new AttemptLog({
    ...(options.log !== undefined ? { file: options.log } : {}),
    secrets: options.secrets ?? [],
  });
  const forward: ForwardStats = { open: 0, upstreamErrors: 0 };
  // `active`: exchanges not yet recorded; `running`: fault chains not yet returned (a chain can outlive its
  // exchange, e.g. a delay whose client left).
  const counters = { active: 0, running: 0, proxyErrors: 0, seq: 0 };
  const idle = when(() => counters.active === 0 && counters.running === 0);
  const base = parseUpstream(options.upstream);
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const basePath = base.pathname.replace(/\/+$/, '');

  const routes = new Map<string, Route>();
  const addRoute = (name: string, upstream: URL, faults: readonly Fault[]) => {
    const target = { url: upstream, agent: upstream.protocol === 'https:' ? httpsAgent : httpAgent };
    routes.set(name, {
      target,
      handler: composeFaults(
        faults,
        forwarder(() => target, forward),
      ),
    });
  };
  addRoute('primary', base, options.faults ?? []);
  for (const [name, route] of Object.entries(options.routes ?? {})) {
    if (!/^[A-Za-z0-9_-]+$/.test(name) || name === 'primary') {
      throw new ChatproofError(
        'E_USAGE',
        `route name must be letters, digits, - or _ (not primary): ${name}`,
      );
    }
    addRoute(name, route.upstream ? parseUpstream(route.upstream) : base, route.faults ?? []);
  }
  const primary = routes.get('primary')!;

  // Exchanges in flight, for the "no answer yet" notice (stats().awaitingAnswer).
  const live = new Set<LiveExchange>();
  const settle = (exchange: LiveExchange) => {
    live.delete(exchange);
    counters.active -= 1;
    log.push(exchange);
    idle.check();
  };

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    let route = primary;
    let routeName = 'primary';
    let path = req.url ?? '/';
    if (path.startsWith(ROUTE_PREFIX)) {
      const end = path.indexOf('/', ROUTE_PREFIX.length);
      const name = path.slice(ROUTE_PREFIX.length, end === -1 ? undefined : end);
      const named = routes.get(name);
      if (named) {
        route = named;
        routeName = name;
        path = end === -1 ? '/' : path.slice(end);
      }
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const start = (body: Buffer, rest?: http.IncomingMessage) => {
      counters.active += 1;
      const exchange = new LiveExchange(
        counters.seq++,
        routeName,
        req.method ?? 'GET',
        path,
        req,
        body,
        res,
        origin,
        settle,
        rest,
      );
      live.add(exchange);
      res.on('close', () => exchange.clientClosed());
      let result: Promise<void> | void;
      try {
        result = route.handler(exchange, exchange);
      } catch (error) {
        result = Promise.reject(error);
      }
      if (result) {
        counters.running += 1;
        result
          .catch((error: unknown) => crashed(exchange, error))
          .finally(() => {
            counters.running -= 1;
            idle.check();
          });
      }
    };
    const onEnd = () => start(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    const onData = (chunk: Buffer) => {
      if (size + chunk.length <= maxRequestBytes) {
        chunks.push(chunk);
        size += chunk.length;
        return;
      }
      // Memory stays bounded whatever the client uploads: what fits is held for the faults, and the rest
      // (this chunk's tail first) streams on from the paused request.
      req.off('data', onData);
      req.off('end', onEnd);
      req.pause();
      const fits = maxRequestBytes - size;
      chunks.push(chunk.subarray(0, fits));
      size += fits;
      req.unshift(chunk.subarray(fits));
      start(Buffer.concat(chunks, size), req);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', () => {
      // A client that vanishes mid-upload is its own problem, not the proxy's: the exchange never started.
      res.destroy();
    });
  };

  const crashed = (exchange: LiveExchange, error: unknown) => {
    counters.proxyErrors += 1;
    exchange.upstreamFailed(`proxy: ${error instanceof Error ? error.message : String(error)}`);
    if (exchange.status === undefined) {
      const body = Buffer.from(
        JSON.stringify({ error: { message: 'chatproof proxy failed', type: 'proxy_error' } }),
      );
      exchange.head(500, { 'content-type': 'application/json', 'content-length': body.length });
      exchange.write(body);
      exchange.end();
    } else {
      exchange.reset();
    }
  };

  const server = http.createServer(onRequest);
  let sockets = 0;
  const disconnected = when(() => sockets === 0);
  server.on('connection', (socket) => {
    sockets += 1;
    socket.once('close', () => {
      sockets -= 1;
      disconnected.check();
    });
  });
  server.on('clientError', (_error, socket) => {
    counters.proxyErrors += 1;
    socket.destroy();
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause) =>
      reject(new ChatproofError('E_PROXY_BIND', `cannot listen on ${host}:${options.port ?? 0}`, { cause })),
    );
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const proxyOrigin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const routeUrl = (name: string) => {
    if (name === 'primary') return `${proxyOrigin}${basePath}`;
    const route = routes.get(name);
    if (!route) throw new ChatproofError('E_USAGE', `no such route: ${name}`);
    return `${proxyOrigin}${ROUTE_PREFIX}${name}${route.target.url.pathname.replace(/\/+$/, '')}`;
  };

  return {
    url: routeUrl('primary'),
    routeUrl,
    attempts: () => log.attempts(),
    stats: () => {
      const waiting = [...live].filter((exchange) => exchange.status === undefined);
      const now = Date.now();
      return {
        active: counters.active,
        upstreamOpen: forward.open,
        upstreamErrors: forward.upstreamErrors,
        proxyErrors: counters.proxyErrors,
        awaitingAnswer: waiting.length,
        oldestWaitMs: waiting.reduce((most, exchange) => Math.max(most, now - exchange.startedAt), 0),
      };
    },
    idle: () => idle.wait(),
    connections: () =>
      new Promise<number>((resolve) => server.getConnections((error, count) => resolve(error ? -1 : count))),
    disconnected: () => disconnected.wait(),
    flush: () => log.flush(),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      httpAgent.destroy();
      httpsAgent.destroy();
      await log.close();
    },
  };
}
