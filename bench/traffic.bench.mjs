// Traffic audit throughput and memory. Run with `npm run build && npm run bench -- traffic`.
//
// Generates a JSON Lines capture of BENCH_TRAFFIC_MB megabytes (default 1024) with the seeded generator (the
// `openai` profile's contract: JSON and streamed completions, documented errors, a few planted drifts), then,
// side by side in the same run, times (a) the baseline, bench/traffic-baseline.mjs, which only reads the file line
// by line and JSON.parses each line and each body, the practical limit of one JavaScript thread, and (b)
// `chatproof audit-traffic` on it, on worker threads (one per core) and on one thread. Runs alternate
// baseline / chatproof BENCH_ROUNDS times (default 1) so machine drift hits both; the best round of each counts.
// Each run is its own process, which reports its wall time, CPU time and peak RSS (worker threads included).
// The capture is kept in the system temp folder between runs (same size and seed, same bytes).
import { spawnSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('.', import.meta.url));
const MB = Number(process.env.BENCH_TRAFFIC_MB ?? 1024);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const SEED = 20261202;
const RSS_BOUND_MB = 300;
const GOAL = 0.8;

const { jsonlCapture } = await import('../dist/checks/traffic/generate.js');
const { profileLedger } = await import('../dist/index.js');
const { stringify } = await import('yaml');

async function capture() {
  const file = join(tmpdir(), `chatproof-traffic-bench-${SEED}-${MB}mb.jsonl`);
  if (existsSync(file)) return file;
  process.stderr.write(`generating ${MB} MB capture at ${file}\n`);
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  let size = 0;
  let seed = SEED;
  while (size < MB * 1024 * 1024) {
    for (const line of jsonlCapture({
      seed: seed++,
      conforming: 10_000,
      drifts: { 'usage-missing': 3, 'stream-cut': 2, 'extra-field': 1, 'model-undocumented': 1 },
      gzipShare: 0.05,
    })) {
      size += line.length;
      if (!out.write(line)) await new Promise((resolve) => out.once('drain', resolve));
    }
  }
  await new Promise((resolve) => out.end(resolve));
  renameSync(partial, file);
  return file;
}

function run(script, args) {
  const child = spawnSync(process.execPath, [join(DIR, script), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (child.status !== 0 && !child.stdout) throw new Error(`${script} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1));
}

const file = await capture();
const bytes = statSync(file).size;
const work = mkdtempSync(join(tmpdir(), 'chatproof-traffic-bench-'));
const ledger = join(work, 'ledger.yaml');
writeFileSync(
  ledger,
  stringify(profileLedger('openai', { baseUrl: 'https://api.openai.example/v1', keyRef: 'env:OPENAI_KEY' })),
);
const workers = Math.min(4, availableParallelism());

const rounds = [];
for (let round = 0; round < ROUNDS; round++) {
  process.stderr.write(`round ${round + 1}: baseline\n`);
  const baseline = run('traffic-baseline.mjs', [file]);
  process.stderr.write(`round ${round + 1}: audit-traffic on ${workers} worker threads\n`);
  const threaded = run('traffic-run.mjs', [file, '--ledger', ledger, '--workers', String(workers)]);
  process.stderr.write(`round ${round + 1}: audit-traffic on one thread\n`);
  const single = run('traffic-run.mjs', [file, '--ledger', ledger, '--workers', '0']);
  rounds.push({ baseline, threaded, single });
}
rmSync(work, { recursive: true, force: true });
const best = (pick) => rounds.map(pick).sort((a, b) => a.wallMs - b.wallMs)[0];
const baseline = best((r) => r.baseline);
const threaded = best((r) => r.threaded);
const single = best((r) => r.single);
const records = baseline.records;
const perSecond = (r) => Math.round((records / r.wallMs) * 1000);
const mbPerSecond = (r) => Math.round((bytes / 1048576 / r.wallMs) * 1000 * 10) / 10;
const ratio = (r) => Math.round((baseline.wallMs / r.wallMs) * 100) / 100;
const cpuRatio = (r) => Math.round((baseline.cpuMs / r.cpuMs) * 100) / 100;
const results = {
  node: process.version,
  at: new Date().toISOString(),
  cpus: cpus().length,
  loadAverage: (await import('node:os')).loadavg().map((n) => Math.round(n * 10) / 10),
  capture: { bytes, records, seed: SEED },
  rounds: ROUNDS,
  baseline,
  chatproof: { workers, threaded, single },
  ratio: { threaded: ratio(threaded), single: ratio(single), cpuPerRecord: cpuRatio(single), goal: GOAL },
  rss: { threadedMb: threaded.maxRssMb, singleMb: single.maxRssMb, boundMb: RSS_BOUND_MB },
  judgedAll: threaded.records?.total === records && single.records?.total === records,
};
const out = join(DIR, 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'traffic.json'), `${JSON.stringify(results, null, 2)}\n`);
const row = (name, r) =>
  `| ${name} | ${r.wallMs} | ${r.cpuMs} | ${perSecond(r)} | ${mbPerSecond(r)} | ${r.maxRssMb} |`;
writeFileSync(
  join(out, 'traffic.md'),
  `# traffic audit over a ${Math.round(bytes / 1048576)} MB JSON Lines capture

Node ${process.version}, ${results.at}, ${results.cpus} CPUs (load average ${results.loadAverage.join(' / ')} at the end),
${records} records (seeded generator, seed ${SEED}), best of ${ROUNDS} round(s) alternating baseline and chatproof.
The baseline reads the file line by line and JSON.parses each line and each body (an event stream's data lines
one by one) and nothing else: the practical limit of one JavaScript thread. chatproof judges every record with
the probe's judges and adds the findings up. CPU is user + system time of the whole process.

| run | wall ms | CPU ms | records/s | MB/s | peak RSS MB |
|---|---|---|---|---|---|
${row('baseline (parse only)', baseline)}
${row(`audit-traffic, ${workers} worker threads`, threaded)}
${row('audit-traffic, one thread', single)}

**Throughput, audit-traffic ÷ baseline:** ${results.ratio.threaded}× on ${workers} worker threads, ${results.ratio.single}× on one
thread (goal ≥ ${GOAL}×). CPU per record, baseline ÷ audit-traffic: ${results.ratio.cpuPerRecord}×.
**Peak RSS:** ${threaded.maxRssMb} MB with workers, ${single.maxRssMb} MB on one thread (bound ${RSS_BOUND_MB} MB).
`,
);
process.stdout.write(`${JSON.stringify(results.ratio)} rss ${JSON.stringify(results.rss)}\n`);
if (threaded.maxRssMb >= RSS_BOUND_MB || single.maxRssMb >= RSS_BOUND_MB || !results.judgedAll)
  process.exitCode = 1;
