/**
 * @module checks/audit/envelope
 * The envelope the audit's injected errors take: the wrapper and keys of the ledger's `errors.envelope` and the
 * request-id placement of `errors.request-id`, so the client meets the errors its contract documents. The values
 * of the keys (message, type, code, param) are the simulator profile's for the status unless the fault names
 * them; a key the profile does not know is null.
 */
import { randomBytes } from 'node:crypto';
import { CLAUSE, type Contract, read } from '../../contract/index.js';
import type { ErrorEnvelope } from '../../proxy/index.js';
import { cataloguedError, errorObject, faultEnvelope, type Profile } from '../../simulator/index.js';

/** Where the ledger puts the request id: a header, or inside the message (matched by a pattern). */
type Placement = { kind: 'header'; header: string } | { kind: 'message'; pattern: RegExp } | undefined;

function placement(contract: Contract): Placement {
  const value = read(contract, CLAUSE.requestId);
  if (value === undefined) return undefined;
  if (value.startsWith('header:')) return { kind: 'header', header: value.slice(7).toLowerCase() };
  try {
    return { kind: 'message', pattern: new RegExp(value.slice(8)) };
  } catch {
    return undefined;
  }
}

/** The message with the request id placed so the ledger's pattern finds it, or unchanged when no suffix fits. */
function withId(message: string, id: string, pattern: RegExp, profile: Profile): string {
  const own = profile.requestId.value;
  const formats = [...(own.kind === 'message-suffix' ? [own.format] : []), ' (request id: {id})', ' {id}'];
  for (const format of formats) {
    const candidate = `${message}${format.replace('{id}', id)}`;
    if (pattern.exec(candidate)?.[1] === id) return candidate;
  }
  return message;
}

/** Injected errors in the ledger's envelope; the profile's own envelope when the ledger's is pending. */
export function ledgerEnvelope(contract: Contract, profile: Profile): ErrorEnvelope {
  const shape = read(contract, CLAUSE.errorEnvelope);
  if (shape === undefined) return faultEnvelope(profile);
  const where = placement(contract);
  return (input) => {
    const requestId = input.requestId ?? `chatproof-${randomBytes(6).toString('hex')}`;
    const spec = cataloguedError(profile, input.status, input.code);
    const message = input.message ?? spec.message;
    const type = input.type ?? spec.type;
    const values: Record<string, unknown> = errorObject(profile, {
      status: input.status,
      message,
      code: input.code !== undefined ? input.code : spec.code,
      ...(type !== undefined ? { type } : {}),
      ...(spec.param !== undefined ? { param: spec.param } : {}),
      requestId,
    }).error;
    values.message = where?.kind === 'message' ? withId(message, requestId, where.pattern, profile) : message;
    const inner = Object.fromEntries(shape.keys.map((key) => [key, values[key] ?? null]));
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (where?.kind === 'header') headers[where.header] = requestId;
    return { headers, body: JSON.stringify({ [shape.wrapper]: inner }) };
  };
}
