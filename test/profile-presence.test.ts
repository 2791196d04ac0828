/**
 * Both profiles' ledgers state the presence of every response field their sources list: each field of
 * `response.fields`, and each object on its path, is required or optional in `response.field-presence`. The
 * OpenAI profile's fields, presence, nullability and maps are the vendored document's own (its JSON Schema read
 * by the importer's walk, the same one `init --from-openapi` uses).
 */
import { describe, expect, test } from 'vitest';
import { CLAUSE, type Clause, type ClauseId } from '../src/contract/index.js';
import { fieldPaths } from '../src/contract/openapi/index.js';
import { PROFILE_NAMES, PROFILES, profileLedger } from '../src/simulator/index.js';
import { openaiDocument } from './helpers/openai-schema.js';

const clause = (ledger: { clauses: unknown[] }, id: ClauseId) =>
  (ledger.clauses as Clause[]).find((c) => c.id === id);

/** Every object on the way to `path`: `choices[].message.content` → `choices`, `choices[].message`. */
const ancestors = (path: string) => {
  const parts = path.split('.');
  return parts.slice(1).map((_, index) =>
    parts
      .slice(0, index + 1)
      .join('.')
      .replace(/\[\]$/, ''),
  );
};

describe.each(PROFILE_NAMES)('the %s profile ledger', (name) => {
  const ledger = profileLedger(name, { baseUrl: 'http://127.0.0.1:9/v1', keyRef: 'env:X' });
  const fields = clause(ledger, CLAUSE.responseFields)?.value as string[];
  const presence = clause(ledger, CLAUSE.fieldPresence)?.value as { required: string[]; optional: string[] };

  test('states required or optional for every response field and every object on its path', () => {
    const stated = new Set([...presence.required, ...presence.optional]);
    const unstated = [...new Set(fields.flatMap((path) => [path, ...ancestors(path)]))].filter(
      (path) => !stated.has(path),
    );
    expect(unstated).toEqual([]);
    expect(presence.required.filter((path) => presence.optional.includes(path))).toEqual([]);
    expect(clause(ledger, CLAUSE.fieldPresence)?.source?.quote?.length).toBeGreaterThan(20);
  });
});

test('the OpenAI profile’s fields and presence are CreateChatCompletionResponse’s, as the document states them', () => {
  const pointer = '#/components/schemas/CreateChatCompletionResponse';
  const doc = fieldPaths(openaiDocument, { $ref: pointer }, '#/');
  const profile = PROFILES.openai;
  expect(doc.length).toBeGreaterThan(90);
  expect([...profile.responseFields.value].sort()).toEqual(doc.map((f) => f.path).sort());
  const presence = profile.meaning.fieldPresence.value;
  expect([...presence.required].sort()).toEqual(
    doc
      .filter((f) => f.required)
      .map((f) => f.path)
      .sort(),
  );
  expect([...presence.optional].sort()).toEqual(
    doc
      .filter((f) => !f.required)
      .map((f) => f.path)
      .sort(),
  );
  expect([...profile.nullableFields.value].sort()).toEqual(
    doc
      .filter((f) => f.nullable)
      .map((f) => f.path)
      .sort(),
  );
  // Maps: fields whose schema has free keys (`additionalProperties`), e.g. `metadata`.
  expect(presence.maps).toContain('metadata');
  // The spot checks the issue names: optional in the document, optional here.
  for (const path of ['service_tier', 'system_fingerprint', 'choices[].message.annotations', 'usage']) {
    expect(presence.optional).toContain(path);
  }
  for (const path of ['choices[].logprobs', 'choices[].message.refusal', 'id', 'choices']) {
    expect(presence.required).toContain(path);
  }
});
