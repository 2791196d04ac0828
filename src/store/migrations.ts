/**
 * @module store/migrations
 * One schema, two dialects, forward-only migrations. Version N's statements take a database at version N-1 to
 * N; a migration may also carry a data step that runs in the same transaction. Never edit a released
 * migration: add the next one.
 */
import type { SqlRunner } from './sql.js';
import type { StoreEngine } from './types.js';

export interface Migration {
  version: number;
  sqlite: readonly string[];
  postgres: readonly string[];
  /** Data step run after the statements, inside the same transaction. */
  data?: (sql: SqlRunner) => Promise<void>;
}

/** Written into `chatproof_meta` so another program's database is recognised as foreign, never migrated. */
export const STORE_FORMAT = 'chatproof-history';
/** SQLite `PRAGMA application_id` of a chatproof history file ('cprf'). */
export const SQLITE_APPLICATION_ID = 0x63707266;

const immutable = (table: string, engine: StoreEngine): string[] =>
  engine === 'sqlite'
    ? ['UPDATE', 'DELETE'].map(
        (op) =>
          `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, 'stored reviews are immutable'); END`,
      )
    : [
        `CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION chatproof_immutable()`,
      ];

const CHILDREN = ['packets', 'clauses', 'findings', 'observations', 'audit_scenarios'] as const;

function v1(engine: StoreEngine): string[] {
  const serial = engine === 'sqlite' ? 'INTEGER PRIMARY KEY AUTOINCREMENT' : 'BIGSERIAL PRIMARY KEY';
  const blob = engine === 'sqlite' ? 'BLOB' : 'BYTEA';
  return [
    'CREATE TABLE chatproof_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
    'CREATE TABLE ledgers (hash TEXT PRIMARY KEY, content TEXT NOT NULL)',
    `CREATE TABLE reviews (
      seq ${serial},
      id TEXT NOT NULL UNIQUE,
      stored_at TEXT NOT NULL,
      generated_at TEXT NOT NULL,
      started_at TEXT NOT NULL,
      finished_at TEXT NOT NULL,
      duration_ms INTEGER NOT NULL,
      incident TEXT NOT NULL,
      application TEXT NOT NULL,
      environment TEXT NOT NULL,
      owner TEXT NOT NULL,
      deploy_version TEXT NOT NULL,
      verdict TEXT NOT NULL,
      exit_code INTEGER NOT NULL,
      incomplete INTEGER NOT NULL,
      base_url TEXT,
      tool_version TEXT NOT NULL,
      packet_schema INTEGER NOT NULL,
      ledger_file TEXT,
      ledger_hash TEXT REFERENCES ledgers(hash),
      packet_hash TEXT NOT NULL,
      finding_counts TEXT NOT NULL
    )`,
    `CREATE TABLE packets (
      review_id TEXT PRIMARY KEY REFERENCES reviews(id),
      hash TEXT NOT NULL,
      encoding TEXT NOT NULL,
      body ${blob} NOT NULL
    )`,
    `CREATE TABLE clauses (
      review_id TEXT NOT NULL REFERENCES reviews(id),
      clause_id TEXT NOT NULL,
      area TEXT NOT NULL,
      value TEXT NOT NULL,
      pending INTEGER NOT NULL,
      owner TEXT,
      source TEXT,
      validation TEXT NOT NULL,
      PRIMARY KEY (review_id, clause_id)
    )`,
    `CREATE TABLE findings (
      review_id TEXT NOT NULL REFERENCES reviews(id),
      ord INTEGER NOT NULL,
      key TEXT NOT NULL,
      class TEXT NOT NULL,
      check_name TEXT NOT NULL,
      area TEXT NOT NULL,
      clause TEXT,
      code TEXT NOT NULL,
      message TEXT NOT NULL,
      PRIMARY KEY (review_id, ord)
    )`,
    `CREATE TABLE observations (
      review_id TEXT NOT NULL REFERENCES reviews(id),
      ord INTEGER NOT NULL,
      check_name TEXT NOT NULL,
      area TEXT NOT NULL,
      status TEXT NOT NULL,
      duration_ms REAL,
      first_byte_ms REAL,
      PRIMARY KEY (review_id, ord)
    )`,
    `CREATE TABLE audit_scenarios (
      review_id TEXT NOT NULL REFERENCES reviews(id),
      ord INTEGER NOT NULL,
      name TEXT NOT NULL,
      attempts INTEGER NOT NULL,
      delays_ms TEXT NOT NULL,
      exit_code INTEGER,
      class TEXT NOT NULL,
      rules TEXT NOT NULL,
      PRIMARY KEY (review_id, ord)
    )`,
    'CREATE INDEX reviews_generated ON reviews (generated_at, seq)',
    ...(engine === 'postgres'
      ? [
          `CREATE FUNCTION chatproof_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN RAISE EXCEPTION 'stored reviews are immutable'; END $$`,
        ]
      : []),
    ...['reviews', ...CHILDREN].flatMap((table) => immutable(table, engine)),
  ];
}

