/**
 * @module checks/probe/paths
 * Response paths as the ledger writes them (`choices[].message.content`, `choices[0].finish_reason`):
 * resolving them in a body, and listing the paths a body actually has. Pure.
 */

/** One step of a path: a key, optionally followed by "every item" (`[]`) or one item (`[0]`). */
interface Step {
  key: string;
  index?: number | 'all';
}

/** `choices[0].message.content` and `choices[].message.content` name the same field. */
export function normalizePath(path: string): string {
  return path.replace(/\[\d*\]/g, '[]');
}

// Paths come from the ledger, so there are few of them; each is parsed once (a traffic audit resolves them
// for every exchange).
const parsedPaths = new Map<string, Step[]>();

function parse(path: string): Step[] {
  const known = parsedPaths.get(path);
  if (known) return known;
  const steps = parseSteps(path);
  if (parsedPaths.size < 1024) parsedPaths.set(path, steps);
  return steps;
}

function parseSteps(path: string): Step[] {
  return path.split('.').map((part) => {
    const match = /^([^[]+)(?:\[(\d*)\])?$/.exec(part);
    const key = match?.[1] ?? part;
    if (match?.[2] === undefined) return { key };
    return { key, index: match[2] === '' ? 'all' : Number(match[2]) };
  });
}

/** Where a path stops resolving in one branch: absent key, null container, empty array, or wrong container. */
export interface Stop {
  /** The path (normalized) of the first piece that is not there. */
  at: string;
  kind: 'missing' | 'null' | 'empty' | 'not-container';
}

export interface Resolved {
  /** Values found at the full path (null included), one per branch. */
  values: unknown[];
  /** Branches that stopped before the end. */
  stops: Stop[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Resolves `path` in `body`, following every item for `[]`. */
export function resolvePath(body: unknown, path: string): Resolved {
  const out: Resolved = { values: [], stops: [] };
  const steps = parse(path);
  const walk = (value: unknown, index: number, prefix: string) => {
    const step = steps[index];
    if (!step) {
      out.values.push(value);
      return;
    }
    const here = prefix === '' ? step.key : `${prefix}.${step.key}`;
    if (value === null) return void out.stops.push({ at: prefix, kind: 'null' });
    if (!isObject(value)) return void out.stops.push({ at: prefix, kind: 'not-container' });
    if (!(step.key in value)) return void out.stops.push({ at: here, kind: 'missing' });
    const inner = value[step.key];
    if (step.index === undefined) return walk(inner, index + 1, here);
    const itemPath = `${here}[]`;
    if (inner === null) return void out.stops.push({ at: here, kind: 'null' });
    if (!Array.isArray(inner)) return void out.stops.push({ at: here, kind: 'not-container' });
    if (step.index === 'all') {
      if (inner.length === 0) return void out.stops.push({ at: itemPath, kind: 'empty' });
      for (const item of inner) walk(item, index + 1, itemPath);
      return;
    }
    if (step.index >= inner.length) return void out.stops.push({ at: itemPath, kind: 'empty' });
    walk(inner[step.index], index + 1, itemPath);
  };
  walk(body, 0, '');
  return out;
}

/** The first value at `path`, or undefined when the path does not resolve. */
export function valueAt(body: unknown, path: string): unknown {
  return resolvePath(body, path).values[0];
}

/** Every path present in `body` (normalized, arrays as `[]`), parents before children. Depth-bounded. */
export function observedPaths(body: unknown, maxDepth = 12): string[] {
  const seen = new Set<string>();
  const walk = (value: unknown, prefix: string, depth: number) => {
    if (depth > maxDepth) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, `${prefix}[]`, depth + 1);
      return;
    }
    if (!isObject(value)) return;
    for (const [key, inner] of Object.entries(value)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      seen.add(path);
      walk(inner, path, depth + 1);
    }
  };
  walk(body, '', 0);
  return [...seen];
}

/** Every ancestor of a normalized path: `a[].b.c` → `a`, `a[].b` (array steps collapse into their key). */
export function ancestors(path: string): string[] {
  const parts = path.split('.');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('.').replace(/\[\]$/, ''));
  return out;
}

/** JSON type name as findings report it. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value;
}

/** A compact, redacted-safe shape of a body: path → type, for the evidence record. */
export function shapeOf(body: unknown): Record<string, string> {
  const shape: Record<string, string> = {};
  for (const path of observedPaths(body)) {
    const { values } = resolvePath(body, path.replace(/\[\]/g, '[]'));
    const types = [...new Set(values.map(typeName))];
    shape[path] = types.join('|') || 'absent';
  }
  return shape;
}
