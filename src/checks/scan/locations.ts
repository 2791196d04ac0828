/**
 * @module checks/scan/locations
 * Checks every ledger implementation location that names a repository file: the file exists, the line
 * exists, and the clause's value (or the configuration key the clause names) is written there; a response path
 * also counts as written where code reads it in its own spelling (`choices?.[0]?.message?.content`). A location
 * naming a folder is checked across the files the scan reads in it. When the review record's deploy version is a
 * commit of the repository, the commit is read (`git show`, `git ls-tree`), not the working tree.
 */
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
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
import { normaliseCode, pathPattern } from './field-path.js';
import { classify, isScannedPath, listFiles } from './files.js';
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

/** What a location names: a file and its text, a folder and the files the scan reads in it, or nothing. */
type Target = { kind: 'file'; text: string } | { kind: 'folder'; files: string[] } | undefined;

interface Reader {
  target(path: string): Promise<Target>;
  text(path: string): Promise<string | undefined>;
}

const GIT_TIMEOUT_MS = 10_000;
const MAX_GIT_OUTPUT = 8 * 1024 * 1024;
/** Files of a folder location read at most; a value not found among them leaves the location not checked. */
export const MAX_FOLDER_FILES = 200;

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

async function git(dir: string, args: readonly string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['-C', dir, ...args], {
      timeout: GIT_TIMEOUT_MS,
      maxBuffer: MAX_GIT_OUTPUT,
      encoding: 'utf8',
    });
    return stdout;
  } catch {
    return undefined;
  }
}

/** The files the scan reads among `paths` (relative to the repository root) below `folder`, sorted. */
const scanned = (folder: string, paths: readonly string[]): string[] =>
  paths.filter((path) => isScannedPath(path.slice(folder.length + 1))).sort();

