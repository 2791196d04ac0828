/**
 * @module store/open
 * Where the history lives and how to open it: `--store <path|postgres://…>`, else `CHATPROOF_STORE`, else
 * `.chatproof/history.db` beside the ledger. The location printed anywhere is the URL without its password.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ChatproofError } from '../errors.js';
import { createRedactor } from '../redact/index.js';
import { openPostgres } from './postgres.js';
import { openSqlite } from './sqlite.js';
import { prepareSchema, SqlStore, type StoreOptions } from './store.js';
import type { ReviewStore } from './types.js';

/** The default history file, relative to the folder of the ledger. */
export const DEFAULT_STORE_FILE = join('.chatproof', 'history.db');

const POSTGRES = /^postgres(?:ql)?:\/\//i;
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

export interface StoreSpec {
  /** `--store`; wins over the environment. */
  store?: string | undefined;
  env?: NodeJS.ProcessEnv;
  cwd: string;
  /** The ledger the review reads; the default store sits in a `.chatproof/` folder beside it. */
  ledger?: string | undefined;
}

/** The store to use: a file path (resolved) or a PostgreSQL URL. */
export function storeTarget(spec: StoreSpec): string {
  const chosen = spec.store ?? spec.env?.CHATPROOF_STORE;
  // A URL stays a URL (openStore refuses schemes it does not know); anything else is a file path.
  if (chosen !== undefined && chosen !== '')
    return URL_LIKE.test(chosen) ? chosen : resolve(spec.cwd, chosen);
  const ledgerDir = spec.ledger ? dirname(resolve(spec.cwd, spec.ledger)) : resolve(spec.cwd);
  return join(ledgerDir, DEFAULT_STORE_FILE);
}

/** The password of a connection URL (and its decoded form), to keep out of every message. */
function urlSecrets(target: string): string[] {
  try {
    const url = new URL(target);
    const password = url.password;
    if (!password) return [];
    return [...new Set([password, decodeURIComponent(password)])];
  } catch {
    // Not parseable: hide everything between the scheme's `//` and the last `@`.
    const match = /^[^:]+:\/\/([^@/]*)@/.exec(target);
    return match?.[1] ? [match[1]] : [];
  }
}

/** A URL safe to print: the password replaced, query parameters (which may carry one) dropped. */
export function describeStore(target: string): string {
  if (!POSTGRES.test(target)) return target;
  try {
    const url = new URL(target);
    if (url.password) url.password = '***';
    url.search = '';
    return url.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/** Opens the history, migrating it to the current schema; refuses a foreign, damaged or newer one. */
export async function openStore(target: string, options: StoreOptions = {}): Promise<ReviewStore> {
  const location = describeStore(target);
  if (POSTGRES.test(target)) {
    const redactor = createRedactor({ secrets: urlSecrets(target) });
    const scrub = (text: string) => redactor.text(text).split(target).join(location);
    const engine = await openPostgres(target, location, scrub);
    try {
      await prepareSchema(engine, location);
    } catch (error) {
      await engine.close();
      throw error;
    }
    return new SqlStore(engine, location, options);
  }
  if (URL_LIKE.test(target))
    throw new ChatproofError('E_USAGE', `--store ${location}: expected a file path or a postgres:// URL`);
  if (options.existing && !existsSync(target)) {
    throw new ChatproofError(
      'E_FILE_NOT_FOUND',
      `no review history at ${location}: chatproof review stores each review there (name another with --store or CHATPROOF_STORE)`,
    );
  }
  const engine = openSqlite(target);
  try {
    await prepareSchema(engine, location);
  } catch (error) {
    await engine.close();
    throw error;
  }
  return new SqlStore(engine, location, options);
}
