/**
 * @module report/escape
 * Escaping for every output format. Every string that came from the target or the ledger passes through one
 * of these; the HTML template escapes interpolations unless they are already-built `SafeHtml`.
 */

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe in HTML element content and in double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char] ?? char);
}

/** HTML built by `html` or `raw`; only these are inserted without escaping. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type HtmlPart = SafeHtml | string | number | null | undefined | readonly HtmlPart[];

function part(value: HtmlPart): string {
  if (value === null || value === undefined) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(part).join('');
  return escapeHtml(String(value));
}

/** Tagged template: the literal parts are trusted markup, every interpolation is escaped. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlPart[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += part(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/**
 * Escaped text with line-break opportunities after `/ ? = _ ,` and before a `.` that follows a non-digit, so a path or URL wraps between its
 * parts in a narrow column instead of mid-word.
 */
export function breakable(text: string): SafeHtml {
  return new SafeHtml(
    text
      .split(/(?<=[/?=_,])|(?<=\D)(?=\.)/)
      .map(escapeHtml)
      .join('<wbr>'),
  );
}

/**
 * Prose with `code` spans, as chatproof's own texts write them (hints, reasons, messages): each backtick pair
 * becomes an escaped `<code>` element (with `breakable`'s joints), everything else is escaped text. An unpaired backtick stays as written.
 */
export function prose(text: string): SafeHtml {
  const parts = text.split('`');
  // An odd count of parts means every backtick has its pair; otherwise the last one is left as text.
  const paired = parts.length % 2 === 1 ? parts : [...parts.slice(0, -2), `${parts.at(-2)}\`${parts.at(-1)}`];
  return new SafeHtml(
    paired
      .map((piece, index) => (index % 2 === 1 ? `<code>${breakable(piece).value}</code>` : escapeHtml(piece)))
      .join(''),
  );
}

/** Markup chatproof wrote itself (CSS, fixed SVG); never pass target or ledger text here. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

// XML 1.0 forbids most control characters and lone surrogates even when escaped.
const XML_INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe in XML content and attributes: escaped, with characters XML cannot carry replaced by U+FFFD. */
export function escapeXml(text: string): string {
  return escapeHtml(text.replace(XML_INVALID, '\uFFFD'));
}

/** Markdown inline text: punctuation that could start formatting, links or HTML is neutralised. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*_{}[\]#|~]/g, (char) => `\\${char}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * Markdown inline text in which `code spans` stay code: the text between each pair of backticks is shown as
 * written (a code span renders its content as text), everything else is escaped as {@link escapeMarkdown}.
 */
export function escapeMarkdownKeepingCode(text: string): string {
  const parts = text.replace(/\r\n?|\n/g, ' ').split(/(`[^`]+`)/);
  return parts.map((part, index) => (index % 2 === 1 ? part : escapeMarkdown(part))).join('');
}

/** A fenced code block whose fence is longer than any backtick run inside, so content cannot close it. */
export function fence(content: string, lang = ''): string {
  const longest = Math.max(2, ...[...content.matchAll(/`+/g)].map((match) => match[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${lang}\n${content}\n${ticks}`;
}
