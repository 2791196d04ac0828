/**
 * @module proxy/json-path
 * Paths into JSON the way the ledger writes them: `choices[0].message.content`, `choices[].delta.content`
 * (`[]` is every item). Used by the rewrite fault to drop, rename, null or add a field.
 */
import type { JsonValue } from '../contract/index.js';

/** One step: an object key, an array index, or every array item. */
export type PathStep = { key: string } | { index: number } | { every: true };

const STEP = /^([A-Za-z_][\w-]*)((?:\[\d*\])*)$/;

/** Parses `a.b[0].c[]`; returns undefined for anything else. */
export function parsePath(path: string): PathStep[] | undefined {
  if (path.length === 0) return undefined;
  const steps: PathStep[] = [];
  for (const part of path.split('.')) {
    const match = STEP.exec(part);
    if (!match) return undefined;
    steps.push({ key: match[1]! });
    for (const bracket of match[2]!.match(/\[\d*\]/g) ?? []) {
      const inner = bracket.slice(1, -1);
      steps.push(inner === '' ? { every: true } : { index: Number(inner) });
    }
  }
  return steps;
}

type Container = Record<string, JsonValue> | JsonValue[];

function isObject(value: JsonValue | undefined): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every container that holds the path's last step, with that step. */
function parents(root: JsonValue, steps: readonly PathStep[]): { parent: Container; last: PathStep }[] {
  let current: JsonValue[] = [root];
  for (const step of steps.slice(0, -1)) {
    const next: JsonValue[] = [];
    for (const value of current) {
      if ('key' in step) {
        if (isObject(value) && value[step.key] !== undefined) next.push(value[step.key]!);
      } else if (Array.isArray(value)) {
        if ('every' in step) next.push(...value);
        else if (value[step.index] !== undefined) next.push(value[step.index]!);
      }
    }
    current = next;
  }
  const last = steps.at(-1)!;
  return current
    .filter((value): value is Container => Array.isArray(value) || isObject(value))
    .map((parent) => ({ parent, last }));
}

/** What a rewrite does at a path. */
export type RewriteOp =
  | { op: 'drop'; path: string }
  | { op: 'null'; path: string }
  | { op: 'rename'; path: string; to: string }
  | { op: 'add'; path: string; value: JsonValue };

/** Applies one rewrite in place; returns how many places it changed. */
export function applyRewrite(root: JsonValue, rewrite: RewriteOp): number {
  const steps = parsePath(rewrite.path);
  if (!steps) return 0;
  let changed = 0;
  for (const { parent, last } of parents(root, steps)) {
    if (!('key' in last) || Array.isArray(parent)) continue;
    const present = Object.hasOwn(parent, last.key);
    if (rewrite.op === 'add') {
      parent[last.key] = rewrite.value;
      changed += 1;
    } else if (present) {
      if (rewrite.op === 'rename') parent[rewrite.to] = parent[last.key]!;
      if (rewrite.op === 'null') parent[last.key] = null;
      else delete parent[last.key];
      changed += 1;
    }
  }
  return changed;
}
