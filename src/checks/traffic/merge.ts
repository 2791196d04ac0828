/**
 * @module checks/traffic/merge
 * `audit-traffic --merge`: adds up results of disjoint shards of the same captures exactly: record counts
 * and finding counts add, each finding keeps the earliest example, model validation is recomputed over all.
 */
import { ChatproofError } from '../../errors.js';
import { createRedactor } from '../../redact/index.js';
import { emptyTally, fromResult, mergeTally, toResult } from './tally.js';
import type { TrafficResult } from './types.js';

/** Checks a parsed `traffic.json` enough to merge it; names the file when it is not one. */
export function asTrafficResult(value: unknown, file: string): TrafficResult {
  const v = value as Partial<TrafficResult> | null;
  if (
    v === null ||
    typeof v !== 'object' ||
    v.command !== 'audit-traffic' ||
    v.schemaVersion !== 1 ||
    !Array.isArray(v.files) ||
    !Array.isArray(v.findings) ||
    !Array.isArray(v.models) ||
    typeof v.records?.total !== 'number'
  ) {
    throw new ChatproofError(
      'E_CAPTURE_INVALID',
      `${file}: not an audit-traffic result (traffic.json, schemaVersion 1)`,
    );
  }
  return { ...v, listedModels: Array.isArray(v.listedModels) ? v.listedModels : [] } as TrafficResult;
}

/** Merges results of shards of the same files. Results of different files are merged in the order given. */
export function mergeResults(results: readonly TrafficResult[]): TrafficResult {
  const files: string[] = [];
  for (const result of results) for (const file of result.files) if (!files.includes(file)) files.push(file);
  const tally = emptyTally();
  for (const result of results) mergeTally(tally, fromResult(result, files));
  return toResult(tally, files, null, createRedactor());
}

/** Shards missing from a set of results (`3/4`), so a merge of part of a capture says so. */
export function missingShards(results: readonly TrafficResult[]): string[] {
  const byN = new Map<number, Set<number>>();
  for (const { shard } of results) {
    if (!shard) continue;
    const ks = byN.get(shard.n) ?? new Set<number>();
    ks.add(shard.k);
    byN.set(shard.n, ks);
  }
  const missing: string[] = [];
  for (const [n, ks] of byN) for (let k = 1; k <= n; k++) if (!ks.has(k)) missing.push(`${k}/${n}`);
  return missing;
}
