/**
 * @module store/sql
 * The little each engine provides: queries with `?` placeholders, and a transaction. Everything else
 * (schema checks, migrations, rows) is shared, so both engines store the same thing the same way.
 */

export type SqlValue = string | number | null | Buffer;

export interface SqlRunner {
  query<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  run(sql: string, params?: readonly SqlValue[]): Promise<void>;
}

export interface SqlEngine extends SqlRunner {
  readonly engine: 'sqlite' | 'postgres';
  /**
   * Runs `work` in one transaction that takes the write lock at once (SQLite `BEGIN IMMEDIATE`; PostgreSQL
   * an advisory lock when `exclusive`), committing when it resolves and rolling back when it throws.
   */
  transaction<T>(work: (sql: SqlRunner) => Promise<T>, options?: { exclusive?: boolean }): Promise<T>;
  /** Tables in the store's schema, to tell an empty database from another program's. */
  tables(): Promise<string[]>;
  close(): Promise<void>;
}

/** One multi-row INSERT: fewer round trips on PostgreSQL, one prepared statement per row count on SQLite. */
export function insertMany(
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
): { sql: string; params: SqlValue[] }[] {
  const out: { sql: string; params: SqlValue[] }[] = [];
  // Well under SQLite's 32766 and PostgreSQL's 65535 bound parameters.
  const perStatement = Math.max(1, Math.floor(4000 / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    out.push({
      sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`,
      params: chunk.flat(),
    });
  }
  return out;
}
