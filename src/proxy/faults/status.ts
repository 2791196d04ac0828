/**
 * @module proxy/faults/status
 * Answers with any status and an error body in the profile's envelope, without contacting the upstream.
 */
import { randomBytes } from 'node:crypto';
import { sendWhole } from '../response.js';
import type { Fault } from '../types.js';

/** What an injected error needs to look like the provider's: the simulator's `errorBody` fits this. */
export interface ErrorEnvelopeInput {
  status: number;
  message: string;
  type?: string;
  code?: string | null;
  requestId: string;
}

/** Renders an error answer (headers and serialised body) in a provider's envelope. */
export type ErrorEnvelope = (input: ErrorEnvelopeInput) => { headers: Record<string, string>; body: string };

export interface StatusOptions {
  status: number;
  /** The envelope's `code` (e.g. `invalid_request`). */
  code?: string | null;
  /** The envelope's `type`; the profile's default for the status when absent. */
  type?: string;
  message?: string;
  /** Renders the body; use the simulator's `errorBody` bound to a profile. */
  envelope: ErrorEnvelope;
  /** Extra response headers. */
  headers?: Readonly<Record<string, string>>;
}

/** Answers every request with `status` and the profile's error body. */
export function status(options: StatusOptions): Fault {
  const name = `status:${options.status}${options.code ? `:${options.code}` : ''}`;
  return () => (request, response) => {
    request.note(name);
    const input: ErrorEnvelopeInput = {
      status: options.status,
      message: options.message ?? `HTTP ${options.status} injected by the chatproof fault proxy`,
      requestId: `chatproof-${randomBytes(6).toString('hex')}`,
    };
    if (options.code !== undefined) input.code = options.code;
    if (options.type !== undefined) input.type = options.type;
    const answer = options.envelope(input);
    sendWhole(response, options.status, { ...answer.headers, ...options.headers }, Buffer.from(answer.body));
  };
}
