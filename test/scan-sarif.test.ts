import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import { renderSarif, SCAN_RULE_IDS, scanRepository } from '../src/checks/scan/index.js';
import { CORPUS_DIR, SERVICES } from './scan-support.js';

/**
 * The OASIS schema is written for JSON Schema draft 04. It uses no keyword whose meaning changed since
 * (no boolean exclusiveMinimum/Maximum), so Ajv's draft-07 validator reads it as written once the draft-04
 * `$schema` and `id` markers are set aside.
 */
function sarifValidator() {
  const {
    $schema: _draft,
    id: _id,
    ...schema
  } = JSON.parse(readFileSync(new URL('./fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

describe('scan SARIF', () => {
  const validate = sarifValidator();

  test('the official schema rejects what is not SARIF (the validator is live)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: {} }] })).toBe(false);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
  });

  for (const service of SERVICES) {
    test(`the SARIF of ${service} is valid SARIF 2.1.0`, async () => {
      const sarif = renderSarif(await scanRepository(join(CORPUS_DIR, service)), '0.1.0');
      const ok = validate(sarif);
      expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
      expect(ok).toBe(true);
    });
  }

  test('one run lists every rule with help text; results carry location, traceable and clause', async () => {
    const result = await scanRepository(join(CORPUS_DIR, 'js-fetch'));
    const sarif = renderSarif(result, '0.1.0') as {
      runs: {
        tool: { driver: { rules: { id: string; help: { text: string } }[] } };
        results: {
          ruleId: string;
          locations: {
            physicalLocation: {
              artifactLocation: { uri: string };
              region: { startLine: number; startColumn: number };
            };
          }[];
          properties: { traceable: boolean; clause: string | null };
        }[];
      }[];
    };
    expect(sarif.runs).toHaveLength(1);
    const run = sarif.runs[0]!;
    expect(run.tool.driver.rules.map((rule) => rule.id)).toEqual([...SCAN_RULE_IDS]);
    for (const rule of run.tool.driver.rules) expect(rule.help.text.length).toBeGreaterThan(20);
    expect(run.results).toHaveLength(result.findings.length);
    const chatPath = run.results.find((r) => r.ruleId === 'hardcoded-chat-path')!;
    expect(chatPath.locations[0]!.physicalLocation.artifactLocation.uri).toBe('lib/chat.js');
    expect(chatPath.locations[0]!.physicalLocation.region).toEqual({ startLine: 3, startColumn: 18 });
    expect(chatPath.properties).toEqual({ traceable: false, clause: 'endpoint.chat-path' });
  });
});
