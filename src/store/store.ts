/**
 * @module store/store
 * The store over any engine: recognises a chatproof history (or refuses a foreign or newer one), migrates it
 * forward, writes each review in one transaction, and answers history, get and ref queries.
 */

import { randomBytes } from 'node:crypto';
import { type Clock, systemClock } from '../clock.js';
import { ChatproofError } from '../errors.js';
import { LATEST_SCHEMA_VERSION, migrations, type ReadPacket, STORE_FORMAT } from './migrations.js';
import { decodePacket, reviewStatements } from './rows.js';
import type { SqlEngine, SqlRunner, SqlValue } from './sql.js';
import type { HistoryFilter, ReviewInput, ReviewStore, ReviewSummary, StoredReview } from './types.js';

export interface StoreOptions {
  /** Clock for `storedAt` and ids; tests pin it. */
  now?: Clock;
  /** Random bytes for ids; tests pin them. */
  random?: (bytes: number) => Buffer;
  /** Refuse a SQLite file that does not exist yet instead of creating it (commands that only read). */
  existing?: boolean;
}

const readPacket: ReadPacket = async (sql, id) => {
  const [row] = await sql.query<{ hash: string; encoding: string; body: Buffer }>(
    'SELECT hash, encoding, body FROM packets WHERE review_id = ?',
    [id],
  );
  if (!row) throw new ChatproofError('E_STORE_CORRUPT', `review ${id} has no stored packet`);
  return JSON.parse(decodePacket(id, row));
};

async function metaVersion(sql: SqlRunner, location: string): Promise<number> {
  const rows = await sql.query<{ key: string; value: string }>('SELECT key, value FROM chatproof_meta');
  const meta = new Map(rows.map((row) => [row.key, row.value]));
  if (meta.get('format') !== STORE_FORMAT) {
    throw new ChatproofError(
      'E_STORE_FOREIGN',
      `${location} is not a chatproof review history (its chatproof_meta names no ${STORE_FORMAT} format); it was left untouched`,
    );
  }
  const version = Number(meta.get('schema_version'));
  if (!Number.isInteger(version) || version < 1) {
    throw new ChatproofError(
      'E_STORE_CORRUPT',
      `${location}: unreadable schema version "${meta.get('schema_version')}"`,
    );
  }
  return version;
}

function refuseNewer(version: number, location: string): void {
  if (version > LATEST_SCHEMA_VERSION) {
    throw new ChatproofError(
      'E_STORE_NEWER',
      `${location} was written by a newer chatproof (history schema version ${version}; this chatproof reads up to version ${LATEST_SCHEMA_VERSION}); upgrade chatproof to use it`,
    );
  }
}

/**
 * Brings the store to the latest schema version, or refuses it. A database with tables but no chatproof
 * metadata belongs to another program and is never written to.
 */
export async function prepareSchema(
  engine: SqlEngine,
  location: string,
  target = LATEST_SCHEMA_VERSION,
): Promise<number> {
  const tables = await engine.tables();
  if (tables.length > 0 && !tables.includes('chatproof_meta')) {
    throw new ChatproofError(
      'E_STORE_FOREIGN',
      `${location} holds tables that are not a chatproof review history (${tables.slice(0, 5).join(', ')}); it was left untouched. Give --store a new file or an empty database`,
    );
  }
  if (tables.includes('chatproof_meta')) {
    const version = await metaVersion(engine, location);
    refuseNewer(version, location);
    if (version >= target) return version;
  }
  return engine.transaction(
    async (sql) => {
      // Another process may have created or migrated the store while this one waited for the lock.
      const now = (await engine.tables()).includes('chatproof_meta') ? await metaVersion(sql, location) : 0;
      refuseNewer(now, location);
      for (const migration of migrations(engine.engine, readPacket)) {
        if (migration.version <= now || migration.version > target) continue;
        for (const statement of migration[engine.engine]) await sql.run(statement);
        if (migration.version === 1) {
          await sql.run('INSERT INTO chatproof_meta (key, value) VALUES (?, ?), (?, ?)', [
            'format',
            STORE_FORMAT,
            'schema_version',
            '0',
          ]);
        }
        await migration.data?.(sql);
        await sql.run('UPDATE chatproof_meta SET value = ? WHERE key = ?', [
          String(migration.version),
          'schema_version',
        ]);
      }
      return Math.max(now, target);
    },
    { exclusive: true },
  );
}

