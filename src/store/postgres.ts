/**
 * @module store/postgres
 * The team engine: PostgreSQL through `pg`, one connection per store. Placeholders are rewritten from `?` to
 * `$n`; migrations take an advisory lock so two CI jobs starting at once migrate one after the other. Errors
 * name the server by its redacted URL; the password never reaches a message.
 */
import pg from 'pg';
import { ChatproofError } from '../errors.js';
import type { SqlEngine, SqlRunner, SqlValue } from './sql.js';

/** Any number unique to chatproof: the advisory lock migrations hold. */
const MIGRATION_LOCK = 0x63707266;
const CONNECT_TIMEOUT_MS = 10_000;

function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export async function openPostgres(
  url: string,
  location: string,
  scrub: (text: string) => string,
): Promise<SqlEngine> {
  const fail = (error: unknown, what: string): never => {
    const message = scrub((error as Error)?.message ?? String(error));
    const code = (error as { code?: string }).code;
    throw new ChatproofError(
      'E_STORE_UNWRITABLE',
      `${location}: ${what}: ${message}${code && !message.includes(code) ? ` (${code})` : ''}`,
    );
  };
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'chatproof',
  });
  // A connection lost after connect surfaces on the next query; the event must still have a listener.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    fail(error, 'cannot connect');
  }
  const runner: SqlRunner = {
    async query<T>(sql: string, params: readonly SqlValue[] = []) {
      try {
        return (await client.query(numbered(sql), params as unknown[])).rows as T[];
      } catch (error) {
        if ((error as { code?: string }).code === 'P0001') throw error;
        return fail(error, 'query failed');
      }
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      await runner.query(sql, params);
    },
  };
  return {
    engine: 'postgres',
    ...runner,
    async tables() {
      const rows = await runner.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
      );
      return rows.map((row) => row.name);
    },
    async transaction(work, options = {}) {
      await runner.run('BEGIN');
      try {
        if (options.exclusive) await runner.run('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
        const result = await work(runner);
        await runner.run('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    },
    async close() {
      await client.end().catch(() => {});
    },
  };
}
