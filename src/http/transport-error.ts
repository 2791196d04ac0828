/**
 * @module http/transport-error
 * Turns a Node socket/TLS/DNS error into data with a class and a sentence an operator can act on.
 */
import type { ClassifiedTransportError, RunLimit, TransportErrorKind } from './types.js';

const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH|EPROTO$)/;

/** Classifies `error` raised while talking to `url`. `timeoutMs` names the limit when our timer fired. */
export function classifyTransportError(
  error: unknown,
  url: string,
  context: {
    timedOut?: boolean;
    stalled?: boolean;
    aborted?: boolean;
    timeoutMs?: number;
    stallMs?: number;
  } = {},
): ClassifiedTransportError {
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  const host = safeHost(url);
  const detail = (error as Error | undefined)?.message ?? String(error);
  const make = (code: TransportErrorKind, message: string, limit?: RunLimit): ClassifiedTransportError => ({
    code,
    message,
    ...(errno ? { errno } : {}),
    ...(limit ? { limit } : {}),
  });
  if (context.timedOut) {
    return make(
      'timeout',
      `no complete answer from ${host} within the local timeout of ${context.timeoutMs} ms`,
      context.timeoutMs !== undefined ? { kind: 'timeout', ms: context.timeoutMs } : undefined,
    );
  }
  if (context.stalled) {
    return make(
      'timeout',
      `stalled: ${host} sent headers and then no byte for ${context.stallMs} ms (stall limit)`,
      context.stallMs !== undefined ? { kind: 'stall', ms: context.stallMs } : undefined,
    );
  }
  if (context.aborted) return make('aborted', `request to ${host} was cancelled`);
  if (errno === 'ECONNREFUSED')
    return make('refused', `connection refused by ${host} (nothing listens there)`);
  if (errno === 'ENOTFOUND' || errno === 'EAI_AGAIN' || errno === 'EAI_NONAME' || errno === 'EAI_FAIL') {
    return make('dns', `DNS lookup failed for ${host} (${errno}): check the base URL's host name`);
  }
  if ((errno && TLS_CODE.test(errno)) || /SSL|TLS|certificate|wrong version number/i.test(detail)) {
    return make('tls', `TLS handshake with ${host} failed (${errno ?? 'tls'}): ${firstLine(detail)}`);
  }
  if (errno === 'ECONNRESET' || errno === 'EPIPE' || /socket hang up/i.test(detail)) {
    return make('reset', `connection to ${host} was reset before the answer was complete`);
  }
  if (errno === 'ETIMEDOUT' || errno === 'ECONNABORTED') {
    return make('timeout', `connection to ${host} timed out (${errno})`);
  }
  return make('other', `request to ${host} failed: ${firstLine(detail)}`);
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the target';
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.slice(0, 200) ?? '';
}
