// Review history: fills each engine with 10,000 reviews through the store, then measures `history`
// (filtered by application and environment, 50 rows) and `diff` of two stored reviews. Goal: under 200 ms
// each on SQLite. Side by side in the same run: the same history query sent straight to the engine (no
// store code around it), and, for diff, reading the two packet.json files from disk and parsing them (what
// one would do without a history). Run with `npm run build && npm run bench -- store`.
// BENCH_REVIEWS sets the fill (default 10,000); CHATPROOF_BENCH_POSTGRES_URL names a server to use instead
// of a throwaway cluster.
import { execFileSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { diffPackets } from '../dist/diff/index.js';
import { openStore } from '../dist/store/index.js';

const REVIEWS = Number(process.env.BENCH_REVIEWS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const GOAL_MS = 200;
const root = fileURLToPath(new URL('..', import.meta.url));
const base = JSON.parse(readFileSync(join(root, 'test/fixtures/store/demo-packet.json'), 'utf8'));
const ledger = readFileSync(join(root, 'test/fixtures/store/demo-ledger.yaml'), 'utf8');
const APPS = [
  'checkout',
  'search',
  'support-bot',
  'billing',
  'onboarding',
  'docs',
  'crm',
  'ads',
  'mail',
  'voice',
];
const ENVS = ['staging', 'prod', 'canary'];
const VERDICTS = ['fail', 'pass', 'escalate'];

// One serialised template per application, environment and verdict, with the time and id filled in per review.
const templates = new Map();
function variant(i) {
  const app = APPS[i % APPS.length];
  const env = ENVS[Math.floor(i / APPS.length) % ENVS.length];
  const verdict = VERDICTS[i % VERDICTS.length];
  // Some drift between reviews, so the diff has work to do: odd reviews answer half as fast again.
  const slow = i % 2;
  const key = `${app}|${env}|${verdict}|${slow}`;
  let template = templates.get(key);
  if (!template) {
    const packet = structuredClone(base);
    packet.review.application = app;
    packet.review.environment = env;
    packet.review.id = '@@INCIDENT@@';
    packet.verdict = verdict;
    packet.generatedAt = '@@AT@@';
    if (slow)
      for (const f of packet.findings) if (f.evidence.exchange) f.evidence.exchange.timings.totalMs *= 1.5;
    template = `${JSON.stringify(packet, null, 2)}\n`;
    templates.set(key, template);
  }
  const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  return { at, json: template.replace('@@AT@@', at).replace('@@INCIDENT@@', `INC-${i}`) };
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: +at(0.5).toFixed(2), p95: +at(0.95).toFixed(2), n: sorted.length };
};

async function time(fn) {
  const samples = [];
  await fn(); // warm-up
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return stats(samples);
}

/** Stores every review through `writers` stores at once (PostgreSQL: CI jobs writing to one server). */
async function fill(target, writers) {
  const start = performance.now();
  const ids = new Array(REVIEWS);
  let next = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      const store = await openStore(target);
      while (next < REVIEWS) {
        const i = next++;
        const { at, json } = variant(i);
        const input = {
          packetJson: json,
          ledger: { file: null, text: ledger },
          toolVersion: 'bench',
          startedAt: at,
          finishedAt: at,
        };
        ids[i] = (await store.put(input)).id;
        if (i % 1000 === 999) process.stderr.write(`  ${store.engine}: ${i + 1} reviews\n`);
      }
      await store.close();
    }),
  );
  return { ids, writers, seconds: (performance.now() - start) / 1000 };
}

const HISTORY_SQL =
  'SELECT * FROM reviews WHERE application = ? AND environment = ? ORDER BY generated_at DESC, seq DESC LIMIT 50';

async function measure(target, raw, writers) {
  const filled = await fill(target, writers);
  const store = await openStore(target);
  const filter = { application: 'search', environment: 'prod', limit: 50 };
  const rows = await store.history(filter);
  if (rows.length !== Math.min(50, Math.floor(REVIEWS / 30)))
    throw new Error(`history returned ${rows.length} rows`);
  const history = await time(() => store.history(filter));
  const historyRaw = await time(() => raw(HISTORY_SQL, ['search', 'prod']));
  const [a, b] = [filled.ids[REVIEWS - 2], filled.ids[REVIEWS - 1]];
  const diff = await time(async () => {
    const [x, y] = [await store.get(a), await store.get(b)];
    return diffPackets(
      { ref: { id: x.id, generatedAt: x.generatedAt, verdict: x.verdict }, packet: JSON.parse(x.packetJson) },
      { ref: { id: y.id, generatedAt: y.generatedAt, verdict: y.verdict }, packet: JSON.parse(y.packetJson) },
    );
  });
  // Baseline: the two packet.json files read from disk and parsed, no history and no diff.
  const folder = mkdtempSync(join(tmpdir(), 'chatproof-bench-files-'));
  writeFileSync(join(folder, 'a.json'), variant(REVIEWS - 2).json);
  writeFileSync(join(folder, 'b.json'), variant(REVIEWS - 1).json);
  const files = await time(() => [
    JSON.parse(readFileSync(join(folder, 'a.json'), 'utf8')),
    JSON.parse(readFileSync(join(folder, 'b.json'), 'utf8')),
  ]);
  rmSync(folder, { recursive: true, force: true });
  await store.close();
  return {
    reviews: REVIEWS,
    historyRows: rows.length,
    fillSeconds: +filled.seconds.toFixed(1),
    reviewsPerSecond: +(REVIEWS / filled.seconds).toFixed(0),
    writers: filled.writers,
    historyMs: history,
    historyRawMs: historyRaw,
    historyRatio: +(history.median / historyRaw.median).toFixed(2),
    diffMs: diff,
    readTwoFilesMs: files,
    diffRatio: +(diff.median / files.median).toFixed(2),
  };
}

