/**
 * @module simulator/types
 * The data a simulator profile is made of. Every behaviour carries the source it follows and whether the
 * provider documents it (`assumed: false`) or the simulator fills a gap (`assumed: true`).
 */
import type { FieldMeaning, HeaderSyntax } from '../contract/index.js';

/** The profiles the simulator ships. */
export type ProfileName = 'cometapi' | 'openai';

/** Where a behaviour is written down: a document, the passage, and the evidence tag of the reference pack. */
export interface ProfileSource {
  title: string;
  url: string;
  /** The passage (or a close paraphrase of an example payload) the value rests on. */
  quote: string;
  /** OFF vendor docs, MIR mirror, 3P third party, INF inference (see contract-facts.md). */
  tag: 'OFF' | 'MIR' | '3P' | 'INF';
}

/** One behaviour of a profile: its value, its source, and whether the provider documents it. */
export interface Sourced<T> {
  value: T;
  source: ProfileSource;
  /** True when the provider does not document this; the simulator picks a plausible behaviour. */
  assumed: boolean;
  note?: string;
}

/** An error the simulator answers with: status, the envelope's code and message. */
export interface ErrorSpec {
  status: number;
  message: string;
  code: string | null;
  /** Overrides the profile's type for this error (OpenAI uses several types). */
  type?: string;
  param?: string | null;
}

/** A model the profile serves: the alias a client asks for and the id the response echoes. */
export interface ModelEntry {
  id: string;
  resolved: string;
  ownedBy: string;
}

/** The rules request validation enforces; each names its source in the profile's `requestRules`. */
export type RequestRule =
  | 'body-object'
  | 'model-string'
  | 'model-known'
  | 'messages-array'
  | 'message-role'
  | 'message-content'
  | 'tool-call-id'
  | 'token-limit-integer'
  | 'n-range'
  | 'logprobs-boolean'
  | 'stream-boolean'
  | 'stream-options-object';

/** Where each request rule is written down. */
export type RequestRules = Readonly<Record<RequestRule, ProfileSource>>;

/** How the profile answers a path it does not serve. */
export type WrongPathBehaviour = { kind: 'redirect'; location: string } | { kind: 'json'; status: number };

/** How the profile reports the request id of an error. */
export type RequestIdPlacement =
  | { kind: 'message-suffix'; format: string; pattern: string }
  | { kind: 'header'; header: string };

/** The error envelope of a profile: `{"error":{message,type,param,code}}` with per-profile conventions. */
export interface EnvelopeStyle {
  wrapper: 'error';
  keys: readonly string[];
  /** `type` by status; `default` for the rest. */
  types: Readonly<Record<string, string>>;
  /** Value of `param` when the error names no parameter: `""` for CometAPI, `null` for OpenAI. */
  emptyParam: '' | null;
  /** Value of `code` when the error has none: `""` or `null`. */
  emptyCode: '' | null;
}

/** A contract profile: everything the simulator does that differs between providers, as data. */
export interface Profile {
  name: ProfileName;
  title: string;
  /** Named documents the profile cites, by id (the ledger's `sources`). */
  documents: Readonly<Record<string, { title: string; url: string; purpose: string }>>;
  baseUrl: Sourced<string>;
  chatPath: Sourced<string>;
  modelsPath: Sourced<string>;
  baseUrlVariable: Sourced<string>;
  auth: Sourced<{ header: string; scheme: string }>;
  /** Names of the request fields: the model selector, the messages array, role, content, stream flag. */
  requestFields: Sourced<{ model: string; messages: string; role: string; content: string; stream: string }>;
  models: Sourced<readonly ModelEntry[]>;
  /** Model ids the profile's documents list (schema enums, examples): accepted and listed, each echoed as sent. */
  documentedModels: Sourced<readonly string[]>;
  /** A model id the response echoes instead of the requested one under the `model-echo-different` drift. */
  substituteModel: string;
  roles: Sourced<readonly string[]>;
  /** Whether answers call the tools a request offers, as `tool_choice` describes (see simulator/tools). */
  toolCalls: Sourced<boolean>;
  /** The source of every rule request validation enforces (temperature and top_p ranges have their own). */
  requestRules: RequestRules;
  optionalParameters: Sourced<readonly string[]>;
  maxTokensField: Sourced<string>;
  temperatureRange: Sourced<readonly [number, number]>;
  topPRange: Sourced<readonly [number, number]>;
  finishReasons: Sourced<readonly string[]>;
  responseFields: Sourced<readonly string[]>;
  usageFields: Sourced<readonly string[]>;
  nullableFields: Sourced<readonly string[]>;
  streamDone: Sourced<string>;
  streamUsageDocumented: Sourced<boolean>;
  /** Whether the simulator sends the final usage chunk when `stream_options.include_usage` is set. */
  streamUsageChunk: Sourced<boolean>;
  envelope: Sourced<EnvelopeStyle>;
  requestId: Sourced<RequestIdPlacement>;
  /** Headers on every answer (OpenAI's `openai-version`, `x-ratelimit-*`); empty for CometAPI. */
  responseHeaders: Sourced<Readonly<Record<string, string>>>;
  retryAfter: Sourced<string>;
  wrongPath: Sourced<WrongPathBehaviour>;
  bodyLimitBytes: Sourced<number>;
  errors: {
    badAuth: Sourced<ErrorSpec>;
    missingModel: Sourced<ErrorSpec>;
    invalidRequest: Sourced<ErrorSpec>;
    unknownModel: Sourced<ErrorSpec>;
    malformedJson: Sourced<ErrorSpec>;
    tooLarge: Sourced<ErrorSpec>;
    methodNotAllowed: Sourced<ErrorSpec>;
    rateLimit: Sourced<ErrorSpec>;
    timeout: Sourced<readonly number[]>;
    upstreamFailure: Sourced<readonly number[]>;
    invalidRequest5xx: Sourced<ErrorSpec>;
    /** Messages for the status faults, by status. */
    byStatus: Sourced<Readonly<Record<string, ErrorSpec>>>;
  };
  /** How an error is signalled inside a stream after a 200. */
  streamError: Sourced<'data-error-object'>;
  support: Sourced<string>;
  billingUnits: Sourced<string>;
  /** The default retry policy of the client most users run (openai-node), for the ledger's local clauses. */
  clientPolicy: Sourced<{ maxAttempts: number; timeoutMs: number; maxTotalWaitMs: number }>;
  /** Presence and meaning of response fields, media types, header syntax and stream rules. */
  meaning: ProfileMeaning;
}

type Section = Partial<Record<'json' | 'stream' | 'models' | 'error', Record<string, FieldMeaning>>>;

/** The presence and meaning a profile's documents state, each with its source. */
export interface ProfileMeaning {
  fieldPresence: Sourced<{ required: string[]; optional: string[]; unstated?: string[]; maps?: string[] }>;
  fieldMeaning: Sourced<Section>;
  mediaTypes: Sourced<
    Partial<Record<'json' | 'stream' | 'models' | 'error', string>> & { errorStatuses?: string[] }
  >;
  headers: Sourced<Record<string, HeaderSyntax>>;
  streamRules: Sourced<{ sameId?: boolean; finalFinishReason?: boolean; usageChunkNoChoices?: boolean }>;
}
