/**
 * @module checks/sources/check
 * `chatproof sources check`: fetches every cited source once, checks each clause's quoted passage is still
 * there, and records the access time and a content hash (documentation drift). The fetch is injected.
 */

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { classifyFinding, notRun } from '../../classify/index.js';
import type { Finding } from '../../classify/types.js';
import type { Clock } from '../../clock.js';
import {
  atPointer,
  type Contract,
  type ContractClause,
  isPlaceholder,
  nodeHash,
  parseYamlDocument,
} from '../../contract/index.js';
import { SOURCES_CHECK, type SourceCode } from './codes.js';
import { containsQuote } from './text.js';

export interface FetchedDocument {
  status: number;
  contentType: string;
  body: string;
}

/** Gets a document by URL or local path; rejects on transport failure. */
export type DocumentFetcher = (url: string) => Promise<FetchedDocument>;

export interface SourceCheckOptions {
  fetchDocument?: DocumentFetcher;
  /** Base folder for sources cited by local path (an OpenAPI file next to the ledger). */
  cwd?: string;
  /** ISO time of the check, recorded as the access time. */
  now: Clock;
}

export interface SourceRecord {
  url: string;
  status: number | null;
  contentHash: string | null;
  accessedAt: string;
  error?: string;
}

export interface SourceCheckResult {
  sources: SourceRecord[];
  findings: Finding[];
}

