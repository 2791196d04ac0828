/**
 * @module contract/located
 * A parsed YAML document that can point at any of its fields, and the printed form of a field path. Shared by
 * the loader and the semantic checks.
 */
import type { SourceLocation } from '../errors.js';

/** A YAML document with a way to point at any field. */
export interface LocatedDocument {
  file: string;
  data: unknown;
  locate(path: readonly PropertyKey[], key?: boolean): SourceLocation;
}

/** `['clauses', 3, 'source', 'url']` → `clauses[3].source.url`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}
