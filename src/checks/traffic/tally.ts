/**
 * @module checks/traffic/tally
 * Adds judged exchanges up: per (class, clause, code) the number of exchanges that showed it and the first
 * one, redacted; records per skip reason; model ids per request. Tallies of disjoint parts of a capture (worker
 * threads, `--shard`) merge exactly: counts add and the earliest example wins.
 */
import { type Finding, type FindingCode, severity } from '../../classify/index.js';
import type { JsonValue } from '../../contract/index.js';
import { CLAUSE } from '../../contract/index.js';
import type { Exchange } from '../../http/index.js';
import type { Redactor } from '../../redact/index.js';
import type { TrafficCode } from './codes.js';
import type {
  RecordRef,
  SkipReason,
  TrafficExample,
  TrafficFinding,
  TrafficModel,
  TrafficRecords,
  TrafficResult,
} from './types.js';
import { SKIP_REASONS } from './types.js';

/** Position of a record across the files of one audit, for "first" across shards and threads. */
export interface Order {
  file: number;
  at: number;
}

export const refAt = (ref: RecordRef): number => ('line' in ref ? ref.line : ref.entry);

export interface Tally {
  records: TrafficRecords;
  findings: Map<string, TrafficFinding & { order: Order }>;
  models: Map<string, Omit<TrafficModel, 'validation'> & { order: Order; exchange?: Exchange }>;
  /** Model ids some captured model-list answer named. */
  listed: Set<string>;
}

export function emptyTally(): Tally {
  return {
    records: { total: 0, judged: 0, skipped: {} },
    findings: new Map(),
    models: new Map(),
    listed: new Set(),
  };
}

const before = (a: Order, b: Order): boolean => a.file < b.file || (a.file === b.file && a.at < b.at);
// The keys of a run are few (classes × clauses × codes) and asked for on every finding: each is built once.
const keys = new Map<string, Map<string, Map<string, string>>>();

export function keyOf(f: { class: string; clause: string | null; code: string }): string {
  const clause = f.clause ?? '';
  let byClause = keys.get(f.class);
  if (!byClause) {
    byClause = new Map();
    keys.set(f.class, byClause);
  }
  let byCode = byClause.get(clause);
  if (!byCode) {
    byCode = new Map();
    byClause.set(clause, byCode);
  }
  let key = byCode.get(f.code);
  if (key === undefined) {
    key = `${f.class}\u0000${clause}\u0000${f.code}`;
    byCode.set(f.code, key);
  }
  return key;
}

export function countSkip(tally: Tally, reason: SkipReason): void {
  tally.records.total += 1;
  tally.records.skipped[reason] = (tally.records.skipped[reason] ?? 0) + 1;
}

function example(finding: Finding, ref: RecordRef, exchange: Exchange, redactor: Redactor): TrafficExample {
  const { expected, observed, requestId } = finding.evidence;
  const out: TrafficExample = {
    record: ref,
    message: redactor.text(finding.message),
    exchange: redactor.exchange(finding.evidence.exchange ?? exchange),
  };
  if (expected !== undefined) out.expected = redactor.json(expected);
  if (observed !== undefined) out.observed = redactor.json(observed);
  if (requestId !== undefined) out.requestId = redactor.text(requestId);
  return out;
}

/**
 * Adds one judged exchange. Each (class, clause, code) counts once per exchange however often the judges
 * raised it; only the first exchange of a key is redacted and kept (`redactor()` is built lazily for it).
 */
export function addJudged(
  tally: Tally,
  findings: readonly Finding[],
  exchange: Exchange,
  ref: RecordRef,
  order: Order,
  redactor: () => Redactor,
  model: { id: string; inLedger: boolean; ledgerValidated: boolean } | undefined,
  listed: readonly string[] | undefined,
): void {
  tally.records.total += 1;
  tally.records.judged += 1;
  // An exchange raises a few dozen findings at most, and keys are shared strings: a list beats a Set here.
  const seen: string[] = [];
  let shared: Redactor | undefined;
  for (const finding of findings) {
    const key = keyOf(finding);
    if (seen.includes(key)) continue;
    seen.push(key);
    const known = tally.findings.get(key);
    if (known) {
      known.count += 1;
      continue;
    }
    shared ??= redactor();
    tally.findings.set(key, {
      class: finding.class,
      code: finding.code,
      clause: finding.clause,
      area: finding.area,
      count: 1,
      example: example(finding, ref, exchange, shared),
      order,
    });
  }
  if (model) {
    const known = tally.models.get(model.id);
    if (known) known.exchanges += 1;
    else {
      shared ??= redactor();
      tally.models.set(model.id, {
        id: model.id,
        inLedger: model.inLedger,
        ledgerValidated: model.ledgerValidated,
        exchanges: 1,
        listed: false,
        first: ref,
        order,
        exchange: shared.exchange(exchange),
      });
    }
  }
  for (const id of listed ?? []) tally.listed.add(id);
}

/**
 * Adds one exchange whose finding keys are already known: judged in full earlier in this tally, so every key
 * and the model already have their first example. False (nothing added) when one of them is not there.
 */
export function addRecalled(tally: Tally, keys: readonly string[], model: string | undefined): boolean {
  const known = keys.map((key) => tally.findings.get(key));
  const usedModel = model === undefined ? undefined : tally.models.get(model);
  if (known.includes(undefined) || (model !== undefined && !usedModel)) return false;
  tally.records.total += 1;
  tally.records.judged += 1;
  for (const finding of known) (finding as TrafficFinding).count += 1;
  if (usedModel) usedModel.exchanges += 1;
  return true;
}

