/**
 * @module checks/scan/field-path
 * Pure: whether a line of code reads a response path the ledger writes in its own notation
 * (`choices[].message.content`, `choices[0].message.content`). Code spells the same read many ways:
 * `completion.choices?.[0]?.message?.content`, `data['choices'][0]["message"]`, `resp.Choices[0].Message.Content`,
 * `choices.at(0)!.message`. Both sides are brought to one spelling (dots between keys, `[]` for any index) and the
 * path's keys must follow each other as one property chain; a line that only mentions the last key does not match.
 */

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** The keys of a ledger path, `[]` standing for any index: `choices[0].message` → `choices`, `[]`, `message`. */
export function pathSegments(path: string): string[] | undefined {
  const segments: string[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]+)((?:\[\d*\])*)$/.exec(part);
    if (!match || !IDENTIFIER.test(match[1]!)) return undefined;
    segments.push(match[1]!);
    for (let n = (match[2] ?? '').split('[').length - 1; n > 0; n--) segments.push('[]');
  }
  return segments.length > 1 ? segments : undefined;
}

/** A key compared without case or `_`/`-`: `finish_reason` reads as Go's `FinishReason`. */
const fold = (key: string) => key.replace(/[_-]/g, '').toLowerCase();

/**
 * A line of code in the path spelling: optional chaining and non-null assertions dropped, quoted bracket keys as
 * dot keys, any index (a number, a name, `.at(n)`) as `[]`, keys folded.
 */
export function normaliseCode(line: string): string {
  return fold(
    line
      .replace(/\?\./g, '.')
      .replace(/!(?=[.[])/g, '')
      .replace(/\.\[/g, '[')
      .replace(/\[\s*(['"`])([A-Za-z_$][\w$-]*)\1\s*\]/g, '.$2')
      .replace(/\[\s*(?:-?\d+|[A-Za-z_$][\w$]*)\s*\]/g, '[]')
      .replace(/\.at\(\s*-?\d+\s*\)/g, '[]'),
  );
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A matcher for the path's keys as one property chain in normalised code, or undefined for a non-path. */
export function pathPattern(path: string): RegExp | undefined {
  const segments = pathSegments(path);
  if (!segments) return undefined;
  const chain = segments
    .map((segment, index) => {
      if (segment === '[]') return '\\[\\]';
      const key = escapeRegex(fold(segment));
      return index === 0 ? key : `\\.${key}`;
    })
    .join('');
  return new RegExp(`(?<![\\w$])${chain}(?![\\w$])`);
}

/** True when the line reads the ledger path (in any of the spellings above). */
export function readsPath(line: string, path: string): boolean {
  const pattern = pathPattern(path);
  return pattern?.test(normaliseCode(line)) === true;
}
