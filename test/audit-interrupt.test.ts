/**
 * Ctrl-C or SIGTERM stop a real `chatproof audit-client` process mid-audit: the scenarios that finished are
 * judged, the rest not-run naming the interruption, `audit.json` and the `--json` document are written and
 * marked incomplete, and the exit code is 130 or 143.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { EXAMPLES } from './audit-support.js';
import { until } from './helpers/until.js';

const BIN = fileURLToPath(new URL('../bin/chatproof.js', import.meta.url));
const SCENARIOS = ['baseline', 'forbidden-403', 'reset-before-headers'];

let dir: string;
let running: ChildProcess | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chatproof-audit-interrupt-'));
  // Under `baseline` the real SDK client; under any fault a client that writes its scenario down and never ends.
  writeFileSync(
    join(dir, 'client.mjs'),
    `import { appendFileSync } from 'node:fs';
const scenario = process.env.CHATPROOF_SCENARIO;
if (scenario === 'baseline') await import(${JSON.stringify(pathToFileURL(join(EXAMPLES, 'openai-client.mjs')).href)});
else {
  appendFileSync(${JSON.stringify(join(dir, 'hanging'))}, scenario + '\\n');
  setInterval(() => {}, 1000);
}
`,
  );
});
afterEach(() => {
  if (running && running.exitCode === null) running.kill('SIGKILL');
  running = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const hanging = () => {
  const file = join(dir, 'hanging');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
};

/** Runs audit-client, signals it once the baseline is judged and `hangs` faulted clients run. */
async function interrupt(extra: string[], signal: NodeJS.Signals, hangs: number) {
  const child = spawn(
    process.execPath,
    [
      BIN,
      'audit-client',
      '--simulator',
      '--out',
      'out',
      '--timeout',
      '60000',
      '--scenario',
      ...SCENARIOS,
      ...extra,
      '--',
      process.execPath,
      join(dir, 'client.mjs'),
    ],
    { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running = child;
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const ready = () => /baseline: documented-handled/.test(stderr) && hanging().length >= hangs;
  expect(await until(ready, 30_000), stderr).toBe(true);
  child.kill(signal);
  return { code: await exited, stdout, stderr };
}

interface AuditJson {
  incomplete?: boolean;
  passed: boolean;
  audit: { scenarios: { name: string; class: string }[] };
  findings: { check: string; class: string; reason?: string }[];
}

function expectPartial(doc: AuditJson, reason: RegExp, notRun: string[]) {
  expect(doc.incomplete).toBe(true);
  expect(doc.passed).toBe(false);
  expect(doc.audit.scenarios.map((s) => [s.name, s.class])).toEqual([
    ['baseline', 'documented-handled'],
    ...notRun.map((name) => [name, 'not-run']),
  ]);
  for (const finding of doc.findings.filter((f) => f.class === 'not-run'))
    expect(finding.reason).toMatch(reason);
}

describe('audit-client interrupted', () => {
  test('SIGINT (--serial): exit 130, baseline judged, the rest not-run naming it, audit.json and --json written', async () => {
    const result = await interrupt(['--serial', '--json'], 'SIGINT', 1);
    expect(result.code, result.stderr).toBe(130);
    expect(hanging()).toEqual(['forbidden-403']);
    const printed = JSON.parse(result.stdout) as AuditJson;
    expectPartial(printed, /interrupted \(SIGINT\)/, ['forbidden-403', 'reset-before-headers']);
    const written = JSON.parse(readFileSync(join(dir, 'out', 'audit.json'), 'utf8')) as AuditJson;
    expect(written).toEqual(printed);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['attempts', 'audit.json']);
    expect(result.stderr).toContain('interrupted; writing the results so far, marked incomplete');
  }, 60_000);

  test('SIGTERM (concurrent): exit 143, the summary says incomplete, audit.json marked incomplete', async () => {
    const result = await interrupt([], 'SIGTERM', 2);
    expect(result.code, result.stderr).toBe(143);
    expect(result.stdout).toContain(
      'audit incomplete: interrupted; 2 scenario(s) not run (forbidden-403, reset-before-headers)\n',
    );
    expect(result.stdout).not.toContain('audit passed');
    const written = JSON.parse(readFileSync(join(dir, 'out', 'audit.json'), 'utf8')) as AuditJson;
    expectPartial(written, /terminated \(SIGTERM\)/, ['forbidden-403', 'reset-before-headers']);
  }, 60_000);
});
