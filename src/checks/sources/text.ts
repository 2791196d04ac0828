/**
 * @module checks/sources/text
 * Pure: turns a fetched document (HTML, Markdown, YAML, plain text) into comparable text, so a quoted
 * passage is found whatever the markup around it.
 */

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ldquo: '\u201C',
  rdquo: '\u201D',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '\u2026',
};

/** Visible text of an HTML page: scripts, styles and tags dropped, entities decoded. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<[^>]+>/g, ' '),
  );
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : match;
    }
    return ENTITIES[name.toLowerCase()] ?? match;
  });
}

/**
 * Normal form for comparison: Markdown emphasis and code marks removed, typographic quotes and dashes made
 * plain, whitespace collapsed, case folded. A quote copied from a rendered page matches its Markdown source.
 */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201B]/g, "'")
    .replace(/[\u201C\u201D\u201F]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, '-')
    .replace(/[`*_]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** True when `quote` appears in `document` once both are normalized. */
export function containsQuote(document: string, quote: string, contentType = ''): boolean {
  const body =
    /html/i.test(contentType) || /^\s*<(!doctype|html)/i.test(document) ? htmlToText(document) : document;
  const needle = normalize(quote);
  return needle.length > 0 && normalize(body).includes(needle);
}