async function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A throwaway cluster as the tests start one: initdb into a temporary folder, 127.0.0.1, a free port. */
async function postgresCluster() {
  if (process.env.CHATPROOF_BENCH_POSTGRES_URL)
    return { url: process.env.CHATPROOF_BENCH_POSTGRES_URL, stop() {} };
  const lib = '/usr/lib/postgresql';
  const version = existsSync(lib)
    ? readdirSync(lib)
        .filter((v) => existsSync(join(lib, v, 'bin/initdb')))
        .sort()
        .pop()
    : undefined;
  if (!version) return undefined;
  const bin = join(lib, version, 'bin');
  const dir = mkdtempSync(join(tmpdir(), 'chatproof-bench-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd, args) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args])
      : execFileSync(join(bin, cmd), args);
  if (asRoot)
    chownSync(
      dir,
      Number(execFileSync('id', ['-u', 'postgres'])),
      Number(execFileSync('id', ['-g', 'postgres'])),
    );
  run('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  // Durable commits (fsync on), as a team's server would run.
  run('pg_ctl', [
    '-D',
    join(dir, 'data'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
    '-l',
    join(dir, 'log'),
    '-w',
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      run('pg_ctl', ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const results = { date: new Date().toISOString(), node: process.version, rounds: ROUNDS, goalMs: GOAL_MS };
const sqliteDir = mkdtempSync(join(tmpdir(), 'chatproof-bench-sqlite-'));
try {
  const file = join(sqliteDir, 'history.db');
  let db;
  results.sqlite = await measure(
    file,
    async (sql, params) => {
      db ??= new Database(file, { readonly: true });
      return db.prepare(sql).all(...params);
    },
    1,
  );
  db?.close();
} finally {
  rmSync(sqliteDir, { recursive: true, force: true });
}
const cluster = await postgresCluster();
if (cluster) {
  let client;
  try {
    results.postgres = await measure(
      cluster.url,
      async (sql, params) => {
        if (!client) {
          client = new pg.Client({ connectionString: cluster.url });
          await client.connect();
        }
        let n = 0;
        return (
          await client.query(
            sql.replace(/\?/g, () => `$${++n}`),
            params,
          )
        ).rows;
      },
      4,
    );
  } finally {
    await client?.end();
    cluster.stop();
  }
} else {
  results.postgres = 'not measured: no PostgreSQL server (apt-get install postgresql)';
}

const row = (name, r) =>
  typeof r === 'string'
    ? `| ${name} | ${r} | | | | |`
    : `| ${name} | ${r.reviews} in ${r.fillSeconds} s (${r.reviewsPerSecond}/s, ${r.writers} writer${r.writers > 1 ? 's' : ''}) | ${r.historyMs.median} / ${r.historyMs.p95} ms | ${r.historyRawMs.median} ms (${r.historyRatio}×) | ${r.diffMs.median} / ${r.diffMs.p95} ms | ${r.readTwoFilesMs.median} ms (${r.diffRatio}×) |`;
const md = `# Review history (store.bench.mjs)

${results.date}, Node ${results.node}, ${ROUNDS} rounds after one warm-up; medians / p95. Goal: history and diff under ${GOAL_MS} ms on SQLite.

| engine | fill | history (filtered, 50 rows) | same query straight to the engine | diff of two reviews | read + parse the two packet.json files |
| --- | --- | --- | --- | --- | --- |
${row('SQLite', results.sqlite)}
${row('PostgreSQL', results.postgres)}

The ratio after a baseline is the store's time over the baseline's.
`;
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/store.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(root, 'bench/results/store.md'), md);
process.stdout.write(md);
const ok = results.sqlite.historyMs.median < GOAL_MS && results.sqlite.diffMs.median < GOAL_MS;
if (!ok) process.stderr.write(`store bench: SQLite history or diff is over ${GOAL_MS} ms\n`);
