import { describe, expect, test } from 'vitest';
import { fuzzKeyRef, fuzzOpenApi, fuzzRedactor, fuzzSse, fuzzUrls } from './helpers/hostile-fuzz.js';

/** The fast tier: a few hundred hostile inputs per parser (the soak tier runs 100,000 each). */
describe('hostile inputs: no crash, no hang, every failure a ChatproofError', () => {
  test('key references', async () => expect((await fuzzKeyRef(300)).crashes).toBe(0));
  test('URL handling', () => expect(fuzzUrls(500).crashes).toBe(0));
  test('SSE reader', () => expect(fuzzSse(500).crashes).toBe(0));
  test('OpenAPI import', () => expect(fuzzOpenApi(300).crashes).toBe(0));
  test('redactor', () => expect(fuzzRedactor(300).crashes).toBe(0));
});
