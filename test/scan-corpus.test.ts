import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { scanRepository } from '../src/checks/scan/index.js';
import { CORPUS_DIR, EXPECTED, keyOf, SERVICES } from './scan-support.js';

/** Precision and recall the scan must keep over the corpus. */
const FLOOR = 0.95;

describe('scan corpus', () => {
  test(`precision and recall over every sample service are at least ${FLOOR}`, async () => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    const report: string[] = [];
    for (const service of SERVICES) {
      const result = await scanRepository(join(CORPUS_DIR, service));
      const found = new Set(result.findings.map(keyOf));
      const expected = new Set(EXPECTED[service]!.map(keyOf));
      for (const key of found) {
        if (expected.has(key)) truePositives++;
        else {
          falsePositives++;
          report.push(`${service}: unexpected ${key}`);
        }
      }
      for (const key of expected) {
        if (!found.has(key)) {
          falseNegatives++;
          report.push(`${service}: missed ${key}`);
        }
      }
    }
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    const summary = `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${truePositives} found, ${falsePositives} false, ${falseNegatives} missed)\n${report.join('\n')}`;
    expect(truePositives + falseNegatives, 'the corpus holds expectations').toBeGreaterThan(30);
    expect(precision, summary).toBeGreaterThanOrEqual(FLOOR);
    expect(recall, summary).toBeGreaterThanOrEqual(FLOOR);
  });

  test('the service that reads everything from the environment has no finding', async () => {
    const result = await scanRepository(join(CORPUS_DIR, 'clean-env'));
    expect(result.files).toBeGreaterThan(3);
    expect(result.findings).toEqual([]);
  });

  test('comments, README, docs, test fixtures, vendored code and ignored files are never read', async () => {
    const result = await scanRepository(join(CORPUS_DIR, 'tricky'));
    const files = new Set(result.findings.map((f) => f.file));
    for (const skipped of [
      'README.md',
      'docs/integration.yaml',
      'tests/fixtures/fake-key.json',
      'src/chat.spec.ts',
      'vendor/llm-shim/index.js',
      'generated/client.gen.ts',
      '.env',
    ])
      expect(files.has(skipped), skipped).toBe(false);
    // The comment on line 10 names a full endpoint URL; the only chat path in chat.ts is the one built on 14-16.
    expect(result.findings.filter((f) => f.file === 'src/chat.ts').map((f) => f.line)).toEqual([15]);
  });

  test('the text prefilter changes nothing: every service gives the same findings with it off', async () => {
    for (const service of SERVICES) {
      const fast = await scanRepository(join(CORPUS_DIR, service));
      const full = await scanRepository(join(CORPUS_DIR, service), { prefilter: false });
      expect(fast.findings, service).toEqual(full.findings);
    }
  });
});
