// Scans <dir> in this process as `chatproof scan` does (scanRepository, from dist/) and prints what it cost on
// stdout as JSON: wall and CPU milliseconds, peak resident memory, files read and findings by rule.
// `--parse-all` turns the word prefilter off. Used by scan.bench.mjs.
import { performance } from 'node:perf_hooks';

const { scanRepository } = await import('../dist/checks/scan/index.js');
const started = performance.now();
const cpu = process.cpuUsage();
// --parse-all: every file parsed, none skipped by the word prefilter (the worst case: every file mentions a model).
const result = await scanRepository(process.argv[2], { prefilter: !process.argv.includes('--parse-all') });
const wallMs = performance.now() - started;
const used = process.cpuUsage(cpu);
const rules = {};
for (const finding of result.findings) rules[finding.rule] = (rules[finding.rule] ?? 0) + 1;
process.stdout.write(
  `${JSON.stringify({
    wallMs: Math.round(wallMs),
    cpuMs: Math.round((used.user + used.system) / 1000),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    files: result.files,
    findings: result.findings.length,
    rules,
  })}\n`,
);
