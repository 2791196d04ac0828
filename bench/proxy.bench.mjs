// Fault proxy overhead and soak. Run with `npm run build && npm run bench -- proxy`.
//
// Overhead: the same load (JSON calls and short SSE streams on keep-alive sockets) sent (a) straight to the
// upstream, (b) through a bare ~30-line node:http pipe proxy written below, and (c) through chatproof's proxy
// with no faults and the attempt log on (in memory and appended to a JSON Lines file). Each proxy runs in its
// own child process, which reports its CPU time (process.cpuUsage) so the figure is proxy CPU per request,
// not the load generator's or the upstream's. Each proxy process stays up for the whole kind and is warmed up
// first (BENCH_WARMUP requests), then BENCH_ROUNDS short rounds of BENCH_REQUESTS alternate bare/chatproof so
// machine drift hits both sides of each pair; the figures are medians, with the per-round spread alongside.
// BENCH_SOAK_MS=0 skips the soak and writes nothing (a quick look while iterating); BENCH_PROF=<dir> writes CPU
// profiles of the proxy children.
// Soak: 500 concurrent streams through chatproof's proxy for BENCH_SOAK_MS (default 30 s), one in ten
// abandoned mid-stream: errors, open sockets afterwards, orphan upstream requests, and memory growth.
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const JSON_BODY = JSON.stringify({
  model: 'bench-model',
  messages: [{ role: 'user', content: 'hello bench' }],
});
const SSE_BODY = JSON.stringify({
  model: 'bench-model',
  messages: [{ role: 'user', content: 'hi' }],
  stream: true,
});
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3000);
const CONCURRENCY = 16;
const SOAK_MS = Number(process.env.BENCH_SOAK_MS ?? 30_000);
const SOAK_STREAMS = 500;
const PROF_DIR = process.env.BENCH_PROF;

// ---- children -------------------------------------------------------------------------------------------
async function childUpstream() {
  process.on('disconnect', () => process.exit(0));
  const { startFixtureUpstream } = await import('../dist/proxy/fixture.js');
  // Streams for the overhead runs end at once; soak streams trickle (set per request by the model name).
  const fast = await startFixtureUpstream({ chunks: 3 });
  const slow = await startFixtureUpstream({ chunks: 10, intervalMs: 100 });
  process.send({ fast: fast.url, slow: slow.url });
  process.on('message', (message) => {
    if (message === 'stats') process.send({ open: slow.open() + fast.open(), aborted: slow.aborted() });
  });
}

