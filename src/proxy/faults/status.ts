/**
 * @module proxy/faults/status
 * Answers with any status and an error body in the provider's envelope, without contacting the upstream.
 */
import { sendWhole } from '../response.js';
import type { Fault } from '../types.js';

/** What an injected error says; the envelope fills in what is absent the provider's way. */
export interface ErrorEnvelopeInput {
  status: number;
  /** Absent: the envelope's message for the status (its catalogued error, or a plain default). */
  message?: string;
  type?: string;
  code?: string | null;
  /** Absent: the envelope assigns one. */
  requestId?: string;
}

/** Renders an error answer (headers and serialised body) in a provider's envelope. */
export type ErrorEnvelope = (input: ErrorEnvelopeInput) => { headers: Record<string, string>; body: string };

export interface StatusOptions {
  status: number;
  /** The envelope's `code` (e.g. `invalid_request`). */
  code?: string | null;
  /** The envelope's `type`; the envelope's default for the status when absent. */
  type?: string;
  message?: string;
  /** Renders the body: `faultEnvelope(profile)` from the simulator, or one built from a ledger. */
  envelope: ErrorEnvelope;
  /** Extra response headers. */
  headers?: Readonly<Record<string, string>>;
}

/** Answers every request with `status` and the envelope's error body. */
export function status(options: StatusOptions): Fault {
  const name = `status:${options.status}${options.code ? `:${options.code}` : ''}`;
  const input: ErrorEnvelopeInput = { status: options.status };
  if (options.message !== undefined) input.message = options.message;
  if (options.code !== undefined) input.code = options.code;
  if (options.type !== undefined) input.type = options.type;
  return () => (request, response) => {
    request.note(name);
    const answer = options.envelope({ ...input });
    sendWhole(response, options.status, { ...answer.headers, ...options.headers }, Buffer.from(answer.body));
  };
}
