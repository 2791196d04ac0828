import { afterAll, describe, test } from 'vitest';
import { testPostgres } from './helpers/postgres.js';
import { storeSuite } from './store-suite.js';

// A throwaway cluster (or CHATPROOF_TEST_POSTGRES_URL); in CI a server that cannot start fails here.
const pg = await testPostgres();

if (pg.ok) {
  afterAll(() => pg.server.stop());
  storeSuite('postgres', () => pg.server.database());
} else {
  describe.skip(`postgres store (${pg.reason})`, () => {
    test('needs a PostgreSQL server', () => {});
  });
}
