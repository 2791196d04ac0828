/**
 * @module checks/scan/locations
 * Checks every ledger implementation location that names a repository file: the file exists, the line
 * exists, and the clause's value (or the configuration key the clause names) is written there. When the
 * review record's deploy version is a commit of the repository, the commit is read (`git show`), not the
 * working tree.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  CLAUSE,
  type Contract,
  type ContractClause,
  isPlaceholder,
  type JsonValue,
} from '../../contract/index.js';
import { configEntries } from './config.js';
import { classify } from './files.js';
import { parseLocation, type RepositoryLocation } from './trace.js';

const run = promisify(execFile);

export const LOCATION_STATUSES = ['verified', 'not found', 'not checked'] as const;
export type LocationStatus = (typeof LOCATION_STATUSES)[number];

export interface LocationCheck {
  clause: string;
  location: string;
  status: LocationStatus;
  /** True when the location names a file of the repository (false for a URL, a dashboard, a test name). */
  repository: boolean;
  /** What was checked or why not, e.g. `line 42 holds https://…`, `line 90 past the end (31 lines)`. */
  detail: string;
}

/** Where file contents come from: a commit of the repository, or the working tree. */
export interface Revision {
  kind: 'commit' | 'working-tree';
  /** The full commit id, for `commit`. */
  commit?: string;
  /** Why the working tree was read although the ledger names a deploy version. */
  note?: string;
}

type Reader = (path: string) => Promise<string | undefined>;

const GIT_TIMEOUT_MS = 10_000;
const MAX_GIT_OUTPUT = 8 * 1024 * 1024;

/** The commit `deployVersion` names in `dir`'s repository, or the working tree with the reason. */
export async function resolveRevision(dir: string, deployVersion: string | undefined): Promise<Revision> {
  if (!deployVersion || isPlaceholder(deployVersion as unknown)) return { kind: 'working-tree' };
  // A leading dash would be read as an option by git.
  if (deployVersion.startsWith('-') || /\s/.test(deployVersion))
    return { kind: 'working-tree', note: `deploy version ${deployVersion} is not a revision name` };
  try {
    const { stdout } = await run(
      'git',
      ['-C', dir, 'rev-parse', '--verify', '--quiet', `${deployVersion}^{commit}`],
      {
        timeout: GIT_TIMEOUT_MS,
      },
    );
    const commit = stdout.trim();
    if (/^[0-9a-f]{40,64}$/.test(commit)) return { kind: 'commit', commit };
  } catch {
    // Not a git repository, or no such commit: fall through.
  }
  return {
    kind: 'working-tree',
    note: `deploy version ${deployVersion} is not a commit of this folder's repository`,
  };
}

function reader(dir: string, revision: Revision): Reader {
  if (revision.kind === 'commit') {
    return async (path) => {
      try {
        const { stdout } = await run('git', ['-C', dir, 'show', `${revision.commit}:./${path}`], {
          timeout: GIT_TIMEOUT_MS,
          maxBuffer: MAX_GIT_OUTPUT,
          encoding: 'utf8',
        });
        return stdout;
      } catch {
        return undefined;
      }
    };
  }
  return async (path) => {
    try {
      return await readFile(join(dir, path), 'utf8');
    } catch {
      return undefined;
    }
  };
}

const scalars = (value: JsonValue): string[] => {
  if (value === null) return [];
  if (Array.isArray(value)) return value.flatMap(scalars);
  if (typeof value === 'object') return Object.values(value).flatMap(scalars);
  return [String(value)];
};

/** How a number may be written in code: `30000`, `30_000`, `30,000`. */
function numberForms(text: string): string[] {
  if (!/^\d{4,}$/.test(text)) return [text];
  const grouped = text.replace(/\B(?=(\d{3})+(?!\d))/g, '_');
  return [text, grouped, grouped.replaceAll('_', ',')];
}

