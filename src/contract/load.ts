/**
 * @module contract/load
 * Reads a ledger file into a typed `Ledger`, reporting every problem with `file:line:col` and its field path.
 * The only I/O is `readLedgerFile`; `parseLedger` is pure over the text.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { ChatproofError, type ChatproofErrorCode, type Problem, type SourceLocation } from '../errors.js';
import { looksLikeSecret } from '../redact/patterns.js';
import { formatPath, type LocatedDocument } from './located.js';
import { nearestKey } from './nearest.js';
import { type Ledger, LedgerSchema } from './schema.js';
import { semanticProblems } from './semantics.js';

export { formatPath, type LocatedDocument } from './located.js';

/** Largest ledger accepted; a ledger is a few hundred lines, so anything bigger is a mistake or an attack. */
export const MAX_LEDGER_BYTES = 5 * 1024 * 1024;
/** YAML aliases allowed; a handful is plenty for a ledger and blocks "billion laughs" expansion. */
const MAX_ALIAS_COUNT = 100;

/**
 * Reads and validates a ledger file. Throws `ChatproofError` with every problem found. Messages name the file
 * as given; a relative path is read from `cwd`.
 */
export async function readLedgerFile(file: string, cwd = process.cwd()): Promise<Ledger> {
  return parseLedger(await readTextFile(file, 'ledger', MAX_LEDGER_BYTES, cwd), file);
}

/** Reads a UTF-8 text input with the checks every input gets: exists, is a file, size, encoding. */
export async function readTextFile(
  file: string,
  what: string,
  maxBytes = MAX_LEDGER_BYTES,
  cwd = process.cwd(),
): Promise<string> {
  const path = resolve(cwd, file);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (cause) {
    throw inputError('E_FILE_NOT_FOUND', { file, line: 1, col: 1 }, `no such ${what} file`, cause);
  }
  if (info.isDirectory()) {
    throw inputError(
      'E_FILE_UNREADABLE',
      { file, line: 1, col: 1 },
      `is a directory, expected a ${what} file`,
    );
  }
  // A device or a pipe (/dev/zero, a FIFO) has no size to check and may never end: only regular files.
  if (!info.isFile()) {
    const message = `is not a regular file, expected a ${what} file`;
    throw inputError('E_FILE_UNREADABLE', { file, line: 1, col: 1 }, message);
  }
  if (info.size > maxBytes) {
    const message = `${info.size} bytes is over the ${maxBytes}-byte limit for a ${what}`;
    throw inputError('E_FILE_TOO_LARGE', { file, line: 1, col: 1 }, message);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    const message = `cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'})`;
    throw inputError('E_FILE_UNREADABLE', { file, line: 1, col: 1 }, message, cause);
  }
  return decodeUtf8(bytes, file);
}