interface PacketTarget {
  target?: { url?: unknown; kind?: unknown };
  qualifiers?: unknown;
  review?: { target?: { baseUrl?: unknown } };
}

/** The target URL and kind a packet names (`target`), or the ledger's base URL for older packets. */
export function packetTarget(packet: PacketTarget): { url: string | null; kind: string | null } {
  const url = packet.target?.url;
  const kind = packet.target?.kind;
  const fallback = packet.review?.target?.baseUrl;
  return {
    url: typeof url === 'string' ? url : typeof fallback === 'string' ? fallback : null,
    kind: typeof kind === 'string' ? kind : null,
  };
}

/** Qualifier names from `packet.qualifiers[]`, whether listed as names or as objects carrying one. */
export function packetQualifiers(packet: PacketTarget): string[] {
  if (!Array.isArray(packet.qualifiers)) return [];
  const names = packet.qualifiers.map((q: unknown) => {
    if (typeof q === 'string') return q;
    if (q && typeof q === 'object') {
      const named = q as { id?: unknown; name?: unknown; kind?: unknown };
      for (const value of [named.id, named.name, named.kind]) if (typeof value === 'string') return value;
    }
    return undefined;
  });
  return [...new Set(names.filter((n): n is string => n !== undefined))].sort();
}

/** Version 2: the contacted target and the verdict's qualifiers as columns, and the indexes history filters on. */
function v2(engine: StoreEngine): string[] {
  const unlock =
    engine === 'sqlite'
      ? ['DROP TRIGGER reviews_no_update']
      : ['ALTER TABLE reviews DISABLE TRIGGER reviews_immutable'];
  return [
    'ALTER TABLE reviews ADD COLUMN target_url TEXT',
    'ALTER TABLE reviews ADD COLUMN target_kind TEXT',
    `CREATE TABLE qualifiers (
      review_id TEXT NOT NULL REFERENCES reviews(id),
      qualifier TEXT NOT NULL,
      PRIMARY KEY (review_id, qualifier)
    )`,
    'CREATE INDEX reviews_application ON reviews (application, environment, generated_at)',
    'CREATE INDEX reviews_target ON reviews (target_url, generated_at)',
    'CREATE INDEX reviews_incident ON reviews (incident, generated_at)',
    ...immutable('qualifiers', engine),
    // The data step fills the new columns of reviews stored at version 1, then the table is locked again.
    ...unlock,
  ];
}

async function backfillV2(sql: SqlRunner, engine: StoreEngine, readPacket: ReadPacket): Promise<void> {
  const rows = await sql.query<{ id: string }>('SELECT id FROM reviews ORDER BY seq');
  for (const { id } of rows) {
    const packet = (await readPacket(sql, id)) as PacketTarget;
    const target = packetTarget(packet);
    await sql.run('UPDATE reviews SET target_url = ?, target_kind = ? WHERE id = ?', [
      target.url,
      target.kind,
      id,
    ]);
    for (const qualifier of packetQualifiers(packet))
      await sql.run('INSERT INTO qualifiers (review_id, qualifier) VALUES (?, ?)', [id, qualifier]);
  }
  await sql.run(
    engine === 'sqlite'
      ? `CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews BEGIN SELECT RAISE(ABORT, 'stored reviews are immutable'); END`
      : 'ALTER TABLE reviews ENABLE TRIGGER reviews_immutable',
  );
}

/** Reads and parses a stored packet inside a migration. */
export type ReadPacket = (sql: SqlRunner, id: string) => Promise<unknown>;

export function migrations(engine: StoreEngine, readPacket: ReadPacket): Migration[] {
  return [
    { version: 1, sqlite: v1('sqlite'), postgres: v1('postgres') },
    {
      version: 2,
      sqlite: v2('sqlite'),
      postgres: v2('postgres'),
      data: (sql) => backfillV2(sql, engine, readPacket),
    },
  ];
}

/** The schema version this chatproof writes; a database at a higher version is refused. */
export const LATEST_SCHEMA_VERSION = 2;
