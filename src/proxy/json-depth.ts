/**
 * @module proxy/json-depth
 * A request body nested deeper than any real chat request is recorded as opaque bytes: parsing, hashing or
 * redacting it structurally would recurse once per level and overflow the stack (100,000 levels of `[`).
 */

/** Deepest nesting read structurally; chat requests nest a handful of levels (tools schemas a few dozen). */
export const MAX_JSON_DEPTH = 256;

/** True when the JSON text in `body` nests arrays or objects deeper than `max`; strings are skipped. */
export function nestsDeeperThan(body: Buffer, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === 0x5c) i++;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x5b || byte === 0x7b) {
      if (++depth > max) return true;
    } else if (byte === 0x5d || byte === 0x7d) depth--;
  }
  return false;
}
