import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isChatproofError } from '../errors.js';
import { describeStore, openStore, storeTarget } from './open.js';

// Not shaped like any provider's key: only the URL handling can keep it out of messages.
const CANARY = 'Hd3xQp8Lw2Rv6Tn';

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('store location', () => {
  test('--store wins over CHATPROOF_STORE, which wins over .chatproof/history.db beside the ledger', () => {
    const env = { CHATPROOF_STORE: 'team.db' };
    expect(storeTarget({ store: 'mine.db', env, cwd: '/w' })).toBe('/w/mine.db');
    expect(storeTarget({ env, cwd: '/w' })).toBe('/w/team.db');
    expect(storeTarget({ env: {}, cwd: '/w', ledger: 'conf/chatproof.yaml' })).toBe(
      join('/w/conf', '.chatproof', 'history.db'),
    );
    expect(storeTarget({ store: 'postgres://u@h/db', cwd: '/w' })).toBe('postgres://u@h/db');
  });

  test('a printed PostgreSQL location never shows the password or the query string', () => {
    const shown = describeStore(`postgres://alice:${CANARY}@db.internal:5432/history?password=${CANARY}`);
    expect(shown).toBe('postgres://alice:***@db.internal:5432/history');
    expect(describeStore(`postgresql://alice:${encodeURIComponent(`${CANARY}/@`)}@h/db`)).not.toContain(
      CANARY,
    );
  });

  test('a server that cannot be reached is a clear error naming it without its password', async () => {
    const port = await closedPort();
    let caught: unknown;
    try {
      await openStore(`postgres://alice:${CANARY}@127.0.0.1:${port}/history`);
    } catch (error) {
      caught = error;
    }
    expect(isChatproofError(caught) && caught.code).toBe('E_STORE_UNWRITABLE');
    const message = (caught as Error).message;
    expect(message).toContain(`postgres://alice:***@127.0.0.1:${port}/history: cannot connect`);
    expect(message).toContain('ECONNREFUSED');
    for (const form of [CANARY, Buffer.from(CANARY).toString('base64'), encodeURIComponent(CANARY)])
      expect(message).not.toContain(form);
  });

  test('a scheme other than postgres:// is a usage error, not a file name', async () => {
    await expect(openStore('mysql://db/history')).rejects.toMatchObject({ code: 'E_USAGE' });
  });
});
