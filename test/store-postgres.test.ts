import { afterAll, describe, expect, test } from 'vitest';
import { openStore } from '../src/store/index.js';
import { testPostgres } from './helpers/postgres.js';
import { storeSuite } from './store-suite.js';
import { rawEngine, waitFor, writer } from './store-support.js';

// A throwaway cluster (or CHATPROOF_TEST_POSTGRES_URL); in CI a server that cannot start fails here.
const pg = await testPostgres();

if (pg.ok) {
  afterAll(() => pg.server.stop());
  storeSuite('postgres', () => pg.server.database());

  describe('postgres store under failure', () => {
    test('a writer killed with SIGKILL mid-write leaves no partial review', async () => {
      const target = await pg.server.database();
      const run = writer(target, 50, 'kill', 8_000);
      // "begin 2" is printed just before the third write starts; each write of 8,000 rows outlasts the signal.
      await waitFor(run.child, run.out, /begin 2\n/);
      run.child.kill('SIGKILL');
      await run.exited;
      const done = run.out().match(/^done /gm)?.length ?? 0;
      const sql = await rawEngine(target);
      try {
        const one = async (query: string) => Number((await sql.query<{ n: unknown }>(query))[0]?.n);
        // The dead connection's open transaction is never visible; the server rolls it back.
        const reviews = await one('SELECT COUNT(*) AS n FROM reviews');
        expect(reviews === done || reviews === done + 1, `${reviews} reviews, ${done} done`).toBe(true);
        expect(await one('SELECT COUNT(*) AS n FROM findings')).toBe(reviews * 8_000);
        expect(
          await one('SELECT COUNT(*) AS n FROM packets WHERE review_id NOT IN (SELECT id FROM reviews)'),
        ).toBe(0);
      } finally {
        await sql.close();
      }
    }, 60_000);

    test('two processes writing at once both land', async () => {
      const target = await pg.server.database();
      const a = writer(target, 10, 'a');
      const b = writer(target, 10, 'b');
      expect([await a.exited, await b.exited], a.err() + b.err()).toEqual([0, 0]);
      const store = await openStore(target);
      try {
        expect(await store.history({ limit: 100 })).toHaveLength(20);
      } finally {
        await store.close();
      }
    }, 60_000);
  });
} else {
  describe.skip(`postgres store (${pg.reason})`, () => {
    test('needs a PostgreSQL server', () => {});
  });
}