/** Documentation pages are small; this bounds a page that is not. */
const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/** Default fetcher: Node's fetch with a timeout, following redirects (documentation moves; the API may not). */
export function httpFetcher(timeoutMs = 15_000, cwd = process.cwd()): DocumentFetcher {
  return async (url) => {
    if (!/^https?:\/\//i.test(url)) {
      const body = await readFile(resolve(cwd, url.replace(/^file:\/\//, '')), 'utf8');
      return { status: 200, contentType: /\.ya?ml$/i.test(url) ? 'application/yaml' : 'text/plain', body };
    }
    const response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
    const buffer = await response.arrayBuffer();
    const body = new TextDecoder().decode(buffer.slice(0, MAX_DOCUMENT_BYTES));
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body };
  };
}

/** Checks every clause that cites a source with a URL and a quote. Unreachable sources are `not-run`. */
export async function checkSources(
  contract: Contract,
  options: SourceCheckOptions,
): Promise<SourceCheckResult> {
  const fetchDocument = options.fetchDocument ?? httpFetcher(15_000, options.cwd);
  const cited = contract.clauses.filter((clause) => citable(clause));
  const urls = [...new Set(cited.map((clause) => clause.resolvedSource?.url as string))];
  const documents = new Map<string, FetchedDocument | Error>();
  // One request per document, in turn: documentation sites rate-limit too.
  for (const url of urls) {
    try {
      documents.set(url, await fetchDocument(url));
    } catch (error) {
      documents.set(url, error instanceof Error ? error : new Error(String(error)));
    }
  }
  const sources: SourceRecord[] = urls.map((url) => {
    const document = documents.get(url);
    if (document instanceof Error || document === undefined) {
      return {
        url,
        status: null,
        contentHash: null,
        accessedAt: options.now().toISOString(),
        error: describe(document),
      };
    }
    const contentHash = `sha256:${createHash('sha256').update(document.body).digest('hex')}`;
    return { url, status: document.status, contentHash, accessedAt: options.now().toISOString() };
  });
  const parsed = new Map<string, unknown>();
  const structured = (url: string, document: FetchedDocument): unknown => {
    if (!parsed.has(url)) parsed.set(url, parseStructured(document.body, url));
    return parsed.get(url);
  };
  const findings = cited.map((clause) => {
    const url = clause.resolvedSource?.url as string;
    const document = documents.get(url);
    if (clause.resolvedSource?.pointer && document && !(document instanceof Error) && document.status < 400) {
      return judgePointer(contract, clause, structured(url, document), sources);
    }
    return judgeClause(contract, clause, document, sources);
  });
  for (const clause of contract.clauses.filter((c) => !citable(c) && c.source)) {
    findings.push(
      notRun({
        check: SOURCES_CHECK,
        area: clause.area,
        clause: clause.id,
        code: 'source-incomplete' satisfies SourceCode,
        reason: 'the source has no URL or no quoted passage yet, so there is nothing to check',
      }),
    );
  }
  return { sources, findings };
}

function citable(clause: ContractClause): boolean {
  const source = clause.resolvedSource;
  return Boolean(source?.url && source.quote && !isPlaceholder(source.url) && !isPlaceholder(source.quote));
}

function describe(error: Error | undefined): string {
  if (!error) return 'not fetched';
  const cause = (error as { cause?: { code?: string } }).cause?.code;
  return cause ? `${error.message} (${cause})` : error.message;
}

/** A machine-readable source (YAML or JSON), parsed once; an Error when it does not parse. */
function parseStructured(body: string, url: string): unknown {
  try {
    return /^\s*[{[]/.test(body) ? JSON.parse(body) : parseYamlDocument(body, url).data;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * A clause citing a JSON pointer is checked structurally: the pointer must still resolve, and the node's hash
 * must equal the one recorded when the clause was written. Its quote may be a summary, not a literal passage.
 */
function judgePointer(
  contract: Contract,
  clause: ContractClause,
  document: unknown,
  sources: readonly SourceRecord[],
): Finding {
  const source = clause.resolvedSource as { url: string; pointer: string; contentHash?: string };
  const record = sources.find((entry) => entry.url === source.url);
  const base: Pick<Finding, 'check' | 'area' | 'clause'> = {
    check: SOURCES_CHECK,
    area: clause.area,
    clause: clause.id,
  };
  if (document instanceof Error) {
    return notRun({
      ...base,
      code: 'source-unparseable' satisfies SourceCode,
      reason: `${source.url} is not YAML or JSON, so ${source.pointer} cannot be resolved: ${document.message.split('\n')[0]}`,
    });
  }
  const node = atPointer(document, source.pointer);
  const observed = node === undefined ? undefined : nodeHash(node);
  const details = {
    url: source.url,
    pointer: source.pointer,
    nodeHash: observed ?? null,
    accessedAt: record?.accessedAt ?? null,
  };
  if (observed === undefined) {
    return classifyFinding(contract, {
      ...base,
      code: 'pointer-gone' satisfies SourceCode,
      message: `${source.pointer} no longer exists in ${source.url}: the documented schema moved or was removed`,
      judgement: 'contradicts',
      evidence: { details },
    });
  }
  const changed = source.contentHash !== undefined && source.contentHash !== observed;
  return classifyFinding(contract, {
    ...base,
    code: (changed ? 'pointer-changed' : 'pointer-unchanged') satisfies SourceCode,
    message: changed
      ? `${source.pointer} in ${source.url} changed since the clause cited it; re-import and compare`
      : `${source.pointer} in ${source.url} is as the clause cited it`,
    judgement: changed ? 'contradicts' : 'matches',
    evidence: { details, ...(source.contentHash ? { expected: source.contentHash } : {}), observed },
  });
}

function judgeClause(
  contract: Contract,
  clause: ContractClause,
  document: FetchedDocument | Error | undefined,
  sources: readonly SourceRecord[],
): Finding {
  const source = clause.resolvedSource as { url: string; quote: string; contentHash?: string };
  const record = sources.find((entry) => entry.url === source.url);
  const details = {
    url: source.url,
    contentHash: record?.contentHash ?? null,
    accessedAt: record?.accessedAt ?? null,
  };
  if (document === undefined || document instanceof Error) {
    return notRun({
      check: SOURCES_CHECK,
      area: clause.area,
      clause: clause.id,
      code: 'source-unreachable' satisfies SourceCode,
      reason: `${source.url} could not be fetched: ${describe(document)}`,
      evidence: { details },
    });
  }
  if (document.status >= 400) {
    return classifyFinding(contract, {
      check: SOURCES_CHECK,
      area: clause.area,
      clause: clause.id,
      code: 'source-gone' satisfies SourceCode,
      message: `${source.url} answered ${document.status}; the cited documentation is no longer there`,
      judgement: 'contradicts',
      evidence: { details, expected: 200, observed: document.status },
    });
  }
  const found = containsQuote(document.body, source.quote, document.contentType);
  const changed = source.contentHash !== undefined && source.contentHash !== record?.contentHash;
  return classifyFinding(contract, {
    check: SOURCES_CHECK,
    area: clause.area,
    clause: clause.id,
    code: (found
      ? changed
        ? 'quote-found-page-changed'
        : 'quote-found'
      : 'quote-missing') satisfies SourceCode,
    message: found
      ? `the quoted passage is still in ${source.url}${changed ? ' (the page changed since the recorded hash)' : ''}`
      : `the quoted passage is no longer in ${source.url}: the documentation drifted from the ledger`,
    judgement: found ? 'matches' : 'contradicts',
    evidence: { details, expected: source.quote },
  });
}
