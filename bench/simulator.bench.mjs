// Simulator throughput and soak. Run with `npm run build && npm run bench -- simulator`.
//
// Throughput: requests per second of the simulator (JSON and SSE) side by side, in the same run, with a bare
// node:http server that reads the request and answers with the same bytes the simulator produced (the
// practical ceiling on this machine). Rounds alternate bare/simulator so drift in machine load hits both.
// Soak: 500 concurrent streams on keep-alive sockets for BENCH_SOAK_MS (default 30 s) in rounds: zero
// errors, the server's heap after GC per round, and getConnections() back to 0 afterwards.
//
// The servers run in a child process so the load generator has its own core.
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { fileURLToPath } from 'node:url';

const KEY = 'bench-key';
const JSON_BODY = JSON.stringify({
  model: 'gpt-4.1-nano',
  messages: [{ role: 'user', content: 'hello bench' }],
});
const SSE_BODY = JSON.stringify({
  model: 'gpt-4.1-nano',
  messages: [{ role: 'user', content: 'hello bench' }],
  stream: true,
  stream_options: { include_usage: true },
});
const HEADERS = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

// ---- child: the servers ----------------------------------------------------------------------------------
async function serve() {
  const { startSimulator } = await import('../dist/index.js');
  const sim = await startSimulator({ profile: 'cometapi', seed: 1, apiKey: KEY });
  const json = await capture(`${sim.url}/chat/completions`, JSON_BODY);
  const sse = await capture(`${sim.url}/chat/completions`, SSE_BODY);
  const bare = (sample) => {
    const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, sample.headers);
        res.end(sample.body);
      });
    });
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
  };
  const bareJson = await bare(json);
  const bareSse = await bare(sse);
  const url = (server) => `http://127.0.0.1:${server.address().port}/v1/chat/completions`;
  // Never outlive the load generator, even when it crashes.
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (message) => {
    if (message === 'cpu') {
      const usage = process.cpuUsage();
      process.send({ cpuMicros: usage.user + usage.system });
    } else if (message === 'stats') {
      globalThis.gc?.();
      process.send({ connections: await sim.connections(), heapUsed: process.memoryUsage().heapUsed });
    } else if (message === 'exit') {
      await sim.close();
      bareJson.close();
      bareSse.close();
      bareJson.closeAllConnections();
      bareSse.closeAllConnections();
      process.disconnect();
    }
  });
  process.send({
    sim: `${sim.url}/chat/completions`,
    bareJson: url(bareJson),
    bareSse: url(bareSse),
    jsonBytes: json.body.length,
    sseBytes: sse.body.length,
  });
}

function capture(url, body) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: HEADERS }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const headers = { ...res.headers };
        delete headers.date;
        delete headers.connection;
        delete headers['keep-alive'];
        delete headers['transfer-encoding'];
        resolve({ headers, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

// ---- parent: the load generator ----------------------------------------------------------------------------
function once(agent, url, body, check) {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, headers: HEADERS }, (res) => {
      let tail = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        tail = (tail + chunk).slice(-32);
      });
      res.on('end', () => resolve(res.statusCode === 200 && check(tail)));
      res.on('error', () => resolve(false));
    });
    req.on('error', () => resolve(false));
    req.end(body);
  });
}

async function load(url, body, check, concurrency, ms) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let ok = 0;
  let errors = 0;
  const started = performance.now();
  const until = started + ms;
  const worker = async () => {
    while (performance.now() < until) {
      if (await once(agent, url, body, check)) ok += 1;
      else errors += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { rps: ok / seconds, ok, errors };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure() {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: ['--expose-gc'] });
  try {
    await run(child);
  } finally {
    if (child.connected) child.disconnect();
  }
}

