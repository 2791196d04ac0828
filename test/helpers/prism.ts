/**
 * Stoplight Prism (`@stoplight/prism-cli`, a third-party OpenAPI mock server) serving OpenAI's document on a
 * free loopback port: started and stopped by the test, every wait bounded. Prism serves the chat-completions and
 * model-list paths of the vendored document, trimmed to those paths and the components they reference (the
 * whole 3 MB document took 16–24 s to start on two loaded cores, the trimmed one 1–3 s).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

type Json = Record<string, unknown>;

/** The document with only `paths` kept, and every component those paths reach through `$ref`. */
export function trimDocument(document: Json, paths: readonly string[]): Json {
  const all = document.components as Record<string, Record<string, unknown>>;
  const kept = Object.fromEntries(paths.map((path) => [path, (document.paths as Json)[path]]));
  const refs = new Set<string>();
  const queue: unknown[] = [kept];
  while (queue.length > 0) {
    const node = queue.pop();
    if (Array.isArray(node)) queue.push(...node);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/')) {
          if (refs.has(value)) continue;
          refs.add(value);
          const [, , kind = '', name = ''] = value.split('/');
          queue.push(all[kind]?.[name]);
        } else queue.push(value);
      }
    }
  }
  const components: Record<string, Record<string, unknown>> = { securitySchemes: all.securitySchemes ?? {} };
  for (const ref of refs) {
    const [, , kind = '', name = ''] = ref.split('/');
    components[kind] ??= {};
    (components[kind] as Json)[name] = all[kind]?.[name];
  }
  const { openapi, info, servers, security } = document;
  return { openapi, info, servers, security, paths: kept, components };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Prism {
  /** The mock's base URL: Prism serves the document's paths at the root, without the server's `/v1`. */
  url: string;
  /** How long Prism took from spawn to listening. */
  startMs: number;
  stop(): Promise<void>;
}

interface PrismOptions {
  waitMs?: number;
  /** `--dynamic --seed`: every answer generated from the schema instead of the examples. */
  dynamic?: { seed: string };
}

/**
 * Starts Prism on `document` (written to a temporary file) and resolves once it listens. The free port is
 * found by binding port 0 and closing it, so another process can take it first: then Prism exits with
 * EADDRINUSE and is started again on another port (three tries).
 */
export async function startPrism(document: Json, options: PrismOptions = {}): Promise<Prism> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(document, options);
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}

async function startOnce(document: Json, options: PrismOptions): Promise<Prism> {
  const dir = mkdtempSync(join(tmpdir(), 'chatproof-prism-'));
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(document));
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('@stoplight/prism-cli/package.json');
  const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin: { prism: string } }).bin.prism;
  const port = await freePort();
  const began = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(dirname(manifest), bin),
      'mock',
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      ...(options.dynamic ? ['--dynamic', '--seed', options.dynamic.seed] : []),
      file,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } },
  );
  let log = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killed);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const listening = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log = (log + chunk.toString('utf8')).slice(-20_000);
      if (log.includes('Prism is listening')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`prism exited (${code}) before listening:\n${log}`)));
  });
  const waitMs = options.waitMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`prism did not listen within ${waitMs} ms:\n${log}`)), waitMs);
  });
  try {
    await Promise.race([listening, timeout]);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return { url: `http://127.0.0.1:${port}`, startMs: performance.now() - began, stop };
}
