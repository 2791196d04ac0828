/**
 * @module checks/sources/check
 * `chatproof sources check`: fetches every cited source once, checks each clause's quoted passage is still
 * there, and records the access time and a content hash (documentation drift). The fetch is injected.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { judge, notRun } from '../../classify/index.js';
import type { Finding } from '../../classify/types.js';
import { type Contract, type ContractClause, isPlaceholder } from '../../contract/index.js';
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
  now: string;
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

const CHECK = 'sources';
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
      return { url, status: null, contentHash: null, accessedAt: options.now, error: describe(document) };
    }
    const contentHash = `sha256:${createHash('sha256').update(document.body).digest('hex')}`;
    return { url, status: document.status, contentHash, accessedAt: options.now };
  });
  const findings = cited.map((clause) =>
    judgeClause(contract, clause, documents.get(clause.resolvedSource?.url as string), sources),
  );
  for (const clause of contract.clauses.filter((c) => !citable(c) && c.source)) {
    findings.push(
      notRun({
        check: CHECK,
        area: clause.area,
        clause: clause.id,
        code: 'source-incomplete',
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
      check: CHECK,
      area: clause.area,
      clause: clause.id,
      code: 'source-unreachable',
      reason: `${source.url} could not be fetched: ${describe(document)}`,
      evidence: { details },
    });
  }
  if (document.status >= 400) {
    return judge(contract, {
      check: CHECK,
      area: clause.area,
      clause: clause.id,
      code: 'source-gone',
      message: `${source.url} answered ${document.status}; the cited documentation is no longer there`,
      judgement: 'contradicts',
      evidence: { details, expected: 200, observed: document.status },
    });
  }
  const found = containsQuote(document.body, source.quote, document.contentType);
  const changed = source.contentHash !== undefined && source.contentHash !== record?.contentHash;
  return judge(contract, {
    check: CHECK,
    area: clause.area,
    clause: clause.id,
    code: found ? (changed ? 'quote-found-page-changed' : 'quote-found') : 'quote-missing',
    message: found
      ? `the quoted passage is still in ${source.url}${changed ? ' (the page changed since the recorded hash)' : ''}`
      : `the quoted passage is no longer in ${source.url}: the documentation drifted from the ledger`,
    judgement: found ? 'matches' : 'contradicts',
    evidence: { details, expected: source.quote },
  });
}
