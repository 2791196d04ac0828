/**
 * @module report/text
 * Values and quotes as a reader wants them: `status 401 · not retryable · type comet_api_error` rather than a
 * JSON object, and a quoted passage without the Markdown markup it was copied with. Display only: packet.json
 * keeps every value as it was.
 */

/** A clause value or a piece of evidence as one line of text. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return 'none';
  if (Array.isArray(value)) return value.map(inner).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, v]) => (typeof v === 'boolean' ? (v ? key : `not ${key}`) : `${key} ${inner(v)}`))
      .join(' · ');
  }
  return String(value);
}

/** Nested objects and lists stay readable inside a line: parenthesised. */
function inner(value: unknown): string {
  if (value !== null && typeof value === 'object') {
    const text = valueText(value);
    return Array.isArray(value) && value.every((v) => typeof v !== 'object') ? text : `(${text})`;
  }
  return valueText(value);
}

/** Evidence as lines: a list of strings is a list, anything else one line. */
export function evidenceLines(value: unknown): string[] {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return [valueText(value)];
}

/**
 * A quote without Markdown emphasis or code marks. Underscores inside words (`tool_call_id`) are kept;
 * only `_x_` / `__x__` that open and close at word edges are emphasis.
 */
export function plainQuote(quote: string): string {
  return quote
    .replace(/`+/g, '')
    .replace(/\*\*(\S(?:.*?\S)?)\*\*/g, '$1')
    .replace(/(^|[^\w*])\*(\S(?:.*?\S)?)\*(?![\w*])/g, '$1$2')
    .replace(/(^|\W)__(\S(?:.*?\S)?)__(?!\w)/g, '$1$2')
    .replace(/(^|\W)_(\S(?:.*?\S)?)_(?!\w)/g, '$1$2');
}
