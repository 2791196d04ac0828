/**
 * @module simulator/ledger
 * A complete ledger describing a simulator profile: every catalogue clause filled from the profile, each with
 * the profile's source. Demo runs, tests and users start from it. Pure.
 */
import { CATALOGUE, CLAUSE } from '../contract/catalogue.js';
import type { Clause, ErrorExpectation, JsonValue, LedgerInput } from '../contract/index.js';
import { errorObject } from './envelope.js';
import { PROFILES } from './profiles/index.js';
import { CHUNK_SCHEMA, COMPLETION_SCHEMA } from './schemas.js';
import type { ErrorSpec, Profile, ProfileName, ProfileSource, Sourced } from './types.js';

/** The date the reference pack the profiles cite was read (the `accessed` date of every source). */
export const PROFILE_SOURCES_ACCESSED = '2026-11-26';

/** Values the simulator's ledger chooses itself (local policy), cited to the profile file. */
const local = <T>(profile: Profile, value: T, why: string): Sourced<T> => ({
  value,
  source: {
    tag: 'INF',
    title: `chatproof simulator profile \`${profile.name}\``,
    url: `src/simulator/profiles/${profile.name}.ts`,
    quote: why,
  },
  assumed: true,
});

interface Filled {
  value: JsonValue;
  from: Sourced<unknown>;
  /** JSON Schema kept with the clause, so observations are judged by type as well as presence. */
  schema?: Record<string, unknown>;
}

const fill = (from: Sourced<unknown>, value: unknown = from.value): Filled => ({
  value: value as JsonValue,
  from,
});

/** The error expectation the ledger states for one of the profile's errors. */
function expectation(profile: Profile, spec: ErrorSpec, retryable: boolean): ErrorExpectation {
  const object = errorObject(profile, { ...spec, requestId: 'x' }).error;
  const out: ErrorExpectation = { status: spec.status, retryable, type: String(object.type), body: 'json' };
  if (object.code !== null && object.code !== '') out.code = String(object.code);
  return out;
}

/** Where the profile ledger points: the simulator's URL, the key reference, and model ids the operator added. */
export interface LedgerTarget {
  baseUrl: string;
  keyRef: string;
  /** `simulate --model` ids: the first becomes `request.model-id`, a local value. */
  models?: readonly string[];
}

