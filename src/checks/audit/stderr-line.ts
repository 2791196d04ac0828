/** @module checks/audit/stderr-line The one line of a client's stderr worth showing. Pure. */

/**
 * The last non-empty line of a (redacted) output tail, with control characters removed so it cannot move the
 * cursor or recolour a terminal, cut to `max` characters; undefined when there is none.
 */
export function lastLine(text: string, max = 200): string | undefined {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.replace(/\u001b\[[0-9;?]*[A-Za-z]|[\u0000-\u001f\u007f-\u009f]/g, '').trim())
    .filter((line) => line.length > 0);
  const last = lines.at(-1);
  if (last === undefined) return undefined;
  return last.length > max ? `${last.slice(0, max - 1)}…` : last;
}