function reader(dir: string, revision: Revision): Reader {
  if (revision.kind === 'commit') {
    const text = (path: string) => git(dir, ['show', `${revision.commit}:./${path}`]);
    return {
      text,
      async target(path) {
        const type = (await git(dir, ['cat-file', '-t', `${revision.commit}:./${path}`]))?.trim();
        if (type === 'tree') {
          const listed = await git(dir, ['ls-tree', '-r', '-z', '--name-only', revision.commit!, '--', path]);
          return { kind: 'folder', files: scanned(path, (listed ?? '').split('\0').filter(Boolean)) };
        }
        const content = type === 'blob' ? await text(path) : undefined;
        return content === undefined ? undefined : { kind: 'file', text: content };
      },
    };
  }
  const text = async (path: string) => {
    try {
      return await readFile(join(dir, path), 'utf8');
    } catch {
      return undefined;
    }
  };
  return {
    text,
    async target(path) {
      const info = await stat(join(dir, path)).catch(() => undefined);
      if (info?.isDirectory()) {
        const files = await listFiles(join(dir, path)).catch(() => []);
        return { kind: 'folder', files: files.map((file) => `${path}/${file.path}`) };
      }
      const content = info?.isFile() ? await text(path) : undefined;
      return content === undefined ? undefined : { kind: 'file', text: content };
    },
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

/** Clauses whose values are response paths, written in code in its own spelling. */
const PATH_CLAUSES: ReadonlySet<string> = new Set([
  CLAUSE.contentPath,
  CLAUSE.finishReasonPath,
  CLAUSE.responseFields,
  CLAUSE.parsedFields,
  CLAUSE.idField,
  CLAUSE.usageFields,
  CLAUSE.nullableFields,
]);

/** The needle a text holds, or undefined. */
type Matcher = (text: string) => string | undefined;

function matcherFor(clause: ContractClause, needles: readonly string[]): Matcher {
  const caseless = clause.id === CLAUSE.authHeader;
  const paths = PATH_CLAUSES.has(clause.id)
    ? needles.flatMap((needle) => {
        const pattern = pathPattern(needle);
        return pattern ? [{ needle, pattern }] : [];
      })
    : [];
  return (text) => {
    const haystack = caseless ? text.toLowerCase() : text;
    const literal = needles.find((needle) => haystack.includes(caseless ? needle.toLowerCase() : needle));
    if (literal !== undefined || paths.length === 0) return literal;
    const code = normaliseCode(text);
    return paths.find(({ pattern }) => pattern.test(code))?.needle;
  };
}

type Checked = Pick<LocationCheck, 'status' | 'detail'>;

function checkKey(where: RepositoryLocation & { key: string }, text: string, holds: Matcher): Checked {
  const file = classify(where.path);
  if (file?.kind !== 'config')
    return { status: 'not checked', detail: `${where.path} is not a configuration file chatproof reads` };
  const entries = configEntries(text, file.format).filter(
    (entry) => entry.keyPath === where.key || entry.keyPath.startsWith(`${where.key}.`),
  );
  if (entries.length === 0) return { status: 'not found', detail: `no key ${where.key} in ${where.path}` };
  for (const entry of entries) {
    const found = holds(String(entry.value));
    if (found !== undefined)
      return { status: 'verified', detail: `${entry.keyPath} (line ${entry.line}) holds ${found}` };
  }
  return { status: 'not found', detail: `${where.key} does not hold the clause's value` };
}

/** A folder location: the value written in one of the files the scan reads in it, or a claim not checked. */
async function checkFolder(
  where: RepositoryLocation,
  files: readonly string[],
  read: Reader,
  holds: Matcher,
  wanted: string,
): Promise<Checked> {
  if (where.key !== undefined || where.line !== undefined)
    return { status: 'not checked', detail: `${where.path} is a folder; a line or key names a file` };
  for (const file of files.slice(0, MAX_FOLDER_FILES)) {
    const lines = (await read.text(file))?.split(/\r?\n/) ?? [];
    for (const [index, line] of lines.entries()) {
      const found = holds(line);
      if (found !== undefined) return { status: 'verified', detail: `${found} is in ${file}:${index + 1}` };
    }
  }
  const count = Math.min(files.length, MAX_FOLDER_FILES);
  return {
    status: 'not checked',
    detail: `${where.path} is a folder; none of the ${count} file(s) the scan reads in it holds ${wanted}`,
  };
}

function checkFile(where: RepositoryLocation, text: string, holds: Matcher, wanted: string): Checked {
  if (where.key) return checkKey({ ...where, key: where.key }, text, holds);
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  if (where.line !== undefined) {
    const line = lines[where.line - 1];
    if (line === undefined || where.line < 1)
      return {
        status: 'not found',
        detail: `line ${where.line} is past the end of ${where.path} (${lines.length} lines)`,
      };
    const found = holds(line);
    return found !== undefined
      ? { status: 'verified', detail: `line ${where.line} holds ${found}` }
      : { status: 'not found', detail: `line ${where.line} does not hold ${wanted}` };
  }
  for (const [index, line] of lines.entries()) {
    const found = holds(line);
    if (found !== undefined) return { status: 'verified', detail: `${found} is on line ${index + 1}` };
  }
  return { status: 'not found', detail: `${where.path} does not hold ${wanted}` };
}

async function checkOne(
  contract: Contract,
  clause: ContractClause,
  location: string,
  kind: string,
  read: Reader,
  from: string,
): Promise<LocationCheck> {
  const parsed = parseLocation(location, kind);
  const result = ({ status, detail }: Checked): LocationCheck => ({
    clause: clause.id,
    location,
    status,
    repository: parsed !== undefined,
    detail,
  });
  if (!parsed) return result({ status: 'not checked', detail: 'not a repository path' });
  const where = { ...parsed, path: parsed.path.replace(/\/+$/, '') };
  const target = await read.target(where.path);
  if (target === undefined)
    return result({ status: 'not found', detail: `${where.path} does not exist in ${from}` });
  if (clause.pending)
    return result({ status: 'not checked', detail: `${clause.id} is pending: no value to look for` });
  const needles = needlesFor(contract, clause);
  // An empty object or list has nothing a file could hold: the location is claimed, not disproved.
  if (needles.length === 0)
    return result({ status: 'not checked', detail: `${clause.id} has no value to look for in code` });
  const holds = matcherFor(clause, needles);
  const wanted = needles[0]!;
  return result(
    target.kind === 'folder'
      ? await checkFolder(where, target.files, read, holds, wanted)
      : checkFile(where, target.text, holds, wanted),
  );
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