type Row = Record<string, unknown>;

const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value));
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function summaryOf(row: Row, qualifiers: string[]): ReviewSummary {
  return {
    id: String(row.id),
    storedAt: String(row.stored_at),
    generatedAt: String(row.generated_at),
    startedAt: String(row.started_at),
    finishedAt: String(row.finished_at),
    durationMs: num(row.duration_ms),
    incident: String(row.incident),
    application: String(row.application),
    environment: String(row.environment),
    owner: String(row.owner),
    deployVersion: String(row.deploy_version),
    verdict: String(row.verdict),
    exitCode: num(row.exit_code),
    incomplete: num(row.incomplete) === 1,
    qualifiers,
    target: text(row.target_url),
    targetKind: text(row.target_kind),
    toolVersion: String(row.tool_version),
    packetSchema: num(row.packet_schema),
    packetHash: String(row.packet_hash),
    ledgerHash: text(row.ledger_hash),
    ledgerFile: text(row.ledger_file),
    findings: JSON.parse(String(row.finding_counts)) as ReviewSummary['findings'],
  };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function timeBound(value: string, field: 'since' | 'until'): string {
  if (Number.isNaN(Date.parse(value)))
    throw new ChatproofError('E_USAGE', `--${field} ${value}: expected a date (2026-12-01) or an ISO time`);
  if (DATE_ONLY.test(value)) {
    if (field === 'since') return `${value}T00:00:00.000Z`;
    const next = new Date(Date.parse(`${value}T00:00:00.000Z`) + 86_400_000);
    return next.toISOString();
  }
  return new Date(value).toISOString();
}

function where(filter: HistoryFilter): { sql: string; params: SqlValue[] } {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  const equal = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    parts.push(`${column} = ?`);
    params.push(value);
  };
  equal('application', filter.application);
  equal('environment', filter.environment);
  equal('incident', filter.incident);
  equal('verdict', filter.verdict);
  equal('target_url', filter.target);
  if (filter.since !== undefined) {
    parts.push('generated_at >= ?');
    params.push(timeBound(filter.since, 'since'));
  }
  if (filter.until !== undefined) {
    const bound = timeBound(filter.until, 'until');
    parts.push(DATE_ONLY.test(filter.until) ? 'generated_at < ?' : 'generated_at <= ?');
    params.push(bound);
  }
  return { sql: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params };
}

const RELATIVE = /^(?:last(?:~(\d{1,6}))?|previous)$/;

/** A store over one engine. Calls are serialised: one connection, one transaction at a time. */
export class SqlStore implements ReviewStore {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: Clock;
  private readonly random: (bytes: number) => Buffer;

  constructor(
    private readonly sql: SqlEngine,
    readonly location: string,
    options: StoreOptions = {},
  ) {
    this.now = options.now ?? systemClock;
    this.random = options.random ?? randomBytes;
  }

