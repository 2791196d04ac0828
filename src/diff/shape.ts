/**
 * @module diff/shape
 * The shape of JSON samples: every path (`choices[].message.content`, the notation `response.fields` uses)
 * with the JSON types seen there, whether null was seen, and in how many samples it appeared.
 */

export type JsonType = 'string' | 'number' | 'boolean' | 'object' | 'array';

export interface PathShape {
  /** Non-null JSON types seen at this path. */
  types: JsonType[];
  nullSeen: boolean;
  /** Samples in which the path appears at least once. */
  present: number;
}

export interface Shape {
  samples: number;
  paths: Map<string, PathShape>;
}

function typeOf(value: unknown): JsonType | null {
  if (value === null) return null;
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? type : 'object';
}

function walk(value: unknown, path: string, seen: Map<string, { types: Set<JsonType>; nullSeen: boolean }>) {
  if (path !== '') {
    let entry = seen.get(path);
    if (!entry) {
      entry = { types: new Set(), nullSeen: false };
      seen.set(path, entry);
    }
    const type = typeOf(value);
    if (type === null) entry.nullSeen = true;
    else entry.types.add(type);
  }
  if (Array.isArray(value)) {
    for (const item of value) walk(item, `${path}[]`, seen);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) walk(child, path === '' ? key : `${path}.${key}`, seen);
  }
}

/** The shape of one or more samples (a JSON body, or every chunk of a stream). */
export function shapeOf(samples: readonly unknown[]): Shape {
  const paths = new Map<string, PathShape>();
  for (const sample of samples) {
    const seen = new Map<string, { types: Set<JsonType>; nullSeen: boolean }>();
    walk(sample, '', seen);
    for (const [path, entry] of seen) {
      const shape = paths.get(path) ?? { types: [], nullSeen: false, present: 0 };
      shape.types = [...new Set([...shape.types, ...entry.types])].sort();
      shape.nullSeen ||= entry.nullSeen;
      shape.present += 1;
      paths.set(path, shape);
    }
  }
  return { samples: samples.length, paths };
}

/** The parent of `a.b[].c` is `a.b[]`, whose parent is `a.b`; the root's children have no parent. */
export function parentPath(path: string): string | undefined {
  if (path.endsWith('[]')) return path.slice(0, -2);
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : path.slice(0, dot);
}

/** `choices[0].message.content` → `choices[].message.content`. */
export function normalizePath(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}
