/** Review history: one interface and one schema over SQLite (the default) and PostgreSQL (for a team). */
export { LATEST_SCHEMA_VERSION, migrations, STORE_FORMAT } from './migrations.js';
export { DEFAULT_STORE_FILE, describeStore, openStore, type StoreSpec, storeTarget } from './open.js';
export { openPostgres } from './postgres.js';
export { decodePacket, sha256 } from './rows.js';
export type { SqlEngine } from './sql.js';
export { openSqlite } from './sqlite.js';
export { prepareSchema, SqlStore, type StoreOptions } from './store.js';
export type {
  HistoryFilter,
  ReviewInput,
  ReviewStore,
  ReviewSummary,
  StoredReview,
  StoreEngine,
} from './types.js';
