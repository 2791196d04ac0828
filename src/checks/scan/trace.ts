/**
 * @module checks/scan/trace
 * Pure: the ledger's vocabulary for the scan, where an implementation location points, and whether a finding
 * is traceable (the clause it matches names its file, and its line within a small window, or a folder it is in).
 */
import { CLAUSE, type Contract, isPlaceholder, type JsonValue } from '../../contract/index.js';
import type { ScanVocabulary } from './judge.js';
import type { ScanRuleId } from './rules.js';
import { DEFAULT_AUTH_HEADERS, DEFAULT_CHAT_PATHS } from './vocabulary.js';

/** A finding this many lines from the location the ledger names still traces to it (a call spans lines). */
export const TRACE_WINDOW = 3;

/** A ledger implementation location that names a file in the repository. */
export interface RepositoryLocation {
  path: string;
  line?: number;
  /** `file#key.path`: a key inside a configuration file. */
  key?: string;
}

const FILE_EXTENSION =
  /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|py|go|java|kt|rb|rs|cs|php|ya?ml|json|toml|ini|cfg|conf|properties|env|xml|tf|hcl|sh|md)$/i;

/**
 * Where a location points, or undefined when it is not a repository path (a URL, a test name, a dashboard,
 * a secret reference, a bare config key).
 */
export function parseLocation(location: string, kind?: string): RepositoryLocation | undefined {
  const text = location.trim();
  if (
    text === '' ||
    /\s/.test(text) ||
    isPlaceholder(text as unknown) ||
    /^[a-z][a-z0-9+.-]*:(\/\/|[^\d])/i.test(text)
  )
    return undefined;
  let rest = text;
  let key: string | undefined;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    key = rest.slice(hash + 1) || undefined;
    rest = rest.slice(0, hash);
  }
  let line: number | undefined;
  const lined = /^(.+?):(\d+)(?::\d+)?$/.exec(rest);
  if (lined) {
    rest = lined[1]!;
    line = Number(lined[2]);
  }
  rest = rest.replace(/^\.\//, '');
  const name = rest.slice(rest.lastIndexOf('/') + 1);
  const pathLike =
    FILE_EXTENSION.test(name) ||
    name.startsWith('.env') ||
    (rest.includes('/') && (kind === undefined || kind === 'config' || kind === 'code' || kind === 'test'));
  if (!pathLike || rest.startsWith('/') || rest.split('/').includes('..')) return undefined;
  return { path: rest, ...(line !== undefined ? { line } : {}), ...(key ? { key } : {}) };
}

/** Two repository paths name the same file (one may be relative to a sub-folder of the other's root). */
export function samePath(a: string, b: string): boolean {
  return a === b || a.endsWith(`/${b}`) || b.endsWith(`/${a}`);
}

/** True when `file` lies below the folder `folder` names (a file's own path is never a folder of another). */
export function inFolder(file: string, folder: string): boolean {
  const prefix = `${folder.replace(/\/+$/, '')}/`;
  return prefix !== '/' && (file.startsWith(prefix) || file.includes(`/${prefix}`));
}

/** Clauses whose evidence can trace a finding of each rule. */
const TRACE_CLAUSES: Partial<Record<ScanRuleId, readonly string[]>> = {
  'hardcoded-auth-header': [CLAUSE.authHeader, CLAUSE.authScheme],
  'hardcoded-base-url': [CLAUSE.baseUrl, CLAUSE.baseUrlVariable],
};

export interface Traceable {
  rule: ScanRuleId;
  clause: string | null;
  file: string;
  line: number;
}

/**
 * True when the finding's clause names its file (and line within TRACE_WINDOW), or a folder it lies in, as a file
 * without a line names any line of it. A secret never is.
 */
export function isTraceable(finding: Traceable, contract: Contract | undefined): boolean {
  if (!contract || finding.rule === 'inline-secret' || finding.clause === null) return false;
  const ids = new Set([finding.clause, ...(TRACE_CLAUSES[finding.rule] ?? [])]);
  for (const id of ids) {
    for (const evidence of contract.clause(id)?.implementation ?? []) {
      const where = parseLocation(evidence.location, evidence.kind);
      if (!where) continue;
      if (where.line === undefined && where.key === undefined && inFolder(finding.file, where.path))
        return true;
      if (!samePath(where.path, finding.file)) continue;
      if (where.line === undefined || Math.abs(where.line - finding.line) <= TRACE_WINDOW) return true;
    }
  }
  return false;
}

const strings = (value: JsonValue | undefined): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(strings) : [];

/** The ledger's own values the scan looks for besides the defaults. */
export function scanVocabulary(contract: Contract | undefined): ScanVocabulary {
  const known = (id: string) =>
    strings(contract?.known(id)).filter((text) => !isPlaceholder(text as unknown));
  const hosts = known(CLAUSE.baseUrl).flatMap((url) => {
    try {
      return [new URL(url).host.toLowerCase()];
    } catch {
      return [];
    }
  });
  const chatPaths = [
    ...new Set([...known(CLAUSE.chatPath).filter((p) => p.length >= 3), ...DEFAULT_CHAT_PATHS]),
  ];
  return {
    chatPaths,
    authHeaders: [
      ...new Set([...DEFAULT_AUTH_HEADERS, ...known(CLAUSE.authHeader).map((h) => h.toLowerCase())]),
    ],
    baseHosts: hosts,
    modelIds: known(CLAUSE.modelId),
  };
}