async function run(child) {
  const next = () => new Promise((resolve) => child.once('message', resolve));
  const urls = await next();
  const stats = async () => {
    child.send('stats');
    return next();
  };
  const cpu = async () => {
    child.send('cpu');
    return (await next()).cpuMicros;
  };
  // Wall-clock requests/s is bounded by the load generator on a small machine; server CPU per request is
  // not, so both are reported: capacity = requests per second of server CPU.
  const measured = async (url, body, check) => {
    const before = await cpu();
    const result = await load(url, body, check, CONCURRENCY, PHASE_MS);
    const cpuSeconds = ((await cpu()) - before) / 1e6;
    return {
      ...result,
      capacity: result.ok / cpuSeconds,
      cpuMicrosPerRequest: (cpuSeconds * 1e6) / result.ok,
    };
  };
  const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
  const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 2000);
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
  const SOAK_MS = Number(process.env.BENCH_SOAK_MS ?? 30000);
  const SOAK_STREAMS = Number(process.env.BENCH_SOAK_STREAMS ?? 500);
  const jsonCheck = (tail) => tail.endsWith('}');
  const sseCheck = (tail) => tail.endsWith('data: [DONE]\n\n');

  // Warm both servers (JIT, sockets) before measuring.
  await load(urls.bareJson, JSON_BODY, jsonCheck, CONCURRENCY, 500);
  await load(urls.sim, JSON_BODY, jsonCheck, CONCURRENCY, 500);

  const throughput = {};
  for (const [mode, body, check, bareUrl] of [
    ['json', JSON_BODY, jsonCheck, urls.bareJson],
    ['sse', SSE_BODY, sseCheck, urls.bareSse],
  ]) {
    const bare = [];
    const sim = [];
    let errors = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which server goes first so a trend in machine load does not favour one of them.
      const first = round % 2 === 0 ? 'bare' : 'sim';
      const runBare = () => measured(bareUrl, body, check);
      const runSim = () => measured(urls.sim, body, check);
      const b = first === 'bare' ? await runBare() : undefined;
      const s = await runSim();
      const b2 = b ?? (await runBare());
      bare.push(b2);
      sim.push(s);
      errors += b2.errors + s.errors;
    }
    const rps = (list) => median(list.map((one) => one.rps));
    const capacity = (list) => median(list.map((one) => one.capacity));
    const micros = (list) => median(list.map((one) => one.cpuMicrosPerRequest));
    throughput[mode] = {
      bareRps: Math.round(rps(bare)),
      simulatorRps: Math.round(rps(sim)),
      ratio: Number((rps(sim) / rps(bare)).toFixed(3)),
      bareCapacityRps: Math.round(capacity(bare)),
      simulatorCapacityRps: Math.round(capacity(sim)),
      capacityRatio: Number((capacity(sim) / capacity(bare)).toFixed(3)),
      bareCpuMicrosPerRequest: Number(micros(bare).toFixed(1)),
      simulatorCpuMicrosPerRequest: Number(micros(sim).toFixed(1)),
      roundsBare: bare.map((one) => Math.round(one.rps)),
      roundsSimulator: sim.map((one) => Math.round(one.rps)),
      errors,
    };
    process.stderr.write(`${mode}: ${JSON.stringify(throughput[mode])}\n`);
  }

  // Soak: many concurrent streams in rounds; heap after GC per round; connections back to 0 at the end.
  const rounds = Math.max(1, Math.round(SOAK_MS / 5000));
  const soakAgent = new Agent({ keepAlive: true, maxSockets: SOAK_STREAMS });
  const heap = [];
  let soakOk = 0;
  let soakErrors = 0;
  for (let round = 0; round < rounds; round++) {
    const until = performance.now() + SOAK_MS / rounds;
    const worker = async () => {
      while (performance.now() < until) {
        if (await once(soakAgent, urls.sim, SSE_BODY, sseCheck)) soakOk += 1;
        else soakErrors += 1;
      }
    };
    await Promise.all(Array.from({ length: SOAK_STREAMS }, worker));
    heap.push((await stats()).heapUsed);
  }
  const openDuring = (await stats()).connections;
  soakAgent.destroy();
  let openAfter = openDuring;
  for (let i = 0; i < 100 && openAfter > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    openAfter = (await stats()).connections;
  }
  const mb = (bytes) => Number((bytes / 1024 / 1024).toFixed(2));
  const soak = {
    streams: SOAK_STREAMS,
    durationMs: SOAK_MS,
    completed: soakOk,
    errors: soakErrors,
    connectionsBeforeClose: openDuring,
    connectionsAfterClose: openAfter,
    heapMbPerRound: heap.map(mb),
    // Growth from the second round (after warm-up) to the last.
    heapGrowthMb: heap.length > 1 ? mb((heap.at(-1) ?? 0) - (heap[1] ?? heap[0] ?? 0)) : 0,
  };
  process.stderr.write(`soak: ${JSON.stringify(soak)}\n`);
  child.send('exit');
  await new Promise((resolve) => child.once('disconnect', resolve));

  const result = {
    name: 'simulator',
    date: new Date().toISOString(),
    node: process.version,
    setup: {
      concurrency: CONCURRENCY,
      phaseMs: PHASE_MS,
      rounds: ROUNDS,
      jsonBytes: urls.jsonBytes,
      sseBytes: urls.sseBytes,
    },
    goal: 'simulator requests/s at least 0.7 of the bare node:http server returning the same bytes',
    throughput,
    soak,
  };
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}simulator.json`, `${JSON.stringify(result, null, 2)}\n`);
  const row = (mode) => {
    const t = throughput[mode];
    return (
      `| ${mode.toUpperCase()} | ${t.bareRps} | ${t.simulatorRps} | **${t.ratio}** | ` +
      `${t.bareCapacityRps} | ${t.simulatorCapacityRps} | **${t.capacityRatio}** | ${t.errors} |`
    );
  };
  const md = [
    '# Simulator benchmark',
    '',
    `${result.date}, Node ${result.node}. Load generator: ${CONCURRENCY} keep-alive connections on loopback, ` +
      `${ROUNDS} alternating rounds of ${PHASE_MS} ms per server (median shown). Servers in a child process.`,
    '',
    '| answer | bare req/s | simulator req/s | ratio (goal ≥ 0.7) | bare req per server CPU-s | simulator req per server CPU-s | capacity ratio | errors |',
    '|---|---|---|---|---|---|---|---|',
    row('json'),
    row('sse'),
    '',
    `Bare server: reads the request, answers the bytes the simulator produced (${urls.jsonBytes} B JSON, ` +
      `${urls.sseBytes} B SSE with the usage chunk and [DONE]).`,
    'Wall-clock req/s on a two-core machine is bounded by the load generator, so it can read near 1.0 either way; ' +
      "requests per second of server CPU (the server process's user+system time) shows what the simulator's " +
      'parsing, validation and rendering cost against the bare server.',
    '',
    '## Soak',
    '',
    `${SOAK_STREAMS} concurrent streams for ${SOAK_MS / 1000} s: ${soakOk} streams completed, ${soakErrors} errors; ` +
      `idle keep-alive connections left open by the clients after the last round: ${openDuring} (the agent keeps at most 256 free sockets); after the clients closed them: ${openAfter}.`,
    `Server heap after GC per round (MB): ${soak.heapMbPerRound.join(', ')}; growth after warm-up ${soak.heapGrowthMb} MB.`,
    '',
  ].join('\n');
  writeFileSync(`${dir}simulator.md`, md);
  process.stdout.write(md);
  if (soakErrors > 0 || openAfter > 0) process.exitCode = 1;
}

if (process.argv[2] === '--serve') await serve();
else await measure();
