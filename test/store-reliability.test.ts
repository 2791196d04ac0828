/**
 * The SQLite history under failure: a writer killed with SIGKILL mid-transaction leaves a database that passes
 * `PRAGMA integrity_check` with no partial review; two processes writing at once both land; a damaged,
 * foreign or non-file store is a clear error and its bytes are never changed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { isChatproofError } from '../src/errors.js';
import { openStore } from '../src/store/index.js';
import { reviewInput, waitFor, writer } from './store-support.js';

const dir = await mkdtemp(join(tmpdir(), 'chatproof-store-rel-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => {
  const folder = join(dir, `s${++n}`);
  mkdirSync(folder, { recursive: true });
  return join(folder, 'history.db');
};

async function errorOf(work: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await work();
  } catch (error) {
    if (isChatproofError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  return { code: 'none', message: '' };
}

describe('sqlite store under failure', () => {
  test('SIGKILL during a write: integrity_check is ok and no partial review is visible', async () => {
    // Each review carries 8,000 finding rows, so its transaction lasts long enough to be killed inside.
    // The kill lands as write `at` starts (its "begin" line is printed just before), at three depths of the store.
    for (const at of [1, 3, 6]) {
      const target = fresh();
      const run = writer(target, 50, `kill${at}`, 8_000);
      await waitFor(run.child, run.out, new RegExp(`begin ${at}\n`));
      run.child.kill('SIGKILL');
      await run.exited;
      const done = run.out().match(/^done /gm)?.length ?? 0;
      const db = new Database(target);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const reviews = db.prepare('SELECT COUNT(*) AS n FROM reviews').get() as { n: number };
        // The kill can land between a commit and its "done" line, never inside a visible review.
        expect(reviews.n === done || reviews.n === done + 1, `${reviews.n} reviews, ${done} done`).toBe(true);
        const orphans = db
          .prepare(
            `SELECT (SELECT COUNT(*) FROM findings WHERE review_id NOT IN (SELECT id FROM reviews))
              + (SELECT COUNT(*) FROM packets WHERE review_id NOT IN (SELECT id FROM reviews))
              + (SELECT COUNT(*) FROM clauses WHERE review_id NOT IN (SELECT id FROM reviews)) AS n`,
          )
          .get() as { n: number };
        expect(orphans.n).toBe(0);
        const perReview = db
          .prepare('SELECT review_id, COUNT(*) AS n FROM findings GROUP BY review_id')
          .all() as { n: number }[];
        expect(perReview.every((row) => row.n === 8_000)).toBe(true);
      } finally {
        db.close();
      }
      // And the store opens and reads every review whole (each packet checked against its hash).
      const store = await openStore(target);
      for (const row of await store.history({ limit: 100 }))
        expect((await store.get(row.id))?.packetJson).toBeTruthy();
      await store.close();
    }
  }, 120_000);

  test('two processes writing at once both land', async () => {
    const target = fresh();
    const a = writer(target, 12, 'a');
    const b = writer(target, 12, 'b');
    expect([await a.exited, await b.exited], a.err() + b.err()).toEqual([0, 0]);
    const store = await openStore(target);
    try {
      const rows = await store.history({ limit: 100 });
      expect(rows).toHaveLength(24);
      expect(new Set(rows.map((r) => r.incident)).size).toBe(24);
    } finally {
      await store.close();
    }
  }, 60_000);

  test('a file that is not a SQLite database is refused and left byte for byte as it was', async () => {
    const target = fresh();
    writeFileSync(target, 'these are my notes, not a database\n');
    const before = readFileSync(target);
    const error = await errorOf(() => openStore(target));
    expect(error.code).toBe('E_STORE_CORRUPT');
    expect(error.message).toContain(target);
    expect(error.message).toContain('left untouched');
    expect(readFileSync(target).equals(before)).toBe(true);
  });

  test('a damaged history is a clear error, and the damaged file is not rewritten', async () => {
    const target = fresh();
    const store = await openStore(target);
    for (let i = 0; i < 3; i++) await store.put(reviewInput({ incident: `D-${i}` }));
    await store.close();
    const bytes = readFileSync(target);
    // Keep the header page, scramble every page after it.
    for (let i = 4096; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
    writeFileSync(target, bytes);
    const error = await errorOf(async () => {
      const opened = await openStore(target);
      try {
        await opened.history({});
      } finally {
        await opened.close();
      }
    });
    expect(error.code).toBe('E_STORE_CORRUPT');
    expect(error.message).toContain('left untouched');
    expect(readFileSync(target).equals(bytes)).toBe(true);
  });

  test("another program's SQLite file (its own application_id) is refused without a write", async () => {
    const target = fresh();
    const db = new Database(target);
    db.pragma('application_id = 1234');
    db.close();
    const before = readFileSync(target);
    const error = await errorOf(() => openStore(target));
    expect(error.code).toBe('E_STORE_FOREIGN');
    expect(error.message).toContain('application_id 1234');
    expect(readFileSync(target).equals(before)).toBe(true);
  });

  test('a folder, or a path below a file, is a clear error', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder, { recursive: true });
    expect((await errorOf(() => openStore(folder))).code).toBe('E_STORE_FOREIGN');
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'x');
    const below = await errorOf(() => openStore(join(file, 'history.db')));
    expect(below.code).toBe('E_STORE_UNWRITABLE');
  });
});
