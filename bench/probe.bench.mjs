// Probe + negative suite against the local simulator. Run with `npm run build && npm run bench -- probe`.
//
// Measures one full run (model list, JSON probe, stream probe, nine negative cases: 12 requests) end to end,
// and splits it into time spent waiting on the server (the sum of each exchange's total, from the request
// start to the last byte, measured by chatproof's client) and time spent in chatproof itself (planning,
// building requests, redaction, judging). Side by side in the same run, the same 12 requests are sent by a
// bare node:http client that neither captures nor judges: the practical floor for those requests.
// The target is the "well under 2 s" for the whole run. The simulator runs in a child process so
// its work does not count as chatproof's.
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';

const KEY = 'sk-benchkey0123456789abcdefghij';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const TARGET_MS = 2000;

async function serve() {
  const { startSimulator } = await import('../dist/index.js');
  const sim = await startSimulator({ profile: process.argv[3] ?? 'cometapi', seed: 1, apiKey: KEY });
  process.send?.({ url: sim.url });
  process.on('message', async () => {
    await sim.close();
    process.exit(0);
  });
}

function startChild(profile) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', profile], { stdio: 'inherit' });
  return new Promise((resolve) => child.once('message', (message) => resolve({ child, url: message.url })));
}

/** Sends the run's requests with a bare client (same method, path, headers and body) and reads each answer. */
function bareRun(agent, requests) {
  const one = ({ method, url, headers, body }) =>
    new Promise((resolve, reject) => {
      const req = request(url, { method, headers, agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end(body);
    });
  return requests.reduce((chain, item) => chain.then(() => one(item)), Promise.resolve());
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const p95 = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
};
const round1 = (n) => Math.round(n * 10) / 10;

async function measureProfile(profile) {
  const { LedgerSchema, profileLedger, runNegative, runProbe, toContract } = await import('../dist/index.js');
  const { child, url } = await startChild(profile);
  const contract = toContract(
    LedgerSchema.parse(profileLedger(profile, { baseUrl: url, keyRef: 'env:BENCH_KEY' })),
  );
  const env = { BENCH_KEY: KEY };
  const agent = new Agent({ keepAlive: true });
  const totals = [];
  const waits = [];
  const bare = [];
  let requests = [];
  let failures = 0;
  for (let i = 0; i < ROUNDS + 3; i++) {
    const start = performance.now();
    const probe = await runProbe(contract, { env });
    const negative = await runNegative(contract, { env });
    const total = performance.now() - start;
    const exchanges = [...probe.findings, ...negative.findings]
      .map((f) => f.evidence.exchange)
      .filter((x, index, all) => x && all.indexOf(x) === index);
    const wait = exchanges.reduce((sum, x) => sum + x.timings.totalMs, 0);
    if (probe.summary.unexpected + negative.summary.unexpected + probe.summary['not-run'] > 0) failures += 1;
    if (requests.length === 0) {
      // The bare client replays exactly what chatproof sent (with the real key where it was redacted).
      requests = exchanges.map((x) => ({
        method: x.request.method,
        url: x.request.url,
        headers: Object.fromEntries(
          Object.entries(x.request.headers).map(([k, v]) => [k, v.replace('[REDACTED]', KEY)]),
        ),
        body: x.request.body,
      }));
    }
    const bareStart = performance.now();
    await bareRun(agent, requests);
    const bareTotal = performance.now() - bareStart;
    if (i < 3) continue; // warm-up: JIT, first sockets
    totals.push(total);
    waits.push(wait);
    bare.push(bareTotal);
  }
  agent.destroy();
  child.send('stop');
  await new Promise((resolve) => child.once('exit', resolve));
  const totalMedian = median(totals);
  const waitMedian = median(waits);
  return {
    profile,
    rounds: ROUNDS,
    requestsPerRun: requests.length,
    runsWithUnexpectedFindings: failures,
    totalMs: { median: round1(totalMedian), p95: round1(p95(totals)) },
    waitingOnServerMs: { median: round1(waitMedian) },
    inChatproofMs: { median: round1(totalMedian - waitMedian) },
    chatproofShare: round1(((totalMedian - waitMedian) / totalMedian) * 100),
    bareClientMs: { median: round1(median(bare)), p95: round1(p95(bare)) },
    ratioToBare: round1(totalMedian / median(bare)),
    ratioToTarget: Math.round((totalMedian / TARGET_MS) * 1000) / 1000,
  };
}

async function measure() {
  const results = [];
  for (const profile of ['cometapi', 'openai']) results.push(await measureProfile(profile));
  const document = { bench: 'probe', node: process.version, targetMs: TARGET_MS, results };
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}probe.json`, `${JSON.stringify(document, null, 2)}\n`);
  const rows = results.map(
    (r) =>
      `| ${r.profile} | ${r.requestsPerRun} | ${r.totalMs.median} (p95 ${r.totalMs.p95}) | ${r.waitingOnServerMs.median} | ${r.inChatproofMs.median} (${r.chatproofShare} %) | ${r.bareClientMs.median} | ${r.ratioToBare}× | ${r.ratioToTarget}× |`,
  );
  const md = [
    '# probe + negative suite against the local simulator',
    '',
    `Node ${process.version}, ${ROUNDS} rounds after 3 warm-up rounds, simulator in a child process. One run is`,
    'the model list, the JSON and stream probes and the nine negative cases. "Waiting" sums each exchange\'s',
    'total time from chatproof\'s own client; "in chatproof" is the rest (planning, redaction, judging).',
    'The bare client sends the same requests with node:http and judges nothing.',
    '',
    '| profile | requests | run ms, median | waiting on server ms | in chatproof ms (share) | bare client ms | vs bare | vs 2 s target |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  writeFileSync(`${dir}probe.md`, md);
  process.stdout.write(`${md}\n`);
}

// Last, so every helper above is initialised before the top-level await runs.
if (process.argv[2] === '--serve') await serve();
else await measure();