/** Decodes strict UTF-8; a BOM or an invalid byte is reported with its position. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const message = 'starts with a UTF-8 byte-order mark; save the file as UTF-8 without BOM';
    throw inputError('E_FILE_ENCODING', { file, line: 1, col: 1 }, message);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    const offset = firstInvalidUtf8(bytes);
    const before = new TextDecoder().decode(bytes.subarray(0, offset));
    const lines = before.split('\n');
    const location = { file, line: lines.length, col: (lines.at(-1)?.length ?? 0) + 1 };
    const message = `invalid UTF-8 byte 0x${(bytes[offset] ?? 0).toString(16)}; save the file as UTF-8`;
    throw inputError('E_FILE_ENCODING', location, message, cause);
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // Binary search for the shortest invalid prefix; a cut inside a valid multi-byte char is also invalid, so
  // step back to a character boundary afterwards.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    try {
      decoder.decode(bytes.subarray(0, mid + 1));
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  let at = lo;
  while (at > 0 && ((bytes[at] ?? 0) & 0xc0) === 0x80) at -= 1;
  return at;
}

/** Parses YAML text into a document that can locate any field. Throws on syntax errors. */
export function parseYamlDocument(text: string, file: string): LocatedDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const position = (offset: number): { line: number; col: number } => lineCounter.linePos(offset);
  if (doc.errors.length > 0) {
    const problems: Problem[] = doc.errors.map((error) => {
      const { line, col } = position(error.pos[0]);
      const message = error.message.split('\n')[0] ?? error.message;
      return { code: 'E_YAML_SYNTAX', message: `YAML: ${message}`, location: { file, line, col } };
    });
    throw new ChatproofError('E_YAML_SYNTAX', formatProblems(problems), { problems });
  }
  // A mapping or list used as a key (`? [a]: b`) has no JSON meaning; say so instead of stringifying it.
  let complexKey: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isMap(pair.key) || isSeq(pair.key)) {
        complexKey = (pair.key as Node).range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (complexKey !== undefined) {
    const { line, col } = position(complexKey);
    throw inputError(
      'E_YAML_SYNTAX',
      { file, line, col },
      'a mapping key must be a plain value, not a list or mapping',
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    const message = `YAML aliases expand too far (${(cause as Error).message}); write the values out instead`;
    throw inputError('E_YAML_SYNTAX', { file, line: 1, col: 1 }, message, cause);
  }
  const locate = (path: readonly PropertyKey[], key = false): SourceLocation => {
    const range = rangeAt(doc.contents, path, key);
    const { line, col } = position(range ?? 0);
    return { file, line, col, path: formatPath(path) };
  };
  return { file, data, locate };
}

/** Offset of the node at `path` (or of its key), falling back to the nearest existing parent. */
function rangeAt(root: Node | null, path: readonly PropertyKey[], key: boolean): number | undefined {
  let node: unknown = root;
  let best = (root as Node | null)?.range?.[0];
  for (const [index, part] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === part);
      if (!pair) return best;
      const last = index === path.length - 1;
      const target = last && key ? pair.key : pair.value;
      node = pair.value;
      best = (target as Node | null)?.range?.[0] ?? (pair.key as Node | null)?.range?.[0] ?? best;
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part];
      best = (node as Node | undefined)?.range?.[0] ?? best;
    } else {
      return best;
    }
  }
  return best;
}

/** Parses and validates ledger text. Pure: the text and a file name for messages in, a `Ledger` out. */
export function parseLedger(text: string, file: string): Ledger {
  if (text.trim() === '') {
    throw inputError(
      'E_LEDGER_INVALID',
      { file, line: 1, col: 1 },
      'the ledger is empty; run `chatproof init`',
    );
  }
  const doc = parseYamlDocument(text, file);
  const secretProblems = [...semanticProblems.inlineSecrets(doc), ...commentSecrets(text, file)];
  if (secretProblems.length > 0) {
    throw new ChatproofError('E_INLINE_SECRET', formatProblems(secretProblems), { problems: secretProblems });
  }
  const parsed = LedgerSchema.safeParse(doc.data);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue) => issueProblems(issue, doc));
    throw new ChatproofError('E_LEDGER_INVALID', formatProblems(problems), { problems });
  }
  const problems = semanticProblems.all(parsed.data, doc);
  if (problems.length > 0) {
    throw new ChatproofError('E_LEDGER_INVALID', formatProblems(problems), { problems });
  }
  return parsed.data;
}

