/**
 * @module checks/probe/tokens
 * Tokens an answer says it used, read from the ledger's usage fields, for the review budget. The largest
 * usage number is taken (a total is never below its parts), so no field name is assumed. Pure.
 */
import type { Exchange, StreamExchange } from '../../http/index.js';
import { resolvePath } from './paths.js';

function largest(body: unknown, fields: readonly string[]): number {
  let max = 0;
  for (const field of fields) {
    for (const value of resolvePath(body, field).values) {
      if (typeof value === 'number' && Number.isFinite(value) && value > max) max = value;
    }
  }
  return max;
}

/** Parses JSON, or undefined when the text is not JSON. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** The tokens an exchange reports through `usageFields` (0 when it reports none). */
export function observedTokens(exchange: Exchange | StreamExchange, usageFields: readonly string[]): number {
  if (usageFields.length === 0) return 0;
  if ('events' in exchange) {
    let max = 0;
    for (const event of exchange.events) {
      const parsed = parseJson(event.data);
      if (parsed.ok) max = Math.max(max, largest(parsed.value, usageFields));
    }
    return max;
  }
  const body = exchange.response?.body;
  if (body === undefined) return 0;
  const parsed = parseJson(body);
  return parsed.ok ? largest(parsed.value, usageFields) : 0;
}
