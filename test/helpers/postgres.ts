/**
 * A throwaway PostgreSQL cluster for tests: `initdb` into a temporary folder, `pg_ctl start` on 127.0.0.1 and
 * a free port, trust authentication on loopback, stopped and deleted at the end. As root it runs as the
 * `postgres` OS user (initdb refuses root). `CHATPROOF_TEST_POSTGRES_URL` points at an existing server
 * instead. In CI (`CI` or `CHATPROOF_CI` set) a server that cannot be started fails the tests; elsewhere
 * they are skipped with the reason.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const exec = promisify(execFile);

export interface TestPostgres {
  /** URL of the cluster's `postgres` database. */
  url: string;
  /** A new, empty database on the cluster, by URL. */
  database(): Promise<string>;
  stop(): Promise<void>;
}

export type TestPostgresResult = { ok: true; server: TestPostgres } | { ok: false; reason: string };

export const inCi = (): boolean => Boolean(process.env.CI || process.env.CHATPROOF_CI);

function findBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let counter = 0;

function withDatabases(url: string, stop: () => Promise<void>): TestPostgres {
  return {
    url,
    async database() {
      const name = `chatproof_test_${process.pid}_${Date.now()}_${++counter}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      const next = new URL(url);
      next.pathname = `/${name}`;
      return next.toString();
    },
    stop,
  };
}

async function start(): Promise<TestPostgres> {
  const bin = findBin();
  if (!bin)
    throw new Error(
      'no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)',
    );
  const dir = await mkdtemp(join(tmpdir(), 'chatproof-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    asRoot ? exec('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]) : exec(join(bin, cmd), args);
  if (asRoot) {
    const { stdout } = await exec('id', ['-u', 'postgres']);
    const { stdout: gid } = await exec('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  await run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`;
  await run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  const stop = async () => {
    await run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  };
  return withDatabases(`postgres://postgres@127.0.0.1:${port}/postgres`, stop);
}

/** A server for this test file: the one `CHATPROOF_TEST_POSTGRES_URL` names, or a new throwaway cluster. */
export async function testPostgres(): Promise<TestPostgresResult> {
  const given = process.env.CHATPROOF_TEST_POSTGRES_URL;
  if (given) return { ok: true, server: withDatabases(given, async () => {}) };
  try {
    return { ok: true, server: await start() };
  } catch (error) {
    const reason = `no PostgreSQL server for the store tests: ${(error as Error).message}`;
    if (inCi()) throw new Error(reason);
    return { ok: false, reason };
  }
}