/** The baseline: a bare node:http pipe proxy, about 30 lines, keep-alive upstream agent like chatproof's. */
function barePipeProxy(upstream) {
  const target = new URL(upstream);
  const agent = new Agent({ keepAlive: true });
  return createServer((req, res) => {
    const up = request(
      {
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    res.on('close', () => up.destroy());
    req.pipe(up);
  });
}

async function childProxy(kind, upstream) {
  process.on('disconnect', () => process.exit(0));
  let url;
  let stats = () => ({});
  let connections = async () => 0;
  if (kind === 'bare') {
    const server = barePipeProxy(upstream);
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${server.address().port}${new URL(upstream).pathname}`;
    connections = () => new Promise((resolve) => server.getConnections((_, n) => resolve(n)));
  } else {
    const { startProxy } = await import('../dist/proxy/index.js');
    const log = join(mkdtempSync(join(tmpdir(), 'chatproof-bench-')), 'attempts.jsonl');
    const proxy = await startProxy({ upstream, log, secrets: ['bench-secret-value'] });
    url = proxy.url;
    stats = () => ({ ...proxy.stats(), attempts: proxy.attempts().length });
    connections = () => proxy.connections();
  }
  process.send({ url });
  process.on('message', async (message) => {
    if (message === 'cpu') process.send({ cpu: process.cpuUsage() });
    if (message === 'mem') {
      globalThis.gc?.();
      process.send({ mem: process.memoryUsage() });
    }
    if (message === 'stats') process.send({ stats: stats(), connections: await connections() });
  });
}

// ---- load generator ---------------------------------------------------------------------------------------
const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill();
});

function spawnChild(args) {
  const execArgv = ['--expose-gc'];
  // BENCH_PROF=<dir>: CPU profiles of the proxy children (<dir>/bare, <dir>/chatproof), to see where time goes.
  if (PROF_DIR && args[0] !== '--upstream')
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${PROF_DIR}/${args[0].slice(2)}`);
  const child = fork(SELF, args, { execArgv });
  children.add(child);
  // Children exit with their parent: a crashed run must not leave servers behind.
  child.on('exit', () => children.delete(child));
  const ask = (message) =>
    new Promise((resolve) => {
      child.once('message', resolve);
      if (message !== undefined) child.send(message);
    });
  return { child, ask };
}

function call(agent, url, body) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      `${url}/chat/completions`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(performance.now() - started));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function load(url, body, count) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        next += 1;
        try {
          latencies.push(await call(agent, url, body));
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { rps: count / seconds, p50: at(0.5), p99: at(0.99), errors };
}

async function measureProxy(proxy, body) {
  const before = (await proxy.ask('cpu')).cpu;
  const result = await load(proxy.url, body, REQUESTS);
  const after = (await proxy.ask('cpu')).cpu;
  const cpuUs = (after.user - before.user + after.system - before.system) / REQUESTS;
  return { ...result, cpuUsPerRequest: cpuUs };
}

// Disconnecting lets the child exit on its own (and write its profile when BENCH_PROF is set).
const stop = (child) => (PROF_DIR ? child.disconnect() : child.kill());

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (n, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

async function main() {
  const upstream = spawnChild(['--upstream']);
  const urls = await upstream.ask();
  const rows = {};
  for (const [kind, body] of [
    ['json', JSON_BODY],
    ['sse', SSE_BODY],
  ]) {
    const runs = { direct: [], bare: [], chatproof: [] };
    // One process per proxy for the whole kind, warmed up first: the figure is the steady state of a proxy
    // that stays up, and many short back-to-back pairs let machine drift hit both sides of each pair alike.
    const proxies = {};
    const coldCpu = {};
    for (const name of ['bare', 'chatproof']) {
      proxies[name] = spawnChild([`--${name}`, urls.fast]);
      proxies[name].url = (await proxies[name].ask()).url;
      // The warm-up's own CPU per request is kept too: what a freshly started proxy costs while the JIT works.
      const before = (await proxies[name].ask('cpu')).cpu;
      await load(proxies[name].url, body, WARMUP);
      const after = (await proxies[name].ask('cpu')).cpu;
      coldCpu[name] = round((after.user - before.user + after.system - before.system) / WARMUP);
    }
    await load(urls.fast, body, WARMUP);
    for (let r = 0; r < ROUNDS; r += 1) {
      runs.direct.push(await load(urls.fast, body, REQUESTS));
      for (const name of r % 2 === 0 ? ['bare', 'chatproof'] : ['chatproof', 'bare']) {
        runs[name].push(await measureProxy(proxies[name], body));
      }
    }
    for (const proxy of Object.values(proxies)) stop(proxy.child);
    const summary = (list) => ({
      rps: round(median(list.map((x) => x.rps)), 0),
      p50Ms: round(median(list.map((x) => x.p50)), 3),
      p99Ms: round(median(list.map((x) => x.p99)), 3),
      errors: list.reduce((sum, x) => sum + x.errors, 0),
      ...(list[0].cpuUsPerRequest !== undefined
        ? {
            cpuUsPerRequest: round(median(list.map((x) => x.cpuUsPerRequest))),
            cpuUsPerRequestRounds: list.map((x) => round(x.cpuUsPerRequest)),
          }
        : {}),
    });
    const direct = summary(runs.direct);
    const bare = summary(runs.bare);
    const chatproof = summary(runs.chatproof);
    rows[kind] = {
      direct,
      bare: {
        ...bare,
        addedP50Ms: round(bare.p50Ms - direct.p50Ms, 3),
        addedP99Ms: round(bare.p99Ms - direct.p99Ms, 3),
      },
      chatproof: {
        ...chatproof,
        addedP50Ms: round(chatproof.p50Ms - direct.p50Ms, 3),
        addedP99Ms: round(chatproof.p99Ms - direct.p99Ms, 3),
      },
      cpuRatioVsBare: round(chatproof.cpuUsPerRequest / bare.cpuUsPerRequest, 2),
      cpuRatioMedianOfRounds: round(
        median(runs.bare.map((b, i) => runs.chatproof[i].cpuUsPerRequest / b.cpuUsPerRequest)),
        2,
      ),
      // Each round pairs one bare and one chatproof run back to back: the spread of these ratios is the noise.
      cpuRatioRounds: runs.bare.map((b, i) =>
        round(runs.chatproof[i].cpuUsPerRequest / b.cpuUsPerRequest, 2),
      ),
      rpsRatioVsBare: round(chatproof.rps / bare.rps, 2),
      warmupCpuUsPerRequest: coldCpu,
      warmupCpuRatioVsBare: round(coldCpu.chatproof / coldCpu.bare, 2),
    };
    process.stderr.write(`${kind}: ${JSON.stringify(rows[kind])}\n`);
  }
  if (SOAK_MS === 0) {
    // A quick look while iterating: no soak, and the recorded results stay as they are.
    upstream.child.kill();
    return;
  }
  const soak = await runSoak(urls.slow, upstream);
  process.stderr.write(`soak: ${JSON.stringify(soak)}\n`);
  upstream.child.kill();
  write({ rows, soak });
}

async function runSoak(upstreamUrl, upstream) {
  const proxy = spawnChild(['--chatproof', upstreamUrl]);
  proxy.url = (await proxy.ask()).url;
  // Baseline after one warm round at full concurrency, at rest: growth then means memory the soak kept,
  // not the buffers 1,000 open sockets need while they are open.
  await Promise.all(Array.from({ length: SOAK_STREAMS }, () => load(proxy.url, SSE_BODY, 1)));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const memBefore = (await proxy.ask('mem')).mem;
  const deadline = performance.now() + SOAK_MS;
  let streams = 0;
  let abandoned = 0;
  let errors = 0;
  let incomplete = 0;
  const one = (abandon) =>
    new Promise((resolve) => {
      const req = request(`${proxy.url}/chat/completions`, { method: 'POST', agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (text) => {
          body += text;
          if (abandon) {
            req.destroy();
            resolve();
          }
        });
        res.on('end', () => {
          if (!body.includes('data: [DONE]')) incomplete += 1;
          resolve();
        });
        res.on('error', () => {
          if (!abandon) errors += 1;
          resolve();
        });
      });
      req.on('error', () => {
        if (!abandon) errors += 1;
        resolve();
      });
      req.end(SSE_BODY);
    });
  await Promise.all(
    Array.from({ length: SOAK_STREAMS }, async (_, lane) => {
      while (performance.now() < deadline) {
        const abandon = (streams + lane) % 10 === 0;
        streams += 1;
        if (abandon) abandoned += 1;
        await one(abandon);
      }
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const end = await proxy.ask('stats');
  const memAfter = (await proxy.ask('mem')).mem;
  const up = await upstream.ask('stats');
  proxy.child.kill();
  return {
    durationMs: SOAK_MS,
    concurrentStreams: SOAK_STREAMS,
    streams,
    abandoned,
    clientErrors: errors,
    incompleteStreams: incomplete,
    proxyErrors: end.stats.proxyErrors,
    upstreamErrors: end.stats.upstreamErrors,
    attemptsLogged: end.stats.attempts,
    openClientSocketsAfter: end.connections,
    openUpstreamRequestsAfter: up.open,
    upstreamAbortedByAbandon: up.aborted,
    rssGrowthMb: round((memAfter.rss - memBefore.rss) / 2 ** 20),
    heapGrowthMb: round((memAfter.heapUsed - memBefore.heapUsed) / 2 ** 20),
  };
}

function write(result) {
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const document = {
    name: 'proxy',
    node: process.version,
    date: new Date().toISOString(),
    requestsPerRound: REQUESTS,
    rounds: ROUNDS,
    warmupRequests: WARMUP,
    concurrency: CONCURRENCY,
    goal: 'chatproof proxy CPU per request ≤ 1.1× the bare node:http pipe proxy',
    ...result,
  };
  writeFileSync(join(dir, 'proxy.json'), `${JSON.stringify(document, null, 2)}\n`);
  const spread = (list) => (list ? ` (${Math.min(...list)}–${Math.max(...list)})` : '');
  const line = (kind, name, row) =>
    `| ${kind} | ${name} | ${row.rps} | ${row.p50Ms} | ${row.p99Ms} | ${row.addedP50Ms ?? '-'} | ${row.addedP99Ms ?? '-'} | ${row.cpuUsPerRequest ?? '-'}${spread(row.cpuUsPerRequestRounds)} | ${row.errors} |`;
  const ratios = (kind) => {
    const row = result.rows[kind];
    return `${kind.toUpperCase()} ${row.cpuRatioVsBare}× (median of the per-round ratios ${row.cpuRatioMedianOfRounds}×, rounds ${Math.min(...row.cpuRatioRounds)}–${Math.max(...row.cpuRatioRounds)}×)`;
  };
  const table = ['json', 'sse'].flatMap((kind) => [
    line(kind, 'direct', result.rows[kind].direct),
    line(kind, 'bare pipe proxy', result.rows[kind].bare),
    line(kind, 'chatproof proxy', result.rows[kind].chatproof),
  ]);
  const s = result.soak;
  const md = `# Fault proxy benchmark

Node ${process.version}, ${document.date}. ${ROUNDS} rounds × ${REQUESTS} requests per path, concurrency ${CONCURRENCY},
keep-alive; medians of the rounds. Each proxy runs in its own process, warmed up with ${WARMUP} requests, and
stays up while bare and chatproof rounds alternate. chatproof's proxy runs with no faults and the attempt log on
(memory and a JSON Lines file). CPU is the proxy process's own user+system time per request (process.cpuUsage),
median (lowest–highest round).

| kind | path | req/s | p50 ms | p99 ms | added p50 ms | added p99 ms | proxy CPU µs/req | errors |
|---|---|---|---|---|---|---|---|---|
${table.join('\n')}

**CPU per request, chatproof ÷ bare pipe:** ${ratios('json')}; ${ratios('sse')}
(goal ≤ 1.1×). **Throughput, chatproof ÷ bare pipe:** JSON ${result.rows.json.rpsRatioVsBare}×, SSE ${result.rows.sse.rpsRatioVsBare}×.

While warming up (the first ${WARMUP} requests after start, JIT still compiling; one run, so noisier): bare
${result.rows.json.warmupCpuUsPerRequest.bare} µs/req, chatproof ${result.rows.json.warmupCpuUsPerRequest.chatproof} µs/req (${result.rows.json.warmupCpuRatioVsBare}×) for JSON; bare
${result.rows.sse.warmupCpuUsPerRequest.bare} µs/req, chatproof ${result.rows.sse.warmupCpuUsPerRequest.chatproof} µs/req (${result.rows.sse.warmupCpuRatioVsBare}×) for SSE.

## Soak: ${s.concurrentStreams} concurrent streams for ${s.durationMs / 1000} s

| streams | abandoned | client errors | incomplete | proxy errors | upstream errors | open sockets after | open upstream requests after | RSS growth MB | heap growth MB |
|---|---|---|---|---|---|---|---|---|---|
| ${s.streams} | ${s.abandoned} | ${s.clientErrors} | ${s.incompleteStreams} | ${s.proxyErrors} | ${s.upstreamErrors} | ${s.openClientSocketsAfter} | ${s.openUpstreamRequestsAfter} | ${s.rssGrowthMb} | ${s.heapGrowthMb} |

Memory is measured at rest, after one warm round of ${s.concurrentStreams} streams and again after the soak (after GC);
the growth includes the in-memory attempt log (${s.attemptsLogged} records kept).
`;
  writeFileSync(join(dir, 'proxy.md'), md);
}

const role = process.argv[2];
if (role === '--upstream') await childUpstream();
else if (role === '--bare' || role === '--chatproof') await childProxy(role.slice(2), process.argv[3]);
else {
  process.on('disconnect', () => process.exit(0));
  await main();
}
