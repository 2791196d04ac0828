/**
 * @module store/sqlite
 * The embedded engine: one file (better-sqlite3), WAL so readers never wait for a writer, `busy_timeout` so
 * two writers queue instead of failing. A file that is not a SQLite database, or is another program's, is
 * refused before anything is written to it.
 */
import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ChatproofError } from '../errors.js';
import { SQLITE_APPLICATION_ID } from './migrations.js';
import type { SqlEngine, SqlRunner, SqlValue } from './sql.js';

/** How long a writer waits for another process's transaction before giving up. */
export const BUSY_TIMEOUT_MS = 15_000;
const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function sqliteError(error: unknown, path: string): never {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    throw new ChatproofError(
      'E_STORE_CORRUPT',
      `${path} is damaged or not a SQLite database (${code}); it was left untouched. Move it aside to start a new history`,
      { cause: error },
    );
  }
  if (code === 'SQLITE_BUSY') {
    throw new ChatproofError(
      'E_STORE_UNWRITABLE',
      `${path} stayed locked by another writer for ${BUSY_TIMEOUT_MS / 1000} s`,
      { cause: error },
    );
  }
  if (
    code === 'SQLITE_READONLY' ||
    code === 'SQLITE_CANTOPEN' ||
    code.startsWith('SQLITE_IOERR') ||
    code === 'SQLITE_FULL' ||
    code === 'SQLITE_PERM'
  ) {
    throw new ChatproofError(
      'E_STORE_UNWRITABLE',
      `${path} cannot be written (${code}): ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  throw error;
}

/** Refuses a file that is not a SQLite database by its first bytes, without opening it as one. */
function checkHeader(path: string): void {
  let info: ReturnType<typeof statSync>;
  try {
    info = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === undefined) throw error;
    throw new ChatproofError('E_STORE_UNWRITABLE', `${path} cannot be used as a store (${code})`, {
      cause: error,
    });
  }
  if (!info.isFile())
    throw new ChatproofError('E_STORE_FOREIGN', `${path} is not a file; give --store a file path`);
  if (info.size === 0) return;
  const head = Buffer.alloc(HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (!head.equals(HEADER)) {
    throw new ChatproofError(
      'E_STORE_CORRUPT',
      `${path} is not a SQLite database (it does not start with "SQLite format 3"); it was left untouched. Move it aside or give --store another path`,
    );
  }
}

export function openSqlite(path: string): SqlEngine {
  checkHeader(path);
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw new ChatproofError(
      'E_STORE_UNWRITABLE',
      `cannot create the folder of ${path}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    sqliteError(error, path);
  }
  const guard = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      return sqliteError(error, path);
    }
  };
  guard(() => {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const id = db.pragma('application_id', { simple: true }) as number;
    if (id !== 0 && id !== SQLITE_APPLICATION_ID) {
      db.close();
      throw new ChatproofError(
        'E_STORE_FOREIGN',
        `${path} is another program's SQLite database (application_id ${id}); it was left untouched`,
      );
    }
  });
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (statements.size > 200) statements.clear();
      statements.set(sql, statement);
    }
    return statement;
  };
  const runner: SqlRunner = {
    async query<T>(sql: string, params: readonly SqlValue[] = []) {
      return guard(() => prepare(sql).all(...params) as T[]);
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      guard(() => {
        if (params.length === 0 && !/^\s*(INSERT|UPDATE|DELETE|SELECT)/i.test(sql)) db.exec(sql);
        else prepare(sql).run(...params);
      });
    },
  };
  let configured = false;
  return {
    engine: 'sqlite',
    ...runner,
    async tables() {
      return guard(() =>
        (
          db
            .prepare(
              "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )
            .all() as { name: string }[]
        ).map((row) => row.name),
      );
    },
    async transaction(work) {
      if (!configured) {
        // Only once the file is known to be ours (or new): WAL rewrites the header.
        guard(() => {
          db.pragma('journal_mode = WAL');
          db.pragma('foreign_keys = ON');
          if ((db.pragma('application_id', { simple: true }) as number) === 0)
            db.pragma(`application_id = ${SQLITE_APPLICATION_ID}`);
        });
        configured = true;
      }
      guard(() => db.exec('BEGIN IMMEDIATE'));
      try {
        const result = await work(runner);
        guard(() => db.exec('COMMIT'));
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    },
    async close() {
      db.close();
    },
  };
}