function values(profile: Profile, target: LedgerTarget): Record<string, Filled> {
  const p = profile;
  const e = p.errors;
  const fields = p.requestFields.value;
  const type = p.envelope.value.types.default ?? 'error';
  const wrong = p.wrongPath.value;
  return {
    // The simulator's own address is sourced to the simulator, never to the provider's documented URL.
    [CLAUSE.baseUrl]:
      target.baseUrl === p.baseUrl.value
        ? fill(p.baseUrl)
        : fill(local(p, target.baseUrl, `the embedded simulator serves this profile at ${target.baseUrl}`)),
    [CLAUSE.chatPath]: fill(p.chatPath),
    [CLAUSE.modelsPath]: fill(p.modelsPath),
    [CLAUSE.baseUrlVariable]: fill(p.baseUrlVariable),
    [CLAUSE.authHeader]: fill(p.auth, p.auth.value.header),
    [CLAUSE.authScheme]: fill(p.auth, p.auth.value.scheme),
    [CLAUSE.keyRef]: fill(p.auth, target.keyRef),
    [CLAUSE.modelField]: fill(p.requestFields, fields.model),
    [CLAUSE.modelId]: target.models?.[0]
      ? fill(local(p, target.models[0], `the operator added this model id with \`simulate --model\``))
      : fill(p.models, p.models.value[0]?.id ?? 'model'),
    [CLAUSE.requiredFields]: fill(p.requestFields, [fields.model, fields.messages]),
    [CLAUSE.messagesField]: fill(p.requestFields, fields.messages),
    [CLAUSE.roleField]: fill(p.requestFields, fields.role),
    [CLAUSE.contentField]: fill(p.requestFields, fields.content),
    [CLAUSE.userRole]: fill(p.roles, 'user'),
    [CLAUSE.roles]: fill(p.roles, [...p.roles.value]),
    [CLAUSE.optionalParameters]: fill(p.optionalParameters, [...p.optionalParameters.value]),
    [CLAUSE.maxTokensField]: fill(p.maxTokensField),
    [CLAUSE.streamField]: fill(p.requestFields, fields.stream),
    [CLAUSE.temperatureRange]: fill(p.temperatureRange, [...p.temperatureRange.value]),
    [CLAUSE.contentPath]: fill(p.responseFields, 'choices[0].message.content'),
    [CLAUSE.finishReasonPath]: fill(p.responseFields, 'choices[0].finish_reason'),
    [CLAUSE.finishReasons]: fill(p.finishReasons, [...p.finishReasons.value]),
    [CLAUSE.responseFields]: {
      ...fill(p.responseFields, [...p.responseFields.value]),
      schema: COMPLETION_SCHEMA,
    },
    [CLAUSE.parsedFields]: fill(p.responseFields, [
      'choices[].message.content',
      'choices[].finish_reason',
      ...p.usageFields.value,
    ]),
    [CLAUSE.idField]: fill(p.responseFields, 'id'),
    [CLAUSE.usageFields]: fill(p.usageFields, [...p.usageFields.value]),
    [CLAUSE.nullableFields]: fill(p.nullableFields, [...p.nullableFields.value]),
    [CLAUSE.streamDone]: { ...fill(p.streamDone), schema: CHUNK_SCHEMA },
    [CLAUSE.streamUsage]: fill(p.streamUsageDocumented),
    [CLAUSE.fieldPresence]: fill(p.meaning.fieldPresence),
    [CLAUSE.fieldMeaning]: fill(p.meaning.fieldMeaning),
    [CLAUSE.mediaTypes]: fill(p.meaning.mediaTypes),
    [CLAUSE.responseHeaders]: fill(p.meaning.headers),
    [CLAUSE.streamRules]: fill(p.meaning.streamRules),
    [CLAUSE.errorEnvelope]: fill(p.envelope, {
      wrapper: p.envelope.value.wrapper,
      keys: [...p.envelope.value.keys],
    }),
    [CLAUSE.badAuth]: fill(e.badAuth, expectation(p, e.badAuth.value, false)),
    [CLAUSE.invalidRequest]: fill(e.invalidRequest, expectation(p, e.invalidRequest.value, false)),
    [CLAUSE.invalidModel]: fill(e.unknownModel, expectation(p, e.unknownModel.value, false)),
    [CLAUSE.rateLimit]: fill(e.rateLimit, expectation(p, e.rateLimit.value, true)),
    [CLAUSE.timeout]: fill(e.timeout, { status: [...e.timeout.value], retryable: true, body: 'json' }),
    [CLAUSE.upstreamFailure]: fill(e.upstreamFailure, {
      status: [...e.upstreamFailure.value],
      retryable: true,
      body: 'json',
    }),
    [CLAUSE.wrongPath]: fill(
      p.wrongPath,
      wrong.kind === 'redirect'
        ? { status: 301, retryable: false, body: 'redirect' }
        : { status: wrong.status, retryable: false, type, body: 'json' },
    ),
    [CLAUSE.invalidRequest5xx]: fill(e.invalidRequest5xx, expectation(p, e.invalidRequest5xx.value, false)),
    [CLAUSE.requestId]: fill(
      p.requestId,
      p.requestId.value.kind === 'header'
        ? `header:${p.requestId.value.header}`
        : `message:${p.requestId.value.pattern}`,
    ),
    [CLAUSE.retryAfter]: fill(p.retryAfter),
    [CLAUSE.rateLimitValue]: fill(p.responseHeaders, 'not-relied-on'),
    [CLAUSE.billingUnits]: fill(p.billingUnits),
    [CLAUSE.reviewBudget]: fill(
      local(
        p,
        { requests: 200, tokens: 50_000 },
        'A review against the simulator sends a few dozen small requests.',
      ),
    ),
    [CLAUSE.timeoutMs]: fill(p.clientPolicy, p.clientPolicy.value.timeoutMs),
    [CLAUSE.maxAttempts]: fill(p.clientPolicy, p.clientPolicy.value.maxAttempts),
    [CLAUSE.maxTotalWaitMs]: fill(p.clientPolicy, p.clientPolicy.value.maxTotalWaitMs),
    [CLAUSE.fallbackVariable]: fill(local(p, 'none', 'The example client has no fallback base URL.')),
    [CLAUSE.escalationPath]: fill(p.support),
    [CLAUSE.contractOwner]: fill(
      local(
        p,
        'chatproof simulator profile maintainers',
        'The simulator profile is maintained with chatproof.',
      ),
    ),
    [CLAUSE.configLocation]: fill(
      local(p, `chatproof simulate --profile ${p.name}`, 'The simulator serves this profile.'),
    ),
    [CLAUSE.fixturePath]: fill(
      local(p, 'test/simulator.test.ts', 'chatproof’s own simulator tests exercise this profile.'),
    ),
  };
}

