import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { configEntries, scanConfig } from './config.js';
import type { ConfigFormat } from './files.js';
import { scanVocabulary } from './trace.js';

describe('configuration entries', () => {
  test('YAML keeps the key path and the position of each scalar; comments are not values', () => {
    const entries = configEntries(
      '# base_url: https://old\nllm:\n  base_url: https://api.example.test/v1\n  retries: [1, 2]\n',
      'yaml',
    );
    expect(entries).toEqual([
      { keyPath: 'llm.base_url', key: 'base_url', value: 'https://api.example.test/v1', line: 3, column: 13 },
      { keyPath: 'llm.retries.0', key: 'retries', value: 1, line: 4, column: 13 },
      { keyPath: 'llm.retries.1', key: 'retries', value: 2, line: 4, column: 16 },
    ]);
  });

  test('a price under a pricing section is a configuration value of billing.units; other numbers there are not', () => {
    const hits = scanConfig(
      'pricing:\n  gpt-4o:\n    input: 2.5\n    output: 10\nlimits:\n  input: 4000\n',
      'yaml',
      scanVocabulary(undefined),
    );
    expect(hits.map((hit) => `${hit.rule}:${hit.clause}:${hit.line}`)).toEqual([
      'config-value:billing.units:3',
      'config-value:billing.units:4',
    ]);
  });

  test('.env lines: export, quotes, trailing comments; comment lines are skipped', () => {
    expect(configEntries('# X=1\nexport A="b c"\nB=2 # two\n', 'env')).toEqual([
      { keyPath: 'A', key: 'A', value: 'b c', line: 2, column: 10 },
      { keyPath: 'B', key: 'B', value: '2', line: 3, column: 3 },
    ]);
  });

  test('.properties: = or : separators, continuation lines, ! and # comments', () => {
    expect(configEntries('! c\n# c\na.b.timeout-ms=30000\nc.url: http://x/\\\n  v1\n', 'properties')).toEqual(
      [
        { keyPath: 'a.b.timeout-ms', key: 'timeout-ms', value: '30000', line: 3, column: 16 },
        { keyPath: 'c.url', key: 'url', value: 'http://x/v1', line: 4, column: 8 },
      ],
    );
  });

  test('malformed YAML gives no entries instead of an error', () => {
    expect(configEntries('a: [1, 2\n  b: {', 'yaml')).toEqual([]);
  });

  test('any text parses in every format, and every entry sits on a line of the text', () => {
    const formats: ConfigFormat[] = ['yaml', 'json', 'env', 'properties'];
    fc.assert(
      fc.property(fc.constantFrom(...formats), fc.string({ maxLength: 300 }), (format, text) => {
        const lines = text.split(/\r?\n/).length;
        for (const entry of configEntries(text, format)) {
          expect(entry.line).toBeGreaterThanOrEqual(1);
          expect(entry.line).toBeLessThanOrEqual(lines);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