/** Adds `other` into `into` (disjoint parts of the same capture). */
export function mergeTally(into: Tally, other: Tally): void {
  into.records.total += other.records.total;
  into.records.judged += other.records.judged;
  for (const [reason, n] of Object.entries(other.records.skipped) as [SkipReason, number][]) {
    into.records.skipped[reason] = (into.records.skipped[reason] ?? 0) + n;
  }
  for (const [key, finding] of other.findings) {
    const known = into.findings.get(key);
    if (!known) into.findings.set(key, { ...finding });
    else {
      known.count += finding.count;
      if (before(finding.order, known.order)) {
        known.example = finding.example;
        known.order = finding.order;
      }
    }
  }
  for (const [id, model] of other.models) {
    const known = into.models.get(id);
    if (!known) into.models.set(id, { ...model });
    else {
      known.exchanges += model.exchanges;
      if (before(model.order, known.order)) {
        known.first = model.first;
        known.order = model.order;
        if (model.exchange) known.exchange = model.exchange;
        else delete known.exchange;
      }
    }
  }
  for (const id of other.listed) into.listed.add(id);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Codes derived from the whole capture rather than one exchange; recomputed, never added up, on a merge. */
export const DERIVED_CODES: ReadonlySet<FindingCode> = new Set<TrafficCode>([
  'model-not-validated',
  'model-undocumented',
]);

/** The result document: findings sorted by class, clause and code; model findings derived from the whole. */
export function toResult(
  tally: Tally,
  files: readonly string[],
  shard: TrafficResult['shard'],
  redactor: Redactor,
): TrafficResult {
  const models: TrafficModel[] = [...tally.models.values()]
    .sort((a, b) => compare(a.id, b.id))
    .map(({ order: _order, exchange: _exchange, ...model }) => {
      const listed = tally.listed.has(model.id);
      const validation =
        model.inLedger && model.ledgerValidated
          ? 'ledger-validated'
          : listed
            ? 'models-endpoint'
            : 'not-validated';
      return { ...model, listed, validation };
    });
  const findings: TrafficFinding[] = [...tally.findings.values()]
    .filter((f) => !DERIVED_CODES.has(f.code))
    .map(({ order: _order, ...finding }) => finding);
  for (const model of models)
    findings.push(...modelFindings(model, tally.models.get(model.id)?.exchange, redactor));
  findings.sort(
    (a, b) =>
      severity(a.class) - severity(b.class) ||
      compare(a.clause ?? '', b.clause ?? '') ||
      compare(a.code, b.code),
  );
  const skipped: TrafficRecords['skipped'] = {};
  for (const reason of SKIP_REASONS) {
    const n = tally.records.skipped[reason];
    if (n) skipped[reason] = n;
  }
  return {
    schemaVersion: 1,
    command: 'audit-traffic',
    files: [...files],
    shard,
    records: { total: tally.records.total, judged: tally.records.judged, skipped },
    findings,
    models,
    listedModels: [...tally.listed].sort(compare),
  };
}

/** A model the requests used that is not the ledger's, or that nothing validated. */
function modelFindings(
  model: TrafficModel,
  exchange: Exchange | undefined,
  redactor: Redactor,
): TrafficFinding[] {
  const base = (message: string, observed: JsonValue): TrafficExample => ({
    record: model.first,
    message: redactor.text(message),
    observed: redactor.text(String(observed)),
    ...(exchange ? { exchange } : {}),
  });
  if (!model.inLedger) {
    return [
      {
        class: 'observed-not-documented',
        code: 'model-undocumented' satisfies TrafficCode,
        clause: CLAUSE.modelId,
        area: 'request',
        count: model.exchanges,
        example: base(`requests use model \`${model.id}\`, which is not the ledger's model id`, model.id),
      },
    ];
  }
  if (model.validation === 'not-validated') {
    return [
      {
        class: 'not-run',
        code: 'model-not-validated' satisfies TrafficCode,
        clause: CLAUSE.modelId,
        area: 'request',
        count: model.exchanges,
        example: base(
          `model \`${model.id}\` is neither marked validated in the ledger nor named by a captured model-list answer`,
          model.id,
        ),
      },
    ];
  }
  return [];
}

/** A result document back into a tally (for `--merge`); `files` maps its file names to positions. */
export function fromResult(result: TrafficResult, files: readonly string[]): Tally {
  const tally = emptyTally();
  tally.records.total = result.records.total;
  tally.records.judged = result.records.judged;
  tally.records.skipped = { ...result.records.skipped };
  const orderOf = (ref: RecordRef): Order => ({ file: files.indexOf(ref.file), at: refAt(ref) });
  const derived = new Map<string, Exchange>();
  for (const finding of result.findings) {
    if (DERIVED_CODES.has(finding.code)) {
      if (finding.example.exchange) derived.set(String(finding.example.observed), finding.example.exchange);
      continue;
    }
    tally.findings.set(keyOf(finding), { ...finding, order: orderOf(finding.example.record) });
  }
  for (const model of result.models) {
    const { validation: _v, listed, ...rest } = model;
    const exchange = derived.get(model.id);
    tally.models.set(model.id, {
      ...rest,
      listed: false,
      order: orderOf(model.first),
      ...(exchange ? { exchange } : {}),
    });
    if (listed) tally.listed.add(model.id);
  }
  for (const id of result.listedModels) tally.listed.add(id);
  return tally;
}
