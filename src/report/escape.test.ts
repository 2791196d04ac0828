import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { escapeMarkdown, escapeMarkdownKeepingCode } from './escape.js';

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
