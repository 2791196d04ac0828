/**
 * @module checks/probe/paths
 * Response paths as the ledger writes them (`choices[].message.content`, `choices[0].finish_reason`):
 * resolving them in a body, and listing the paths a body actually has. Pure.
 */

/**
 * One step of a path: a key, optionally followed by "every item" (`[]`) or one item (`[0]`), with the
 * normalized paths a stop at this step reports (`at` for the key, `items` for its array), worked out once.
 */
interface Step {
  key: string;
  index?: number | 'all';
  /** The path up to and including this key. */
  at: string;
  /** The path of this key's items (`at[]`). */
  items: string;
  /** The path before this step (where a null or non-container stops). */
  before: string;
  /** The stops this step can report, built once and frozen: resolving allocates none. */
  stop: Readonly<
    Record<'nullBefore' | 'notContainerBefore' | 'missing' | 'null' | 'notContainer' | 'empty', Stop>
  >;
}

const stopAt = (at: string, kind: Stop['kind']): Stop => Object.freeze({ at, kind });

const normalized = new Map<string, string>();

/** `choices[0].message.content` and `choices[].message.content` name the same field. */
export function normalizePath(path: string): string {
  // Already normal when every `[` opens a `[]` (the paths a body walk makes): no lookup, no copy.
  let open = path.indexOf('[');
  while (open !== -1 && path.charCodeAt(open + 1) === 93) open = path.indexOf('[', open + 2);
  if (open === -1) return path;
  const known = normalized.get(path);
  if (known !== undefined) return known;
  const result = path.replace(/\[\d*\]/g, '[]');
  // Bounded: paths come from the ledger and from the shapes bodies have, a few hundred in practice.
  if (normalized.size < 4096) normalized.set(path, result);
  return result;
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
  let before = '';
  return path.split('.').map((part) => {
    const match = /^([^[]+)(?:\[(\d*)\])?$/.exec(part);
    const key = match?.[1] ?? part;
    const at = before === '' ? key : `${before}.${key}`;
    const items = `${at}[]`;
    const stop = Object.freeze({
      nullBefore: stopAt(before, 'null'),
      notContainerBefore: stopAt(before, 'not-container'),
      missing: stopAt(at, 'missing'),
      null: stopAt(at, 'null'),
      notContainer: stopAt(at, 'not-container'),
      empty: stopAt(items, 'empty'),
    });
    const step: Step = { key, at, items, before, stop };
    if (match?.[2] !== undefined) step.index = match[2] === '' ? 'all' : Number(match[2]);
    before = step.index === undefined ? at : step.items;
    return step;
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
  const steps = parse(path);
  // A path without `[]` has one branch: its one value or its one stop, in arrays of their exact size (a
  // traffic audit resolves paths millions of times; a growing array would reserve room for 17).
  if (!steps.some((step) => step.index === 'all')) {
    const found = followOne(steps, body);
    return found === STOPPED ? { values: [], stops: [stopped as Stop] } : { values: [found], stops: [] };
  }
  const out: Resolved = { values: [], stops: [] };
  follow(steps, body, 0, out);
  return out;
}

const STOPPED = Symbol('stopped');
let stopped: Stop | undefined;

/** The value at a one-branch path, or STOPPED with `stopped` set to where it stopped. */
function followOne(steps: readonly Step[], body: unknown): unknown {
  let value = body;
  for (const step of steps) {
    let stop: Stop | undefined;
    if (value === null) stop = step.stop.nullBefore;
    else if (!isObject(value)) stop = step.stop.notContainerBefore;
    else if (!(step.key in value)) stop = step.stop.missing;
    else {
      const inner = value[step.key];
      if (step.index === undefined) {
        value = inner;
        continue;
      }
      if (inner === null) stop = step.stop.null;
      else if (!Array.isArray(inner)) stop = step.stop.notContainer;
      else if ((step.index as number) >= inner.length) stop = step.stop.empty;
      else {
        value = inner[step.index as number];
        continue;
      }
    }
    stopped = stop;
    return STOPPED;
  }
  return value;
}

function follow(steps: readonly Step[], value: unknown, index: number, out: Resolved): void {
  const step = steps[index];
  if (!step) {
    out.values.push(value);
    return;
  }
  if (value === null) return void out.stops.push(step.stop.nullBefore);
  if (!isObject(value)) return void out.stops.push(step.stop.notContainerBefore);
  if (!(step.key in value)) return void out.stops.push(step.stop.missing);
  const inner = value[step.key];
  if (step.index === undefined) return void follow(steps, inner, index + 1, out);
  if (inner === null) return void out.stops.push(step.stop.null);
  if (!Array.isArray(inner)) return void out.stops.push(step.stop.notContainer);
  if (step.index === 'all') {
    if (inner.length === 0) return void out.stops.push(step.stop.empty);
    for (const item of inner) follow(steps, item, index + 1, out);
    return;
  }
  if (step.index >= inner.length) return void out.stops.push(step.stop.empty);
  follow(steps, inner[step.index], index + 1, out);
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
