/**
 * @module checks/probe/presence
 * Whether each documented response field is always there. Read from the JSON Schema a clause carries when it
 * has one (see presence-schema), otherwise from `response.field-presence`, which states it for documents that
 * are prose. A field the documents list without saying whether it is always present is `unstated`: its
 * absence is an observation, never a contradiction. Pure.
 */
import type { Judgement } from '../../classify/index.js';
import { CLAUSE, type Contract, read } from '../../contract/index.js';
import { ancestors, normalizePath, observedPaths, resolvePath } from './paths.js';
import { presenceFromSchema } from './presence-schema.js';
import type { BodyPresence, FieldPresence, Presence } from './presence-types.js';

export type { BodyPresence, FieldPresence, Presence } from './presence-types.js';

/** The value of `response.field-presence`. */
export interface PresenceStatement {
  required?: string[] | undefined;
  optional?: string[] | undefined;
  unstated?: string[] | undefined;
  /** Objects whose keys are free (a map): every key under them is documented. */
  maps?: string[] | undefined;
}

export function presenceStatement(contract: Contract): PresenceStatement | undefined {
  return read(contract, CLAUSE.fieldPresence);
}

/** The presence the ledger states for `path`; a path it does not list is `unstated`. */
export function statedPresence(statement: PresenceStatement | undefined, path: string): Presence {
  const at = normalizePath(path);
  const has = (list: string[] | undefined) => (list ?? []).some((p) => normalizePath(p) === at);
  if (has(statement?.required)) return 'required';
  if (has(statement?.optional)) return 'optional';
  return 'unstated';
}

const underMap = (maps: readonly string[], path: string) =>
  maps.some((map) => path.startsWith(`${map}.`) || path.startsWith(`${map}[]`));

/**
 * Presence from the ledger's lists: `documented` paths, `nullable` paths, and the presence statement. A
 * field is absent where its path stops on a missing key; a path that stops on an empty array is vacuous.
 */
export function presenceFromLedger(
  body: unknown,
  documented: ReadonlySet<string>,
  nullable: ReadonlySet<string>,
  statement: PresenceStatement | undefined,
): BodyPresence {
  const out: BodyPresence = {
    basis: 'ledger',
    present: [],
    absent: [],
    nulls: [],
    undocumented: [],
    mistyped: [],
  };
  const maps = (statement?.maps ?? []).map(normalizePath);
  const absentAt = new Set<string>();
  for (const path of [...documented].sort()) {
    const resolved = resolvePath(body, path);
    if (resolved.values.length > 0) out.present.push(path);
    if (resolved.values.some((v) => v === null))
      out.nulls.push({ path, presence: statedPresence(statement, path), nullable: nullable.has(path) });
    for (const stop of resolved.stops) {
      if (stop.kind === 'missing' && !absentAt.has(stop.at)) {
        absentAt.add(stop.at);
        out.absent.push({
          path: stop.at,
          presence: statedPresence(statement, stop.at),
          nullable: nullable.has(stop.at),
        });
      }
      if (stop.kind === 'not-container' && !out.mistyped.includes(stop.at)) out.mistyped.push(stop.at);
      if (stop.kind === 'null' && !out.nulls.some((n) => n.path === stop.at)) {
        out.nulls.push({
          path: stop.at,
          presence: statedPresence(statement, stop.at),
          nullable: nullable.has(stop.at),
        });
      }
    }
  }
  // A path is covered when it is documented, leads to a documented path, or lies under a documented map.
  const covered = coveredPaths(documented, maps);
  for (const path of observedPaths(body)) {
    if (covered.has(path) || underMap(maps, path)) continue;
    if (out.undocumented.some((p) => path.startsWith(`${p}.`) || path.startsWith(`${p}[]`))) continue;
    out.undocumented.push(path);
  }
  return out;
}

const coveredCache = new WeakMap<ReadonlySet<string>, Map<string, ReadonlySet<string>>>();

/**
 * Paths a body may carry without being undocumented: the documented ones, their ancestors, and the maps with
 * theirs. Built once per documented set and map list (a traffic audit asks for it once per record).
 */
function coveredPaths(documented: ReadonlySet<string>, maps: readonly string[]): ReadonlySet<string> {
  const key = maps.join('\n');
  const byMaps = coveredCache.get(documented) ?? new Map<string, ReadonlySet<string>>();
  coveredCache.set(documented, byMaps);
  const hit = byMaps.get(key);
  if (hit) return hit;
  const covered = new Set<string>(documented);
  for (const path of [...documented, ...maps]) for (const parent of ancestors(path)) covered.add(parent);
  for (const map of maps) covered.add(map);
  byMaps.set(key, covered);
  return covered;
}