function issueProblems(issue: z.core.$ZodIssue, doc: LocatedDocument): Problem[] {
  const path = issue.path as PropertyKey[];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const known = knownKeysAt(path);
      const nearest = nearestKey(key, known);
      const hint = nearest ? `; did you mean \`${nearest}\`?` : '';
      return {
        code: 'E_LEDGER_INVALID' as const,
        message: `unknown key \`${key}\`${hint}`,
        location: doc.locate([...path, key], true),
      };
    });
  }
  if (issue.code === 'invalid_union' && path.at(-1) === 'value') {
    return [
      { code: 'E_LEDGER_INVALID', message: 'value must be plain YAML data', location: doc.locate(path) },
    ];
  }
  const input = valueAt(doc.data, path);
  const got = input === null ? 'null' : Array.isArray(input) ? 'array' : typeof input;
  if (issue.code === 'invalid_value') {
    // `version: '1'` is a wrong type, not a wrong word: name the type the field wants.
    const types: string[] = [
      ...new Set(issue.values.map((value) => (value === null ? 'null' : typeof value))),
    ];
    if (!types.includes(got)) {
      const message = `expected ${types.join(' or ')}, got ${got}`;
      return [{ code: 'E_LEDGER_INVALID', message, location: doc.locate(path) }];
    }
  }
  if (issue.code === 'invalid_value' && typeof input === 'string') {
    // An enum typo (`area: endpont`) gets the same hint as a key typo.
    const allowed = issue.values.filter((value): value is string => typeof value === 'string');
    const nearest = nearestKey(input, allowed);
    const hint = nearest ? `did you mean \`${nearest}\`? ` : '';
    const message = `\`${input}\` is not allowed; ${hint}expected one of ${allowed.join(', ')}`;
    return [{ code: 'E_LEDGER_INVALID', message, location: doc.locate(path) }];
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    const field = String(path.at(-1) ?? 'field');
    const message = `missing required field \`${field}\` (expected ${issue.expected})`;
    return [{ code: 'E_LEDGER_INVALID', message, location: doc.locate(path.slice(0, -1)) }];
  }
  if (issue.code === 'invalid_type') {
    const message = `expected ${issue.expected}, got ${got}`;
    return [{ code: 'E_LEDGER_INVALID', message, location: doc.locate(path) }];
  }
  return [{ code: 'E_LEDGER_INVALID', message: issue.message, location: doc.locate(path) }];
}

/**
 * Key-shaped text in a YAML comment, by line. A comment is still committed with the ledger,
 * so it is rejected like an inline value; the message names only where it is.
 */
function commentSecrets(text: string, file: string): Problem[] {
  const problems: Problem[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    const hash = line.search(/(^|\s)#/);
    if (hash < 0) continue;
    const start = line.indexOf('#', hash);
    const words = line.slice(start + 1).split(/[\s'"`,;]+/);
    if (words.some((word) => word !== '' && looksLikeSecret(word))) {
      problems.push({
        code: 'E_INLINE_SECRET',
        message: 'this comment holds text that looks like a secret; remove it from the ledger',
        location: { file, line: index + 1, col: start + 1 },
      });
    }
  }
  return problems;
}

/** The parsed value at a path (zod's issues do not carry the input). */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

/** Object keys the schema allows at a path, for "did you mean" hints. */
function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: unknown = LedgerSchema;
  for (const part of path) {
    schema = unwrap(schema);
    const def = (schema as { def?: { type?: string; element?: unknown; shape?: Record<string, unknown> } })
      .def;
    if (def?.type === 'array' && typeof part === 'number') schema = def.element;
    else if (def?.type === 'object' && typeof part === 'string') schema = def.shape?.[part];
    else if (def?.type === 'record') schema = (def as { valueType?: unknown }).valueType;
    else return [];
  }
  const def = (unwrap(schema) as { def?: { type?: string; shape?: Record<string, unknown> } }).def;
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema as { def?: { type?: string; innerType?: unknown } } | undefined;
  while (current?.def && ['optional', 'default', 'nullable', 'prefault'].includes(current.def.type ?? '')) {
    current = current.def.innerType as typeof current;
  }
  return current;
}

/** An input error with one located problem; the message reads `file:line:col: what`. */
export function inputError(
  code: ChatproofErrorCode,
  location: SourceLocation,
  message: string,
  cause?: unknown,
): ChatproofError {
  const problems: Problem[] = [{ code, message, location }];
  return new ChatproofError(code, formatProblems(problems), { problems, location, cause });
}

/** One problem per line, `file:line:col: message (at path)`. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems
    .map(({ message, location }) => {
      const where = `${location.file}:${location.line}:${location.col}`;
      return location.path ? `${where}: ${location.path}: ${message}` : `${where}: ${message}`;
    })
    .join('\n');
}
