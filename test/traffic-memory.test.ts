/**
 * The traffic audit streams: memory holds one chunk, one record and the tally, so a capture with a record far
 * over the cap and thousands of exchanges stays well under the bound the 1 GB benchmark checks (300 MB).
 * Runs the built CLI in its own process, which reports its peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { jsonlCapture } from '../src/checks/traffic/generate.js';
import { type Workspace, workspace } from './traffic-support.js';

/**
 * One thread, or two workers reading ranges of the file, a 48 MB line to skip without holding it, and ~12 MB of
 * exchanges.
 */
const BOUND_MB = 200;

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => ws.close());

test.each(['0', '2'])(
  `on %s worker threads, peak RSS stays under ${BOUND_MB} MB with a 48 MB record in the capture`,
  async (workers) => {
    const file = join(ws.dir, 'big.jsonl');
    const out = createWriteStream(file);
    let lines = 0;
    for (const line of jsonlCapture({ seed: 3, conforming: 2000 })) {
      if (lines === 10) {
        // A 48 MB line in 1 MiB pieces: never held whole by the writer, and never by the reader either.
        for (let i = 0; i < 48; i++) out.write('x'.repeat(1024 * 1024));
        out.write('\n');
      }
      out.write(line);
      lines += 1;
    }
    await new Promise((resolve) => out.end(resolve));
    const run = spawnSync(
      process.execPath,
      [
        join(import.meta.dirname, '../bench/traffic-run.mjs'),
        file,
        '--ledger',
        join(ws.dir, 'chatproof.yaml'),
        '--workers',
        workers,
      ],
      { encoding: 'utf8', maxBuffer: 16 << 20 },
    );
    const report = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}');
    expect(report.records).toMatchObject({ total: 2002, judged: 2001, skipped: { 'too-large': 1 } });
    expect(report.maxRssMb).toBeLessThan(BOUND_MB);
  },
  120_000,
);
