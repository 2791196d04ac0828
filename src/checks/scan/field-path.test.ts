import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { pathSegments, readsPath } from './field-path.js';

describe('a line of code reading a ledger response path', () => {
  test('the ledger notations read as keys with `[]` for any index', () => {
    expect(pathSegments('choices[].message.content')).toEqual(['choices', '[]', 'message', 'content']);
    expect(pathSegments('choices[0].message.content')).toEqual(['choices', '[]', 'message', 'content']);
    expect(pathSegments('usage.total_tokens')).toEqual(['usage', 'total_tokens']);
    // One key is too little to tell a read from a mention; a non-path is not one.
    expect(pathSegments('id')).toBeUndefined();
    expect(pathSegments('https://api.example.test/v1')).toBeUndefined();
    expect(pathSegments('/chat/completions')).toBeUndefined();
  });

  test('optional chaining, indexes, bracket keys and other languages read the same path', () => {
    for (const path of ['choices[].message.content', 'choices[0].message.content']) {
      for (const line of [
        '  const content = completion.choices?.[0]?.message?.content;',
        'const text = completion.choices[0].message.content',
        "const text = data['choices'][0][\"message\"]['content'];",
        'const text = body.choices.at(0)!.message!.content;',
        'text = response["choices"][0]["message"]["content"]',
        'for i := range resp.Choices { out += resp.Choices[i].Message.Content }',
        'const { choices } = json; return choices[0]?.message?.content ?? "";',
      ]) {
        expect(readsPath(line, path), `${path} in ${line}`).toBe(true);
      }
    }
    expect(
      readsPath('finishReason = chunk.choices?.[0]?.finish_reason ?? null;', 'choices[].finish_reason'),
    ).toBe(true);
    expect(readsPath('tokens := resp.Usage.TotalTokens', 'usage.total_tokens')).toBe(true);
  });

  test('a line that mentions the keys without reading the path does not match', () => {
    for (const line of [
      "const messages = [{ role: 'user', content: 'hi' }];",
      'const content = message.content;',
      'const first = completion.choices[0];',
      'text += chunk.choices?.[0]?.delta?.content;',
      'log(choices, message, content)',
      'const c = completion.choices[0].message.contentType;',
      'const c = completion.mychoices[0].message.content;',
      'const c = completion.choices[0].messages.content;',
    ]) {
      expect(readsPath(line, 'choices[].message.content'), line).toBe(false);
    }
  });

  test('a chain of generated keys is read back from each spelling', () => {
    const key = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);
    const spelling = fc.constantFrom('.k', '?.k', "['k']", '?.["k"]');
    const index = fc.constantFrom('[0]', '?.[0]', '[i]', '.at(0)', '?.[12]');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, fc.boolean(), spelling, index), { minLength: 2, maxLength: 5 }),
        (parts) => {
          const ledger = parts.map(([k, indexed]) => `${k}${indexed ? '[]' : ''}`).join('.');
          const code = parts
            .map(
              ([k, indexed, spelled, idx], at) =>
                `${at === 0 ? k : spelled.replace('k', k)}${indexed ? idx : ''}`,
            )
            .join('');
          expect(readsPath(`const v = res.${code};`, ledger)).toBe(true);
          // The same chain with its last key changed is another path.
          expect(readsPath(`const v = res.${code}x;`, ledger)).toBe(false);
        },
      ),
    );
  });
});
