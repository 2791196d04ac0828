/**
 * The store's behaviour, run against each engine by `store-sqlite.test.ts` and `store-postgres.test.ts`:
 * whole and immutable reviews, history filters and order, refs, schema checks and migrations with data.
 */
import { describe, expect, test } from 'vitest';
import { isChatproofError } from '../src/errors.js';
import {
  LATEST_SCHEMA_VERSION,
  openStore,
  prepareSchema,
  type ReviewStore,
  sha256,
} from '../src/store/index.js';
import { DEMO_LEDGER, packetJson, rawEngine, reviewInput } from './store-support.js';

async function code(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isChatproofError(error)) return { code: error.code, message: error.message };
    return { code: 'not a ChatproofError', message: String(error) };
  }
  return { code: 'resolved', message: '' };
}

async function withStore<T>(target: string, work: (store: ReviewStore) => Promise<T>): Promise<T> {
  const store = await openStore(target);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** The same suite on every engine; `fresh()` gives the target of a new, empty store. */
export function storeSuite(engine: string, fresh: () => Promise<string>): void {
  describe(`${engine} store`, () => {
    test('keeps a review whole: the exact packet bytes, the ledger, the record and its rows', async () => {
      const target = await fresh();
      const input = reviewInput({
        qualifiers: ['rehearsal'],
        target: { kind: 'simulator', url: 'http://127.0.0.1:9/v1' },
      });
      await withStore(target, async (store) => {
        expect(store.engine).toBe(engine);
        const put = await store.put(input);
        const got = await store.get(put.id);
        expect(got?.packetJson).toBe(input.packetJson);
        expect(got?.packetHash).toBe(sha256(input.packetJson));
        expect(got?.ledgerText).toBe(DEMO_LEDGER);
        expect(got).toMatchObject({
          incident: 'SIM-COMETAPI',
          application: 'chatproof simulator',
          verdict: 'fail',
          exitCode: 1,
          qualifiers: ['rehearsal'],
          target: 'http://127.0.0.1:9/v1',
          targetKind: 'simulator',
          toolVersion: '0.1.0',
          durationMs: 9000,
          findings: { 'documented-handled': 70, 'not-run': 1 },
        });
      });
      const sql = await rawEngine(target);
      try {
        const packet = JSON.parse(input.packetJson);
        const count = async (table: string) =>
          Number((await sql.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]?.n);
        expect(await count('clauses')).toBe(packet.clauses.length);
        expect(await count('findings')).toBe(packet.findings.length);
        expect(await count('observations')).toBe(packet.checks.length);
        expect(await count('audit_scenarios')).toBe(packet.audit.scenarios.length);
        expect(await count('ledgers')).toBe(1);
      } finally {
        await sql.close();
      }
    });

    test('a stored review can be neither changed nor deleted', async () => {
      const target = await fresh();
      const id = await withStore(target, async (store) => (await store.put(reviewInput())).id);
      const sql = await rawEngine(target);
      try {
        for (const statement of [
          "UPDATE reviews SET verdict = 'pass'",
          'DELETE FROM reviews',
          "UPDATE packets SET hash = 'x'",
          'DELETE FROM findings',
          'DELETE FROM clauses',
        ]) {
          await expect(sql.run(statement), statement).rejects.toThrow(/immutable/);
        }
      } finally {
        await sql.close();
      }
      await withStore(target, async (store) => expect((await store.get(id))?.verdict).toBe('fail'));
    });

    test('history: newest first, every filter, limit', async () => {
      const target = await fresh();
      await withStore(target, async (store) => {
        const rows = [
          {
            application: 'checkout',
            environment: 'staging',
            incident: 'INC-1',
            verdict: 'fail',
            generatedAt: '2026-11-28T09:00:00.000Z',
          },
          {
            application: 'checkout',
            environment: 'prod',
            incident: 'INC-2',
            verdict: 'pass',
            generatedAt: '2026-11-29T09:00:00.000Z',
          },
          {
            application: 'search',
            environment: 'prod',
            incident: 'INC-2',
            verdict: 'escalate',
            generatedAt: '2026-11-30T23:59:00.000Z',
            target: { kind: 'ledger', url: 'https://api.example/v1' },
          },
          {
            application: 'checkout',
            environment: 'staging',
            incident: 'CHG-7',
            verdict: 'fail',
            generatedAt: '2026-12-01T08:00:00.000Z',
          },
        ] as const;
        // Stored out of order: history sorts by when the review ran.
        for (const row of [rows[2], rows[0], rows[3], rows[1]]) await store.put(reviewInput(row));
        const incidents = async (filter: Parameters<ReviewStore['history']>[0]) =>
          (await store.history(filter)).map((r) => r.incident);
        expect(await incidents({})).toEqual(['CHG-7', 'INC-2', 'INC-2', 'INC-1']);
        expect(await incidents({ application: 'checkout' })).toEqual(['CHG-7', 'INC-2', 'INC-1']);
        expect(await incidents({ environment: 'prod' })).toEqual(['INC-2', 'INC-2']);
        expect(await incidents({ incident: 'INC-2', application: 'search' })).toEqual(['INC-2']);
        expect(await incidents({ verdict: 'fail' })).toEqual(['CHG-7', 'INC-1']);
        expect(await incidents({ since: '2026-11-29', until: '2026-11-30' })).toEqual(['INC-2', 'INC-2']);
        expect(await incidents({ since: '2026-11-29T10:00:00Z' })).toEqual(['CHG-7', 'INC-2']);
        expect(await incidents({ target: 'https://api.example/v1' })).toEqual(['INC-2']);
        expect(await incidents({ limit: 2 })).toEqual(['CHG-7', 'INC-2']);
        expect(await incidents({ application: 'nothing' })).toEqual([]);
        expect((await code(store.history({ since: 'yesterday' }))).code).toBe('E_USAGE');
      });
    });

    test('refs: last, previous, last~N, an id, a prefix; a missing one names the count', async () => {
      const target = await fresh();
      await withStore(target, async (store) => {
        const ids: string[] = [];
        for (const day of ['01', '02', '03'])
          ids.push((await store.put(reviewInput({ generatedAt: `2026-11-${day}T10:00:00.000Z` }))).id);
        expect((await store.resolve('last')).id).toBe(ids[2]);
        expect((await store.resolve('previous')).id).toBe(ids[1]);
        expect((await store.resolve('last~2')).id).toBe(ids[0]);
        expect((await store.resolve(ids[1] as string)).id).toBe(ids[1]);
        expect((await store.resolve((ids[0] as string).slice(0, 22))).id).toBe(ids[0]);
        const missing = await code(store.resolve('last~3'));
        expect(missing.code).toBe('E_REVIEW_NOT_FOUND');
        expect(missing.message).toContain('3 matching review(s)');
        expect((await code(store.resolve('nope'))).code).toBe('E_REVIEW_NOT_FOUND');
        expect((await store.resolve('last', { application: 'chatproof simulator' })).id).toBe(ids[2]);
      });
    });

    test('puts issued together all land', async () => {
      const target = await fresh();
      await withStore(target, async (store) => {
        await Promise.all(
          Array.from({ length: 6 }, (_, i) => store.put(reviewInput({ incident: `C-${i}` }))),
        );
        expect(await store.history({})).toHaveLength(6);
      });
    });

    test('a store from a newer chatproof is refused with its version, and left as it was', async () => {
      const target = await fresh();
      await withStore(target, async (store) => void (await store.put(reviewInput())));
      const sql = await rawEngine(target);
      await sql.run("UPDATE chatproof_meta SET value = '99' WHERE key = 'schema_version'");
      await sql.close();
      const refused = await code(openStore(target));
      expect(refused.code).toBe('E_STORE_NEWER');
      expect(refused.message).toMatch(/version 99.*up to version 2/);
      const after = await rawEngine(target);
      try {
        expect(
          await after.query('SELECT value FROM chatproof_meta WHERE key = ?', ['schema_version']),
        ).toEqual([{ value: '99' }]);
      } finally {
        await after.close();
      }
    });

    test("another program's database is refused and never written to", async () => {
      const target = await fresh();
      const sql = await rawEngine(target);
      await sql.run('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)');
      await sql.run('INSERT INTO invoices (id, total) VALUES (1, 42)');
      await sql.close();
      const refused = await code(openStore(target));
      expect(refused.code).toBe('E_STORE_FOREIGN');
      expect(refused.message).toContain('invoices');
      const after = await rawEngine(target);
      try {
        expect(await after.tables()).toEqual(['invoices']);
      } finally {
        await after.close();
      }
    });

    for (let from = 1; from < LATEST_SCHEMA_VERSION; from++) {
      test(`migrates a history with data from schema version ${from} to ${LATEST_SCHEMA_VERSION}`, async () => {
        const target = await fresh();
        const sql = await rawEngine(target);
        const packets = [
          packetJson({ generatedAt: '2026-11-01T10:00:00.000Z', incident: 'OLD-1' }),
          packetJson({
            generatedAt: '2026-11-02T10:00:00.000Z',
            incident: 'OLD-2',
            target: { kind: 'override', url: 'https://gw.example/v1' },
            qualifiers: ['overrides', 'sources-not-rechecked'],
          }),
        ];
        try {
          await prepareSchema(sql, 'test', from);
          for (const [i, json] of packets.entries()) await writeAtVersion(sql, from, `old-${i}`, json);
        } finally {
          await sql.close();
        }
        await withStore(target, async (store) => {
          expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
          const history = await store.history({});
          expect(history.map((r) => [r.id, r.incident, r.target, r.qualifiers])).toEqual([
            ['old-1', 'OLD-2', 'https://gw.example/v1', ['overrides', 'sources-not-rechecked']],
            ['old-0', 'OLD-1', 'http://127.0.0.1:42361/v1', ['rehearsal', 'sources-not-rechecked']],
          ]);
          expect((await store.get('old-1'))?.packetJson).toBe(packets[1]);
          expect((await store.history({ target: 'https://gw.example/v1' })).map((r) => r.id)).toEqual([
            'old-1',
          ]);
          // New reviews land beside the migrated ones, and the migrated ones are still immutable.
          await store.put(reviewInput({ generatedAt: '2026-11-03T10:00:00.000Z' }));
          expect(await store.history({})).toHaveLength(3);
        });
        const after = await rawEngine(target);
        try {
          await expect(after.run("UPDATE reviews SET verdict = 'pass'")).rejects.toThrow(/immutable/);
        } finally {
          await after.close();
        }
      });
    }
  });
}

/**
 * What chatproof wrote at an earlier schema version, frozen here: the statements of that version's writer,
 * so each migration is tested on data in the shape it was actually stored.
 */
async function writeAtVersion(
  sql: Awaited<ReturnType<typeof rawEngine>>,
  version: number,
  id: string,
  json: string,
) {
  const { encodePacket } = await import('../src/store/rows.js');
  const packet = JSON.parse(json);
  const encoded = encodePacket(json);
  if (version !== 1) throw new Error(`no frozen writer for schema version ${version}`);
  await sql.transaction(async (tx) => {
    await tx.run('INSERT INTO ledgers (hash, content) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING', [
      sha256(DEMO_LEDGER),
      DEMO_LEDGER,
    ]);
    await tx.run(
      `INSERT INTO reviews (id, stored_at, generated_at, started_at, finished_at, duration_ms, incident, application,
        environment, owner, deploy_version, verdict, exit_code, incomplete, base_url, tool_version, packet_schema,
        ledger_file, ledger_hash, packet_hash, finding_counts)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        packet.generatedAt,
        packet.generatedAt,
        packet.generatedAt,
        packet.generatedAt,
        0,
        packet.review.id,
        packet.review.application,
        packet.review.environment,
        packet.review.owner,
        packet.review.deployVersion,
        packet.verdict,
        packet.exitCode,
        0,
        packet.review.target.baseUrl,
        '0.1.0',
        1,
        null,
        sha256(DEMO_LEDGER),
        encoded.hash,
        '{}',
      ],
    );
    await tx.run('INSERT INTO packets (review_id, hash, encoding, body) VALUES (?, ?, ?, ?)', [
      id,
      encoded.hash,
      encoded.encoding,
      encoded.body,
    ]);
    for (const [ord, f] of packet.findings.slice(0, 3).entries()) {
      await tx.run(
        'INSERT INTO findings (review_id, ord, key, class, check_name, area, clause, code, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [id, ord, f.key, f.class, f.check, f.area, f.clause, f.code, f.message],
      );
    }
  });
}
