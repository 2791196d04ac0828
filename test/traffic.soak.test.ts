/** Soak: 100,000 generated malformed records per format are all counted as skipped, none judged, no crash. */
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { harCapture, jsonlCapture, MALFORMED } from '../src/checks/traffic/generate.js';
import { auditTraffic, streamInput } from '../src/checks/traffic/index.js';
import { contract } from './traffic-support.js';

const PER_REASON = Math.ceil(100_000 / MALFORMED.length);
const malformed = Object.fromEntries(MALFORMED.map((name) => [name, PER_REASON]));

describe('malformed captures at scale', () => {
  for (const format of ['jsonl', 'har'] as const) {
    test(`${MALFORMED.length * PER_REASON} malformed ${format} records: every one skipped, by reason`, async () => {
      const options = { seed: 99, conforming: 0, malformed, maxRecordBytes: 4096 };
      const source = format === 'har' ? harCapture(options) : jsonlCapture(options);
      const result = await auditTraffic(contract(), [streamInput(Readable.from(source), `m.${format}`)], {
        maxRecordBytes: 4096,
      });
      // The generator's first record is the (well-formed) model list.
      expect(result.records.total).toBe(MALFORMED.length * PER_REASON + 1);
      expect(result.records.judged).toBe(1);
      expect(result.records.skipped['judge-error']).toBeUndefined();
      if (format === 'jsonl') expect(result.records.skipped).toEqual(malformed);
    }, 600_000);
  }
});
