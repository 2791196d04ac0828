// Runs `chatproof audit-traffic <args>` in this process (from dist/) and prints what it cost on stdout as JSON:
// wall and CPU milliseconds, peak resident memory (worker threads included), the exit code and the record
// counts. Used by traffic.bench.mjs and by the memory test.
import { performance } from 'node:perf_hooks';

const { main } = await import('../dist/cli/main.js');
let out = '';
const started = performance.now();
const cpu = process.cpuUsage();
const code = await main(['audit-traffic', ...process.argv.slice(2), '--json'], {
  stdout: {
    write: (text) => {
      out += text;
    },
  },
  stderr: { write: (text) => void process.stderr.write(text) },
  isTTY: false,
  signal: new AbortController().signal,
});
const wallMs = performance.now() - started;
const used = process.cpuUsage(cpu);
const result = out ? JSON.parse(out) : undefined;
process.stdout.write(
  `${JSON.stringify({
    code,
    wallMs: Math.round(wallMs),
    // Main thread plus worker threads: user + system time of the whole process.
    cpuMs: Math.round((used.user + used.system) / 1000),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    records: result?.records,
    findings: result?.findings.map((f) => ({
      class: f.class,
      clause: f.clause,
      code: f.code,
      count: f.count,
    })),
  })}\n`,
);