/** What may stand for a clause in its implementation: its value, or the variable or key the ledger names. */
export function needlesFor(contract: Contract, clause: ContractClause): string[] {
  const needles = scalars(clause.value).flatMap(numberForms);
  const variable = contract.known(CLAUSE.baseUrlVariable);
  if (clause.id === CLAUSE.baseUrl && typeof variable === 'string') needles.push(variable);
  if (clause.id === CLAUSE.keyRef && typeof clause.value === 'string') {
    const name = /^(?:env|file):(.+)$/.exec(clause.value)?.[1];
    if (name) needles.push(name);
  }
  return [...new Set(needles.filter((needle) => needle.length > 0))];
}

function holds(text: string, needles: readonly string[], caseless: boolean): string | undefined {
  const haystack = caseless ? text.toLowerCase() : text;
  return needles.find((needle) => haystack.includes(caseless ? needle.toLowerCase() : needle));
}

function checkKey(
  where: RepositoryLocation & { key: string },
  text: string,
  needles: readonly string[],
  caseless: boolean,
): Pick<LocationCheck, 'status' | 'detail'> {
  const file = classify(where.path);
  if (file?.kind !== 'config')
    return { status: 'not checked', detail: `${where.path} is not a configuration file chatproof reads` };
  const entries = configEntries(text, file.format).filter(
    (entry) => entry.keyPath === where.key || entry.keyPath.startsWith(`${where.key}.`),
  );
  if (entries.length === 0) return { status: 'not found', detail: `no key ${where.key} in ${where.path}` };
  for (const entry of entries) {
    const found = holds(String(entry.value), needles, caseless);
    if (found !== undefined)
      return { status: 'verified', detail: `${entry.keyPath} (line ${entry.line}) holds ${found}` };
  }
  return { status: 'not found', detail: `${where.key} does not hold the clause's value` };
}

async function checkOne(
  contract: Contract,
  clause: ContractClause,
  location: string,
  kind: string,
  read: Reader,
  from: string,
): Promise<LocationCheck> {
  const where = parseLocation(location, kind);
  const result = (status: LocationStatus, detail: string): LocationCheck => ({
    clause: clause.id,
    location,
    status,
    repository: where !== undefined,
    detail,
  });
  if (!where) return result('not checked', 'not a repository path');
  const text = await read(where.path);
  if (text === undefined) return result('not found', `${where.path} does not exist in ${from}`);
  if (clause.pending) return result('not checked', `${clause.id} is pending: no value to look for`);
  const needles = needlesFor(contract, clause);
  const caseless = clause.id === CLAUSE.authHeader;
  if (where.key) {
    const checked = checkKey({ ...where, key: where.key }, text, needles, caseless);
    return result(checked.status, checked.detail);
  }
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  if (where.line !== undefined) {
    const line = lines[where.line - 1];
    if (line === undefined || where.line < 1)
      return result(
        'not found',
        `line ${where.line} is past the end of ${where.path} (${lines.length} lines)`,
      );
    const found = holds(line, needles, caseless);
    return found !== undefined
      ? result('verified', `line ${where.line} holds ${found}`)
      : result('not found', `line ${where.line} does not hold ${needles[0] ?? 'the value'}`);
  }
  const index = lines.findIndex((line) => holds(line, needles, caseless) !== undefined);
  return index >= 0
    ? result('verified', `${holds(lines[index]!, needles, caseless)} is on line ${index + 1}`)
    : result('not found', `${where.path} does not hold ${needles[0] ?? 'the value'}`);
}

/** Checks every implementation location of every clause. */
export async function checkLocations(
  contract: Contract,
  dir: string,
  revision: Revision,
): Promise<LocationCheck[]> {
  const read = reader(dir, revision);
  const from = revision.kind === 'commit' ? `commit ${revision.commit?.slice(0, 12)}` : 'the working tree';
  const checks: LocationCheck[] = [];
  for (const clause of contract.clauses) {
    for (const evidence of clause.implementation) {
      checks.push(await checkOne(contract, clause, evidence.location, evidence.kind, read, from));
    }
  }
  return checks;
}
