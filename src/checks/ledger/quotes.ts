/**
 * @module checks/ledger/quotes
 * A value that contradicts its own quoted passage: a base URL, a path, a header name or a status the quote names
 * differently. The quote is what the ledger offers as proof; when it names something else, the value is not
 * traceable to it. Pure: reads the ledger only, needs no network.
 */
import type { Finding } from '../../classify/types.js';
import { CLAUSE, type Contract, type ContractClause, isEmptyEvidence } from '../../contract/index.js';
import { LEDGER_CHECK, type LedgerCode } from './codes.js';

export const CONTRADICTS_QUOTE = 'value-contradicts-quote' satisfies LedgerCode;

const URL_RE = /\bhttps?:\/\/[^\s"'`<>)\]]+/gi;
const PATH_RE = /(?:^|[\s`'"(=])(\/[A-Za-z0-9_\-.{}/]*[A-Za-z0-9_}])/g;
const HEADER_RE = /\b(authorization|proxy-authorization|x-[a-z0-9-]*[a-z0-9]|api-key|[a-z0-9]+-api-key)\b/gi;
const STATUS_RE = /\b([345]\d\d)\b/g;

const trimSlash = (text: string): string => text.replace(/[.,;:]+$/, '').replace(/\/+$/, '');

/** `a` and `b` name the same thing when one is the other, or extends it by whole path segments. */
function sameOrExtends(a: string, b: string): boolean {
  const [x, y] = [trimSlash(a.toLowerCase()), trimSlash(b.toLowerCase())];
  return x === y || x.startsWith(`${y}/`) || y.startsWith(`${x}/`);
}

/** A path relative to a base URL matches a quoted full path when it is its tail (`/v1/chat/completions`). */
function pathMatches(value: string, quoted: string): boolean {
  const [v, q] = [trimSlash(value), trimSlash(quoted)];
  return v === q || q.endsWith(v) || v.endsWith(q);
}

function quotedUrls(quote: string): string[] {
  return [...quote.matchAll(URL_RE)].map((m) => trimSlash(m[0]));
}

function quotedPaths(quote: string): string[] {
  const fromUrls = quotedUrls(quote).flatMap((url) => {
    try {
      const path = new URL(url).pathname;
      return path && path !== '/' ? [path] : [];
    } catch {
      return [];
    }
  });
  const withoutUrls = quote.replace(URL_RE, ' ');
  return [...fromUrls, ...[...withoutUrls.matchAll(PATH_RE)].map((m) => m[1] ?? '')].filter(Boolean);
}

interface Contradiction {
  quoted: string[];
}

/** What the quote names for this clause, and whether the value is among it; undefined when the quote is silent. */
function judge(clause: ContractClause, quote: string): Contradiction | undefined {
  const value = clause.value;
  switch (clause.id) {
    case CLAUSE.baseUrl: {
      if (typeof value !== 'string') return undefined;
      const quoted = quotedUrls(quote);
      return quoted.length > 0 && !quoted.some((q) => sameOrExtends(q, value)) ? { quoted } : undefined;
    }
    case CLAUSE.chatPath:
    case CLAUSE.modelsPath: {
      if (typeof value !== 'string') return undefined;
      const quoted = quotedPaths(quote);
      return quoted.length > 0 && !quoted.some((q) => pathMatches(value, q)) ? { quoted } : undefined;
    }
    case CLAUSE.authHeader: {
      if (typeof value !== 'string') return undefined;
      const quoted = [...new Set([...quote.matchAll(HEADER_RE)].map((m) => m[1] ?? ''))];
      const named = quoted.map((q) => q.toLowerCase());
      return quoted.length > 0 && !named.includes(value.toLowerCase()) ? { quoted } : undefined;
    }
    default: {
      if (!clause.id.startsWith('errors.') || value === null || typeof value !== 'object') return undefined;
      const status = (value as { status?: unknown }).status;
      const statuses = (Array.isArray(status) ? status : [status]).filter((s) => typeof s === 'number');
      if (statuses.length === 0) return undefined;
      const quoted = [...new Set([...quote.matchAll(STATUS_RE)].map((m) => Number(m[1])))];
      return quoted.length > 0 && !quoted.some((q) => statuses.includes(q))
        ? { quoted: quoted.map(String) }
        : undefined;
    }
  }
}

/** One finding per clause whose value its own quoted passage contradicts. */
export function quoteContradictions(contract: Contract): Finding[] {
  return contract.clauses.flatMap((clause): Finding[] => {
    const quote = clause.resolvedSource?.quote;
    if (clause.pending || quote === undefined || isEmptyEvidence(quote)) return [];
    const found = judge(clause, quote);
    if (!found) return [];
    const value = typeof clause.value === 'string' ? clause.value : JSON.stringify(clause.value);
    return [
      {
        class: 'documented-not-handled',
        check: LEDGER_CHECK,
        area: clause.area,
        clause: clause.id,
        clauses: [clause.id],
        code: CONTRADICTS_QUOTE,
        message: `${clause.id} = ${value}, but its quoted passage names ${found.quoted.join(', ')}: the value is not traceable to its source`,
        evidence: { expected: found.quoted, observed: clause.value },
      },
    ];
  });
}
