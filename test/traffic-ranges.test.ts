/**
 * Worker threads reading byte ranges of a JSON Lines file judge exactly what one thread reading it line by line
 * judges: same counts, same skipped reasons, same first example of every finding, whatever the range size, with
 * records straddling range boundaries, a line far over the cap (longer than a range and a read chunk), CRLF
 * lines, blank lines and a truncated last line. The worker threads run the built code (dist/).
 */
import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { type GenerateOptions, jsonlCapture, MALFORMED, PLANTED } from '../src/checks/traffic/generate.js';
import { auditTraffic, fileInput } from '../src/checks/traffic/index.js';
import { contract, type Workspace, workspace } from './traffic-support.js';

const MAX = 64 * 1024;
const OPTIONS: GenerateOptions = {
  seed: 23,
  conforming: 120,
  drifts: Object.fromEntries(Object.keys(PLANTED).map((name) => [name, 2])) as NonNullable<
    GenerateOptions['drifts']
  >,
  malformed: Object.fromEntries(MALFORMED.map((name) => [name, 2])) as NonNullable<
    GenerateOptions['malformed']
  >,
  maxRecordBytes: MAX,
  gzipShare: 0.2,
};

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => ws.close());

test('byte ranges on worker threads give the line-by-line result byte for byte', async () => {
  const built = (await import(
    '../dist/checks/traffic/index.js' as string
  )) as typeof import('../src/checks/traffic/index.js');
  const lines = [...jsonlCapture(OPTIONS)].map((line, i) =>
    i % 17 === 5 ? Buffer.from(line.toString('utf8').replace(/\n$/, '\r\n')) : line,
  );
  const path = join(ws.dir, 'ranges.jsonl');
  writeFileSync(
    path,
    Buffer.concat([
      ...lines.slice(0, 30),
      Buffer.from(`{"x":"${'y'.repeat(2 * 1024 * 1024)}"}\n\n`),
      ...lines.slice(30),
      Buffer.from('{"request":{"url":"https://api.openai.example/v1/chat/completions"'),
    ]),
  );
  const single = JSON.stringify(
    await auditTraffic(contract(), [fileInput(path, 'ranges.jsonl')], { maxRecordBytes: MAX, workers: 0 }),
  );
  expect(JSON.parse(single).records.skipped).toMatchObject({ 'too-large': 3, truncated: 3 });
  for (const rangeBytes of [1, 5000, 1 << 20]) {
    const ranged = await built.auditTraffic(contract(), [built.fileInput(path, 'ranges.jsonl')], {
      maxRecordBytes: MAX,
      workers: 2,
      rangeBytes,
    });
    expect(JSON.stringify(ranged)).toBe(single);
  }
  // A shard of the ranges is the same shard of the lines.
  const shard = { k: 2, n: 3 };
  const lineShard = await auditTraffic(contract(), [fileInput(path, 'ranges.jsonl')], {
    maxRecordBytes: MAX,
    workers: 0,
    shard,
  });
  const rangeShard = await built.auditTraffic(contract(), [built.fileInput(path, 'ranges.jsonl')], {
    maxRecordBytes: MAX,
    workers: 2,
    rangeBytes: 5000,
    shard,
  });
  expect(JSON.stringify(rangeShard)).toBe(JSON.stringify(lineShard));
  // A stream (stdin) still reaches the workers as batches of lines, with the same result.
  const streamed = await built.auditTraffic(
    contract(),
    [built.streamInput(createReadStream(path), 'ranges.jsonl')],
    { maxRecordBytes: MAX, workers: 2 },
  );
  expect(JSON.stringify(streamed)).toBe(single);
}, 60_000);