/** A field the schema leaves out but the ledger's lists document is documented all the same. */
function withLedgerPaths(
  presence: BodyPresence,
  documented: ReadonlySet<string>,
  statement: PresenceStatement | undefined,
): BodyPresence {
  if (presence.undocumented.length === 0) return presence;
  const covered = coveredPaths(documented, []);
  const maps = (statement?.maps ?? []).map(normalizePath);
  const undocumented = presence.undocumented.filter((path) => {
    const at = normalizePath(path);
    return !covered.has(at) && !maps.includes(at) && !underMap(maps, at);
  });
  return { ...presence, undocumented };
}

/**
 * The last few presences worked out, by body object and clause: the judges of one answer ask for the same
 * body's presence more than once, and close together. A ring rather than a WeakMap keyed by every body: a
 * traffic audit sees millions of bodies, and a weak entry for each of them is work for the collector. A
 * body that has left the ring is worked out again, to the same result (presence is pure).
 */
const RECENT = 8;
const recent: { contract: Contract; clauseId: string; body: object; presence: BodyPresence }[] = [];
let next = 0;

/** Presence of `body` under the clause's schema, or under the ledger's lists; memoized per body and clause. */
export function bodyPresence(
  contract: Contract,
  clauseId: string,
  body: unknown,
  documented: () => ReadonlySet<string>,
  nullable: () => ReadonlySet<string>,
): BodyPresence {
  const key = body !== null && typeof body === 'object' ? body : undefined;
  if (key) {
    for (const entry of recent)
      if (entry.body === key && entry.clauseId === clauseId && entry.contract === contract)
        return entry.presence;
  }
  const schema = contract.clause(clauseId)?.schema;
  const statement = presenceStatement(contract);
  const result = schema
    ? withLedgerPaths(presenceFromSchema(schema, body), documented(), statement)
    : presenceFromLedger(body, documented(), nullable(), statement);
  if (key) {
    recent[next] = { contract, clauseId, body: key, presence: result };
    next = (next + 1) % RECENT;
  }
  return result;
}

/** Parsed paths that `path` (an absent field) takes away: itself and everything under it. */
export function parsedUnder(parsed: readonly string[], path: string): string[] {
  const at = normalizePath(path);
  return parsed.filter((p) => {
    const n = normalizePath(p);
    return n === at || n.startsWith(`${at}.`) || n.startsWith(`${at}[]`);
  });
}

/**
 * The seed's four classes for an absent field: a required one contradicts the source; an optional one the
 * parser reads is documented but not handled (the parser depends on a field the provider may omit); an
 * optional one nothing reads is documented and handled; one whose presence no document states is observed.
 */
export function absenceJudgement(presence: Presence, parsed: boolean): Judgement {
  if (presence === 'required') return 'contradicts';
  if (presence === 'optional') return parsed ? 'not-handled' : 'handled';
  return 'silent';
}

/** Looks up the presence of an absent `path` (or of the absent ancestor it lies under). */
export function absentPresence(presence: BodyPresence, path: string): FieldPresence | undefined {
  const at = normalizePath(path);
  return presence.absent.find(
    (a) => a.path === at || at.startsWith(`${a.path}.`) || at.startsWith(`${a.path}[]`),
  );
}

/** How a field the parser reads is missing, when it is: the judgement and the reason, for its finding. */
export interface Missing {
  judgement: Judgement;
  presence: Presence | 'null-container' | 'empty-array' | 'wrong-type';
  at: string;
}

/** Why `path` (a field the parser reads) has no value in `body`; undefined when it has one. */
export function missingRead(presence: BodyPresence, body: unknown, path: string): Missing | undefined {
  const resolved = resolvePath(body, path);
  if (resolved.values.length > 0) return undefined;
  const stop = resolved.stops[0];
  if (!stop) return undefined;
  if (stop.kind === 'missing') {
    const found = absentPresence(presence, stop.at);
    const p = found?.presence ?? 'unstated';
    return { judgement: absenceJudgement(p, true), presence: p, at: found?.path ?? stop.at };
  }
  if (stop.kind === 'null') {
    const entry = presence.nulls.find((n) => n.path === stop.at);
    return {
      judgement: entry?.nullable ? 'not-handled' : 'contradicts',
      presence: 'null-container',
      at: stop.at,
    };
  }
  // An empty array is present: nothing in it is missing, but the parser finds nothing to read.
  if (stop.kind === 'empty') return { judgement: 'not-handled', presence: 'empty-array', at: stop.at };
  return { judgement: 'contradicts', presence: 'wrong-type', at: stop.at };
}

/** A sentence for a finding on a missing read. */
export function describeMissing(missing: Missing): string {
  switch (missing.presence) {
    case 'required':
      return `\`${missing.at}\` is missing, and the documents mark it required`;
    case 'optional':
      return `\`${missing.at}\` is absent; the documents mark it optional, so the parser must cope without it`;
    case 'unstated':
      return `\`${missing.at}\` is absent; no document says whether it is always present`;
    case 'null-container':
      return `\`${missing.at}\` is null`;
    case 'empty-array':
      return `\`${missing.at}\` is an empty array`;
    case 'wrong-type':
      return `\`${missing.at}\` is not an object or array`;
  }
}
