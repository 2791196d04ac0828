/**
 * @module checks/scan/scan
 * `scanRepository(dir)`: lists the files the scan reads, finds literals in each (code through its syntax
 * tree, configuration through its parser), judges them, marks what the ledger traces, checks the ledger's
 * implementation locations, and redacts every matched text.
 */
import { open, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Contract } from '../../contract/index.js';
import { ChatproofError } from '../../errors.js';
import { EXIT } from '../../exit.js';
import { createRedactor, REDACTED } from '../../redact/index.js';
import { scanCode } from './code.js';
import { scanConfig } from './config.js';
import { listFiles, MAX_FILE_BYTES, type ScanFile } from './files.js';
import type { Hit, ScanVocabulary } from './judge.js';
import { checkLocations, type LocationCheck, type Revision, resolveRevision } from './locations.js';
import { BLOCKING_RULES, SCAN_RULE_IDS, type ScanRuleId } from './rules.js';
import { isTraceable, scanVocabulary } from './trace.js';

/** One literal the scan found. `file` is relative to the scanned folder, with `/` separators. */
export interface ScanFinding {
  rule: ScanRuleId;
  file: string;
  line: number;
  column: number;
  /** The matched text; a secret is never shown (`[REDACTED]`). */
  match: string;
  clause: string | null;
  traceable: boolean;
}

export interface ScanResult {
  /** The scanned folder, absolute. */
  root: string;
  /** Files read. */
  files: number;
  findings: ScanFinding[];
  /** Every implementation location of the ledger, checked; empty without a ledger. */
  locations: LocationCheck[];
  /** Where the location check read file contents from; null without a ledger. */
  revision: Revision | null;
}

export interface ScanOptions {
  contract?: Contract | undefined;
  signal?: AbortSignal;
  /** Read only files whose text could hold a finding before parsing them (default true; tests compare). */
  prefilter?: boolean;
  /** Absolute paths never scanned (the ledger itself, when it lives in the scanned folder). */
  skip?: readonly string[];
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Words without which no rule can fire in a file. Files without any are not parsed; the result is the same
 * (a test scans the corpus both ways), it is only faster.
 */
function prefilterFor(vocabulary: ScanVocabulary): RegExp {
  const words = [
    'https?:',
    '://',
    'bearer',
    'authorization',
    'api[-_]?key',
    'timeout',
    'deadline',
    'retr',
    'attempt',
    'token',
    'price',
    'cost',
    'model',
    'secret',
    'passw',
    'credential',
    'auth',
    'sk-',
    'AKIA',
    'ASIA',
    'gh[pousr]_',
    'xox',
    'AIza',
    'eyJ',
    ...[
      ...vocabulary.chatPaths,
      ...vocabulary.authHeaders,
      ...vocabulary.modelIds,
      ...vocabulary.baseHosts,
    ].map(escapeRegex),
  ];
  return new RegExp(words.join('|'), 'i');
}

const compare = (a: ScanFinding, b: ScanFinding): number =>
  a.file < b.file
    ? -1
    : a.file > b.file
      ? 1
      : a.line - b.line ||
        a.column - b.column ||
        SCAN_RULE_IDS.indexOf(a.rule) - SCAN_RULE_IDS.indexOf(b.rule);

/** One finding per rule and line (per clause for configuration values, where a URL gives two). */
function dedupe(hits: readonly Hit[]): Hit[] {
  const seen = new Set<string>();
  const kept: Hit[] = [];
  for (const hit of hits) {
    const key = `${hit.rule}\0${hit.rule === 'config-value' ? hit.clause : ''}\0${hit.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(hit);
  }
  return kept;
}

async function scanFile(
  root: string,
  file: ScanFile,
  vocabulary: ScanVocabulary,
  filter: RegExp | null,
): Promise<Hit[]> {
  const buffer = await readSmall(join(root, file.path));
  if (!buffer || buffer.includes(0)) return [];
  const text = buffer.toString('utf8');
  if (filter && !filter.test(text)) return [];
  return file.kind === 'code'
    ? scanCode(text, file.language, vocabulary)
    : scanConfig(text, file.format, vocabulary);
}

/**
 * The file's bytes, or undefined when it is over MAX_FILE_BYTES. One open, one fstat, reads into a buffer of the
 * size fstat gave (no path `stat` before, no second fstat inside `readFile`): the scan's cost is mostly these calls.
 */
async function readSmall(path: string): Promise<Buffer | undefined> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > MAX_FILE_BYTES) return undefined;
    const buffer = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(buffer, filled, size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/** Files read at once; parsing is synchronous, so this only overlaps reads. */
const CONCURRENCY = 8;

export async function scanRepository(dir: string, options: ScanOptions = {}): Promise<ScanResult> {
  const root = resolve(dir);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new ChatproofError('E_USAGE', `scan: ${dir} is not a folder`);
  const contract = options.contract;
  const vocabulary = scanVocabulary(contract);
  const filter = options.prefilter === false ? null : prefilterFor(vocabulary);
  const skipped = new Set((options.skip ?? []).map((path) => resolve(path)));
  const files = (await listFiles(root, options.signal)).filter((file) => !skipped.has(join(root, file.path)));
  const findings: ScanFinding[] = [];
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      options.signal?.throwIfAborted();
      const file = files[next++]!;
      for (const hit of dedupe(await scanFile(root, file, vocabulary, filter))) {
        const finding = { ...hit, file: file.path };
        findings.push({
          rule: hit.rule,
          file: file.path,
          line: hit.line,
          column: hit.column,
          match: hit.match,
          clause: hit.clause,
          traceable: isTraceable(finding, contract),
        });
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  findings.sort(compare);
  const revision = contract ? await resolveRevision(root, contract.ledger.review.deployVersion) : null;
  const locations = contract && revision ? await checkLocations(contract, root, revision) : [];
  // Every matched text leaves through the redactor; a secret finding never shows its text at all.
  const redactor = createRedactor();
  for (const finding of findings) {
    finding.match =
      finding.rule === 'inline-secret' ? REDACTED : redactor.text(finding.match.replaceAll('\0', '…'));
  }
  return { root, files: files.length, findings, locations, revision };
}

/** Findings that fail the scan and the review: hard-coded endpoint, auth or secret the ledger does not trace. */
export function untraceable(findings: readonly ScanFinding[]): ScanFinding[] {
  return findings.filter((finding) => BLOCKING_RULES.has(finding.rule) && !finding.traceable);
}

/** 0 when nothing untraceable, 1 otherwise. */
export function scanExitCode(result: Pick<ScanResult, 'findings'>): 0 | 1 {
  return untraceable(result.findings).length > 0 ? EXIT.fail : EXIT.pass;
}
