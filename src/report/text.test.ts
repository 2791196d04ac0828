import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { evidenceLines, plainQuote, valueText } from './text.js';

describe('valueText', () => {
  test('an error clause reads as words, not JSON', () => {
    expect(valueText({ status: 401, retryable: false, type: 'comet_api_error', body: 'json' })).toBe(
      'status 401 · not retryable · type comet_api_error · body json',
    );
    expect(valueText({ status: 429, retryable: true })).toBe('status 429 · retryable');
  });

  test('lists and nested values stay on one readable line', () => {
    expect(valueText(['model', 'messages'])).toBe('model, messages');
    expect(valueText({ wrapper: 'error', keys: ['message', 'type'] })).toBe(
      'wrapper error · keys message, type',
    );
    expect(valueText({ range: { min: 0, max: 2 } })).toBe('range (min 0 · max 2)');
    expect(valueText(600000)).toBe('600000');
    expect(valueText('/chat/completions')).toBe('/chat/completions');
  });

  test('never throws and always gives a string, whatever JSON it is given', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => typeof valueText(value) === 'string'));
  });
});

describe('evidenceLines', () => {
  test('a list of strings is a list; anything else is one line', () => {
    expect(evidenceLines(['ok a', 'FAIL b'])).toEqual(['ok a', 'FAIL b']);
    expect(evidenceLines({ status: 403 })).toEqual(['status 403']);
  });
});

describe('plainQuote', () => {
  test('drops Markdown emphasis and code marks, keeps the words', () => {
    expect(plainQuote('`model` string **required**; `messages` array **required**')).toBe(
      'model string required; messages array required',
    );
    expect(plainQuote('auth `Authorization: Bearer $COMETAPI_KEY`')).toBe(
      'auth Authorization: Bearer $COMETAPI_KEY',
    );
    expect(plainQuote('an *emphasised* word and _another_ one')).toBe('an emphasised word and another one');
  });

  test('keeps underscores and asterisks that are part of a token', () => {
    expect(plainQuote('tool messages must carry `tool_call_id`')).toBe(
      'tool messages must carry tool_call_id',
    );
    expect(plainQuote('COMETAPI_BASE_URL and 2 * 3 * 4')).toBe('COMETAPI_BASE_URL and 2 * 3 * 4');
  });

  test('only ever removes characters, never adds any', () => {
    fc.assert(
      fc.property(fc.string(), (quote) => {
        const out = plainQuote(quote);
        return out.length <= quote.length && [...out].every((c) => quote.includes(c));
      }),
    );
  });
});