function pendingItem(placeholder: JsonValue): Filled {
  const from: Sourced<unknown> = {
    value: placeholder,
    source: {
      tag: 'INF',
      title: 'not in the simulator profile',
      url: 'src/simulator/ledger.ts',
      quote: 'No value yet.',
    },
    assumed: true,
  };
  return { value: placeholder, from };
}

const EVIDENCE: Record<string, { location: string; note: string } | undefined> = {
  code: {
    location: 'examples/openai-client.mjs',
    note: 'bundled example client (the openai SDK), not your application',
  },
  test: {
    location: 'test/simulator.test.ts',
    note: "chatproof's own simulator tests, not your application's",
  },
  config: {
    location: 'src/simulator/profiles',
    note: 'the simulator profile, not your application configuration',
  },
  runbook: { location: 'README.md#simulator', note: "chatproof's simulator documentation" },
};

function citation(source: ProfileSource): Clause['source'] {
  return { title: source.title, url: source.url, accessed: PROFILE_SOURCES_ACCESSED, quote: source.quote };
}

/** A complete ledger for the profile, pointing at `target` (the running simulator). No clause is pending. */
export function profileLedger(name: ProfileName, target: LedgerTarget): LedgerInput {
  const profile = PROFILES[name];
  const filled = values(profile, target);
  const clauses: Clause[] = CATALOGUE.map((entry) => {
    // A clause added to the catalogue after this profile was written stays pending rather than crashing the
    // demo; the ledger test fails on it so the profile gets its value.
    const item = filled[entry.id] ?? pendingItem(entry.placeholder);
    const notes = [
      item.from.assumed
        ? `Assumed: not documented by the provider; the ${profile.name} profile chooses it.`
        : '',
      `Evidence tag: ${item.from.source.tag}.`,
      item.from.note ?? '',
    ];
    const clause: Clause = {
      id: entry.id,
      area: entry.area,
      statement: entry.statement,
      value: item.value,
      source: citation(item.from.source),
      implementation: entry.evidence.flatMap((kind) => {
        const evidence = EVIDENCE[kind];
        return evidence ? [{ kind: kind as Clause['implementation'][number]['kind'], ...evidence }] : [];
      }),
      owner: 'chatproof simulator profile maintainers',
      notes: notes.filter(Boolean).join(' '),
    };
    if (entry.basis) clause.basis = entry.basis;
    if (entry.id === CLAUSE.modelId && target.models?.[0]) clause.basis = 'local';
    if (item.schema) clause.schema = item.schema;
    return clause;
  });
  const sources = Object.fromEntries(
    Object.entries(profile.documents).map(([id, doc]) => [
      id,
      { ...doc, accessed: PROFILE_SOURCES_ACCESSED },
    ]),
  );
  return {
    version: 1,
    review: {
      id: `SIM-${profile.name.toUpperCase()}`,
      application: 'chatproof simulator',
      environment: 'local simulator',
      owner: 'chatproof simulator profile maintainers',
      deployVersion: `simulator profile ${profile.name}`,
      configSource: `chatproof simulate --profile ${profile.name}`,
      docsReviewedOn: PROFILE_SOURCES_ACCESSED,
      reviewer: 'chatproof simulate --ledger-out (generated)',
      captures: [],
    },
    sources,
    clauses,
    waivers: [],
  };
}
