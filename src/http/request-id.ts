/**
 * @module http/request-id
 * Finds the request id where the ledger's `errors.request-id` clause says it is: `header:<name>` or
 * `message:<regex>` (first capture group, else the whole match) applied to the response body. Pure.
 */

/** Extracts the request id, or undefined when the location is unknown or the id is absent. */
export function extractRequestId(
  location: string | undefined,
  headers: Record<string, string>,
  body: string,
): string | undefined {
  if (!location) return undefined;
  if (location.startsWith('header:')) {
    const value = headers[location.slice('header:'.length).toLowerCase()];
    return value === undefined || value === '' ? undefined : value;
  }
  if (location.startsWith('message:')) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(location.slice('message:'.length));
    } catch {
      return undefined;
    }
    // Bound the haystack: ids sit in short error messages, and a huge body must not cost a slow regex.
    const match = pattern.exec(body.slice(0, 64 * 1024));
    const id = match?.[1] ?? match?.[0];
    return id === undefined || id === '' ? undefined : id;
  }
  return undefined;
}
