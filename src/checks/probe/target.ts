/**
 * @module checks/probe/target
 * The target of a run, resolved from the ledger plus the one-run overrides: URLs, auth header and scheme,
 * key reference, local timeout and budget. Pure: callers resolve the secret separately.
 */
import { CLAUSE, type Contract, read, values } from '../../contract/index.js';
import { ChatproofError } from '../../errors.js';
import type { TargetOverrides } from '../../plan/index.js';
import type { BudgetLimits } from './budget.js';

/** An override as recorded in the evidence: what the ledger says and what this run used instead. */
export interface TargetOverride {
  clause: string;
  ledger: string | null;
  used: string;
}

export interface Target {
  baseUrl: string;
  chatUrl: string;
  /** Absent when `endpoint.models-path` is pending. */
  modelsUrl?: string;
  authHeader: string;
  authScheme: string;
  keyRef: string;
  timeoutMs: number;
  budget: BudgetLimits;
  /** `errors.request-id` when known. */
  requestIdFrom?: string;
  overrides: TargetOverride[];
}

/** Joins a base URL and a path written relative to it (`/v1` + `/chat/completions`). */
export function joinUrl(base: string, path: string): string {
  // The path goes before the base URL's query and fragment (`https://h/v1?key=…` + `/chat` is `/v1/chat?key=…`).
  const cut = base.search(/[?#]/);
  const head = cut === -1 ? base : base.slice(0, cut);
  const tail = cut === -1 ? '' : base.slice(cut);
  return `${head.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}${tail}`;
}

/** Query parameters that carry credentials; masked whenever a URL is shown in a message. */
const SECRET_QUERY =
  /^(?:key|api[-_]?key|apikey|access[-_]?token|token|auth|sig|signature|secret|password|client[-_]secret|code)$/i;

/** A URL as it may be shown in a message: the user-info password and secret query values as `***`, parsed or not. */
export function maskUrl(value: string): string {
  return value
    .replace(/^((?:[a-z][a-z0-9+.-]*:?)?\/*[^/?#@:]*):[^/?#@]*@/i, '$1:***@')
    .replace(/([?&])([^=&#]+)=([^&#]*)/g, (whole, sep: string, name: string) =>
      SECRET_QUERY.test(safeDecode(name)) ? `${sep}${name}=***` : whole,
    );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Checks a base-URL override (`--base-url`) before anything is sent: an absolute `http:` or `https:` URL with
 * a host. A value that is not one is the operator's typo, not an observation of the target, so it is a usage
 * error (exit 64) naming the option and the value, never a finding.
 */
export function assertBaseUrl(value: string, option = '--base-url'): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '') return value;
  // A password or a key written into the URL is not echoed back, whether the URL parses or not.
  const shown = maskUrl(value);
  const why = url ? `scheme \`${url.protocol}\` is not http: or https:` : 'not an absolute URL';
  throw new ChatproofError(
    'E_USAGE',
    `${option} must be an absolute http:// or https:// URL (e.g. https://api.example.com/v1); got \`${shown}\` (${why})`,
  );
}

/** Resolves the target; undefined when a clause it needs is pending (the plan reports which). */
export function resolveTarget(contract: Contract, overrides: TargetOverrides = {}): Target | undefined {
  const ledgerBase = values.string(contract, CLAUSE.baseUrl);
  const ledgerKey = values.string(contract, CLAUSE.keyRef);
  const baseUrl = overrides.baseUrl ?? ledgerBase;
  const keyRef = overrides.keyRef ?? ledgerKey;
  const chatPath = values.string(contract, CLAUSE.chatPath);
  const authHeader = values.string(contract, CLAUSE.authHeader);
  const authScheme = values.string(contract, CLAUSE.authScheme);
  const timeoutMs = values.number(contract, CLAUSE.timeoutMs);
  const budget = read(contract, CLAUSE.reviewBudget);
  if (
    baseUrl === undefined ||
    keyRef === undefined ||
    chatPath === undefined ||
    authHeader === undefined ||
    authScheme === undefined ||
    timeoutMs === undefined ||
    budget === undefined
  ) {
    return undefined;
  }
  const recorded: TargetOverride[] = [];
  if (overrides.baseUrl !== undefined) {
    recorded.push({ clause: CLAUSE.baseUrl, ledger: ledgerBase ?? null, used: overrides.baseUrl });
  }
  if (overrides.keyRef !== undefined) {
    recorded.push({ clause: CLAUSE.keyRef, ledger: ledgerKey ?? null, used: overrides.keyRef });
  }
  const modelsPath = values.string(contract, CLAUSE.modelsPath);
  const requestIdFrom = values.string(contract, CLAUSE.requestId);
  const target: Target = {
    baseUrl,
    chatUrl: joinUrl(baseUrl, chatPath),
    authHeader,
    authScheme,
    keyRef,
    timeoutMs,
    budget,
    overrides: recorded,
  };
  if (modelsPath !== undefined) target.modelsUrl = joinUrl(baseUrl, modelsPath);
  if (requestIdFrom !== undefined) target.requestIdFrom = requestIdFrom;
  return target;
}
