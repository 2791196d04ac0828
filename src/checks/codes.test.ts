// Each check's finding-code table lists every code once, and the audit's rule ids are exactly its rules.
import { expect, test } from 'vitest';
import { AUDIT_CODES, AUDIT_RULE_IDS } from './audit/codes.js';
import { AUDIT_RULES } from './audit/rules.js';
import { LEDGER_CODES } from './ledger/codes.js';
import { NEGATIVE_CODES } from './negative/codes.js';
import { PROBE_CODES } from './probe/codes.js';
import { SCAN_CODES } from './scan/codes.js';
import { SCAN_RULE_IDS } from './scan/rules.js';
import { SOURCE_CODES } from './sources/codes.js';
import { TRAFFIC_CODES } from './traffic/codes.js';

const TABLES = {
  probe: PROBE_CODES,
  negative: NEGATIVE_CODES,
  audit: AUDIT_CODES,
  sources: SOURCE_CODES,
  scan: [...SCAN_RULE_IDS, ...SCAN_CODES],
  traffic: TRAFFIC_CODES,
  ledger: LEDGER_CODES,
};

test.each(Object.entries(TABLES))('the %s table lists each code once, in kebab case', (_, codes) => {
  expect(new Set(codes).size).toBe(codes.length);
  for (const code of codes) expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
});

test('the audit rule ids are exactly the rules the audit judges', () => {
  expect([...AUDIT_RULE_IDS].sort()).toEqual(AUDIT_RULES.map((rule) => rule.id).sort());
});
