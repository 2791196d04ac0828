import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { escapeHtml, escapeMarkdown, escapeMarkdownKeepingCode, prose } from './escape.js';

describe('escapeMarkdownKeepingCode', () => {
  test('code spans stay code; the text around them is escaped', () => {
    expect(escapeMarkdownKeepingCode('waive `audit:timeout:not-run` (ledger `waivers`) *now*')).toBe(
      'waive `audit:timeout:not-run` (ledger `waivers`) \\*now\\*',
    );
    expect(escapeMarkdownKeepingCode('record `validated: { on: <date> }` on x')).toBe(
      'record `validated: { on: <date> }` on x',
    );
  });

  test('an unpaired backtick or a line break cannot open a span or a block', () => {
    expect(escapeMarkdownKeepingCode('a `b')).toBe('a \\`b');
    expect(escapeMarkdownKeepingCode('a\n# b')).toBe('a \\# b');
  });

  test('outside code spans, no raw HTML or formatting character survives', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const out = escapeMarkdownKeepingCode(text);
        expect(out).not.toMatch(/[\r\n]/);
        const outside = out.split(/(?<!\\)`[^`]+(?<!\\)`/).join('');
        expect(outside).not.toMatch(/[<>]/);
        if (!text.includes('`')) expect(out).toBe(escapeMarkdown(text));
      }),
    );
  });
});

describe('prose (HTML)', () => {
  test('each backtick pair becomes a code element, escaped inside and out', () => {
    expect(prose('record `validated: { on: <date> }` on `a&b`').value).toBe(
      'record <code>validated: { on: &lt;date&gt; }</code> on <code>a&amp;b</code>',
    );
    expect(prose('a `b').value).toBe('a `b');
    expect(prose('`x` and `y').value).toBe('<code>x</code> and `y');
    // Inside a code span a long token breaks only at its joints, as every code cell of the page does.
    expect(prose('set `OPENAI_BASE_URL`').value).toBe('set <code>OPENAI_<wbr>BASE_<wbr>URL</code>');
  });

  test('no markup but its own code elements, and the text reads the same without them', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const out = prose(text).value;
        const bare = out.replaceAll('<code>', '').replaceAll('</code>', '').replaceAll('<wbr>', '');
        expect(bare).not.toMatch(/[<>"']/);
        // Dropping the code elements and the backticks gives the escaped text without its backticks.
        expect(bare.replaceAll('`', '')).toBe(escapeHtml(text.replaceAll('`', '')));
      }),
    );
  });
});
