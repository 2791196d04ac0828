/**
 * @module contract/openapi/refs
 * Pure: the `$ref`s under the chat operation that the import cannot follow, each named with the pointer it sits
 * at, so `init --from-openapi` can say which reference left a clause pending instead of guessing silently.
 */
import { atPointer, escapeToken, type Schema } from './schema.js';

/** Why a `$ref` could not be followed. */
export type RefProblemKind = 'external' | 'missing' | 'circular';

export interface RefProblem {
  kind: RefProblemKind;
  /** The `$ref` value as written in the document. */
  ref: string;
  /** JSON pointer of the object that holds the `$ref`. */
  at: string;
}

/** Bounds the walk: a hostile document cannot make the check itself unbounded. */
const MAX_NODES = 200_000;

/** Every `$ref` reachable from `root` (at pointer `rootPointer`) that is external, missing or a pure cycle. */
export function unresolvedRefs(document: unknown, root: unknown, rootPointer: string): RefProblem[] {
  const problems = new Map<string, RefProblem>();
  const visitedRefs = new Set<string>();
  const stack: Array<{ node: unknown; at: string }> = [{ node: root, at: rootPointer }];
  let nodes = 0;
  while (stack.length > 0 && nodes++ < MAX_NODES) {
    const { node, at } = stack.pop() as { node: unknown; at: string };
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) stack.push({ node: item, at: `${at}/${index}` });
      continue;
    }
    const ref = (node as Schema).$ref;
    if (typeof ref === 'string') {
      const problem = refProblem(document, ref, at);
      if (problem) problems.set(`${problem.at}\0${problem.ref}`, problem);
      else if (!visitedRefs.has(ref)) {
        visitedRefs.add(ref);
        stack.push({ node: atPointer(document, ref), at: ref });
      }
    }
    for (const [key, value] of Object.entries(node as Schema)) {
      if (key !== '$ref') stack.push({ node: value, at: `${at}/${escapeToken(key)}` });
    }
  }
  return [...problems.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/**
 * What is wrong with one `$ref` (following its chain, and naming the link that fails and where that link is
 * written), or undefined when the chain ends at a schema inside the document.
 */
function refProblem(document: unknown, ref: string, at: string): RefProblem | undefined {
  const seen = new Set<string>();
  let current = ref;
  let holder = at;
  for (;;) {
    if (!current.startsWith('#')) return { kind: 'external', ref: current, at: holder };
    if (seen.has(current)) return { kind: 'circular', ref: current, at: holder };
    seen.add(current);
    const target = atPointer(document, current);
    if (target === undefined) return { kind: 'missing', ref: current, at: holder };
    const next = target !== null && typeof target === 'object' ? (target as Schema).$ref : undefined;
    if (typeof next !== 'string') return undefined;
    holder = current;
    current = next;
  }
}

/** One line a reader can act on: which `$ref`, where it sits, and why it was not followed. */
export function describeRefProblem(file: string, problem: RefProblem): string {
  const why = {
    external: 'points outside the document (external references are not fetched)',
    missing: 'points at nothing in the document',
    circular: 'is a cycle of references that never reaches a schema',
  }[problem.kind];
  return `${file}: $ref ${JSON.stringify(problem.ref)} at ${problem.at} ${why}; the clauses it would fill stay pending`;
}
