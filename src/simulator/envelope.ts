/**
 * @module simulator/envelope
 * A profile's error envelope and request id placement. Pure; the fault proxy reuses it so its injected
 * errors look like the provider's.
 */
import { PROFILES } from './profiles/index.js';
import type { ErrorSpec, Profile, ProfileName } from './types.js';

/** What an error answer needs: the status, the message, and the request id to place the profile's way. */
export interface ErrorBodyInput {
  status: number;
  message: string;
  type?: string;
  code?: string | null;
  param?: string | null;
  requestId: string;
}

/** Headers and body (serialised JSON) of an error answer in the profile's envelope. */
export interface ErrorAnswer {
  headers: Record<string, string>;
  body: string;
}

/** The error object (`{"error":{message,type,param,code}}`) the profile answers with. */
export function errorObject(profile: Profile, input: ErrorBodyInput): { error: Record<string, unknown> } {
  const style = profile.envelope.value;
  const placement = profile.requestId.value;
  const message =
    placement.kind === 'message-suffix'
      ? `${input.message}${placement.format.replace('{id}', input.requestId)}`
      : input.message;
  return {
    error: {
      message,
      type: input.type ?? style.types[String(input.status)] ?? style.types.default ?? 'error',
      param: input.param ?? style.emptyParam,
      code:
        input.code === undefined || input.code === null || input.code === '' ? style.emptyCode : input.code,
    },
  };
}

/** The profile's error answer: JSON envelope plus the request-id header when the profile has one. */
export function errorBody(profileOrName: Profile | ProfileName, input: ErrorBodyInput): ErrorAnswer {
  const profile = typeof profileOrName === 'string' ? PROFILES[profileOrName] : profileOrName;
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  const placement = profile.requestId.value;
  if (placement.kind === 'header') headers[placement.header] = input.requestId;
  return { headers, body: JSON.stringify(errorObject(profile, input)) };
}

/** `errorBody` for one of the profile's catalogued errors. */
export function specBody(
  profile: Profile,
  spec: ErrorSpec,
  requestId: string,
  message?: string,
): ErrorAnswer {
  const input: ErrorBodyInput = {
    status: spec.status,
    message: message ?? spec.message,
    code: spec.code,
    requestId,
  };
  if (spec.type !== undefined) input.type = spec.type;
  if (spec.param !== undefined) input.param = spec.param;
  return errorBody(profile, input);
}