  get engine() {
    return this.sql.engine;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** `20261202T063414Z-9f3a1c`: sorts by time, and six random hex digits keep machines apart. */
  private newId(at: Date): string {
    const stamp = at
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    return `${stamp}-${this.random(3).toString('hex')}`;
  }

  put(input: ReviewInput): Promise<ReviewSummary> {
    return this.serial(async () => {
      const storedAt = this.now();
      const { statements, summary } = reviewStatements(this.newId(storedAt), storedAt.toISOString(), input);
      await this.sql.transaction(async (sql) => {
        for (const statement of statements) await sql.run(statement.sql, statement.params);
      });
      return summary;
    });
  }

  history(filter: HistoryFilter = {}): Promise<ReviewSummary[]> {
    return this.serial(() => this.list(filter, filter.limit ?? 50, 0));
  }

  private async list(filter: HistoryFilter, limit: number, offset: number): Promise<ReviewSummary[]> {
    const clause = where(filter);
    const rows = await this.sql.query<Row>(
      `SELECT * FROM reviews ${clause.sql} ORDER BY generated_at DESC, seq DESC LIMIT ? OFFSET ?`,
      [...clause.params, limit, offset],
    );
    return this.withQualifiers(rows);
  }

  private async withQualifiers(rows: Row[]): Promise<ReviewSummary[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => String(row.id));
    const found = await this.sql.query<{ review_id: string; qualifier: string }>(
      `SELECT review_id, qualifier FROM qualifiers WHERE review_id IN (${ids.map(() => '?').join(', ')}) ORDER BY qualifier`,
      ids,
    );
    const byId = new Map<string, string[]>();
    for (const row of found) byId.set(row.review_id, [...(byId.get(row.review_id) ?? []), row.qualifier]);
    return rows.map((row) => summaryOf(row, byId.get(String(row.id)) ?? []));
  }

  get(id: string): Promise<StoredReview | undefined> {
    return this.serial(() => this.load(id));
  }

  private async load(id: string): Promise<StoredReview | undefined> {
    const rows = await this.sql.query<Row>('SELECT * FROM reviews WHERE id = ?', [id]);
    const [summary] = await this.withQualifiers(rows);
    if (!summary) return undefined;
    const [packet] = await this.sql.query<{ hash: string; encoding: string; body: Buffer }>(
      'SELECT hash, encoding, body FROM packets WHERE review_id = ?',
      [id],
    );
    if (!packet) throw new ChatproofError('E_STORE_CORRUPT', `review ${id} has no stored packet`);
    const packetJson = decodePacket(id, packet);
    let ledgerText: string | null = null;
    if (summary.ledgerHash) {
      const [ledger] = await this.sql.query<{ content: string }>(
        'SELECT content FROM ledgers WHERE hash = ?',
        [summary.ledgerHash],
      );
      ledgerText = ledger?.content ?? null;
    }
    return { ...summary, packetJson, ledgerText };
  }

  resolve(ref: string, filter: HistoryFilter = {}): Promise<StoredReview> {
    return this.serial(async () => {
      const relative = RELATIVE.exec(ref);
      if (relative) {
        const back = ref === 'previous' ? 1 : Number(relative[1] ?? 0);
        const [row] = await this.list(filter, 1, back);
        if (!row) {
          const [{ n } = { n: 0 }] = await this.sql.query<{ n: number }>(
            `SELECT COUNT(*) AS n FROM reviews ${where(filter).sql}`,
            where(filter).params,
          );
          throw new ChatproofError(
            'E_REVIEW_NOT_FOUND',
            `no review at ${ref}: ${this.location} holds ${num(n)} matching review(s)`,
          );
        }
        return (await this.load(row.id)) as StoredReview;
      }
      const exact = await this.load(ref);
      if (exact) return exact;
      const like = ref.replace(/[\\%_]/g, (c) => `\\${c}`);
      const matches = await this.sql.query<{ id: string }>(
        "SELECT id FROM reviews WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 3",
        [`${like}%`],
      );
      if (matches.length === 1 && ref.length >= 4)
        return (await this.load(String(matches[0]?.id))) as StoredReview;
      throw new ChatproofError(
        'E_REVIEW_NOT_FOUND',
        matches.length > 1
          ? `review ${ref} is ambiguous: ${matches.map((m) => m.id).join(', ')}…`
          : `no review ${ref} in ${this.location} (refs: an id, last, previous, last~N; chatproof history lists ids)`,
      );
    });
  }

  schemaVersion(): Promise<number> {
    return this.serial(() => metaVersion(this.sql, this.location));
  }

  close(): Promise<void> {
    return this.serial(() => this.sql.close());
  }
}
