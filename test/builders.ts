/**
 * The one place tests build ledgers, contracts and packets: a complete, sourced ledger, one handled finding per
 * area, and a packet judged from them, the baseline every verdict and packet test breaks one thing of.
 */

import type { AuditScenarioRecord } from '../src/checks/audit/index.js';
import type { CheckName } from '../src/classify/check-names.js';
import type { Finding } from '../src/classify/types.js';
import {
  AREAS,
  type Area,
  CATALOGUE,
  type Clause,
  type ClauseId,
  type Contract,
  type Ledger,
  type LedgerInput,
  LedgerSchema,
  toContract,
} from '../src/contract/index.js';
import { buildPacket, type Packet, type PacketInput } from '../src/report/index.js';
import { type LedgerTarget, type ProfileName, profileLedger } from '../src/simulator/index.js';
import { judge } from '../src/verdict/index.js';

const VALUES: Readonly<Record<string, unknown>> = {
  'endpoint.base-url': 'https://api.example.test/v1',
  'endpoint.chat-path': '/chat/completions',
  'endpoint.models-path': '/models',
  'endpoint.base-url-variable': 'CHAT_BASE_URL',
  'auth.header': 'Authorization',
  'auth.scheme': 'Bearer',
  'auth.key-ref': 'env:CHAT_API_KEY',
  'request.model-field': 'model',
  'request.model-id': 'sim-chat-1',
  'request.required-fields': ['model', 'messages'],
  'request.messages-field': 'messages',
  'request.role-field': 'role',
  'request.content-field': 'content',
  'request.user-role': 'user',
  'request.roles': ['system', 'user', 'assistant'],
  'request.optional-parameters': ['temperature', 'max_tokens', 'stream'],
  'request.max-tokens-field': 'max_tokens',
  'request.stream-field': 'stream',
  'request.temperature-range': [0, 2],
  'response.content-path': 'choices[0].message.content',
  'response.finish-reason-path': 'choices[0].finish_reason',
  'response.finish-reasons': ['stop', 'length'],
  'response.fields': ['id', 'choices[].message.content', 'choices[].finish_reason', 'usage.total_tokens'],
  'response.parsed-fields': ['choices[0].message.content', 'usage.total_tokens'],
  'response.id-field': 'id',
  'response.usage-fields': ['usage.total_tokens'],
  'response.nullable-fields': ['choices[].message.content'],
  'response.stream-done': '[DONE]',
  'response.stream-usage': false,
  'response.field-presence': { required: ['id', 'choices'], optional: ['usage'] },
  'response.field-meaning': { json: { created: { type: 'integer' } } },
  'response.media-types': { json: 'application/json', stream: 'text/event-stream' },
  'response.headers': {},
  'response.stream-rules': { sameId: true },
  'errors.envelope': { wrapper: 'error', keys: ['message', 'type', 'code'] },
  'errors.bad-auth': { status: 401, retryable: false },
  'errors.invalid-request': { status: 400, retryable: false },
  'errors.invalid-model': { status: [400, 404], retryable: false },
  'errors.rate-limit': { status: 429, retryable: true },
  'errors.timeout': { status: 504, retryable: true },
  'errors.upstream-failure': { status: [500, 503], retryable: true },
  'errors.wrong-path': { status: 404, retryable: false },
  'errors.invalid-request-5xx': { status: 500, code: 'invalid_request', retryable: false },
  'errors.request-id': 'message:request id: ([\\w-]+)',
  'limits.retry-after': 'none',
  'limits.rate-limit': 'not-relied-on',
  'billing.units': 'tokens',
  'billing.review-budget': { requests: 50, tokens: 20000 },
  'policy.timeout-ms': 30000,
  'policy.max-attempts': 3,
  'policy.max-total-wait-ms': 10000,
  'policy.fallback-variable': 'CHAT_FALLBACK_URL',
  'support.escalation-path': 'support@example.test',
  'support.contract-owner': 'team-chat-platform',
  'support.config-location': 'deploy/chat.env',
  'support.fixture-path': 'test/fixtures/chat-contract.json',
} satisfies Record<ClauseId, unknown>;

/** A complete ledger: every catalogue clause known, cited, implemented and owned. */
export function testLedger(): Ledger {
  const clauses: Clause[] = CATALOGUE.map((entry) => {
    if (!(entry.id in VALUES)) throw new Error(`builders: add a value for the new clause ${entry.id}`);
    const clause: Clause = {
      id: entry.id,
      area: entry.area,
      statement: entry.statement,
      value: VALUES[entry.id] as Clause['value'],
      source: { ref: entry.source, quote: `Documented: ${entry.id}` },
      implementation: [{ kind: 'config', location: `src/chat/config.ts:${10 + CATALOGUE.indexOf(entry)}` }],
      owner: 'team-chat-platform',
    };
    if (entry.basis) clause.basis = entry.basis;
    return clause;
  });
  return LedgerSchema.parse({
    version: 1,
    review: {
      id: 'CHG-42',
      application: 'support-bot',
      environment: 'staging',
      owner: 'team-chat-platform',
      deployVersion: 'abc1234',
      configSource: 'deploy/chat.env',
      docsReviewedOn: '2026-06-09',
      reviewer: 'R. Reviewer',
      captures: [],
    },
    sources: {
      'chat-api-docs': {
        title: 'Chat API documentation',
        url: 'https://docs.example.test/chat',
        accessed: '2026-06-09',
      },
      'docs-index': {
        title: 'Documentation index',
        url: 'https://docs.example.test/',
        accessed: '2026-06-09',
      },
      'help-center': { title: 'Help center', url: 'https://docs.example.test/help', accessed: '2026-06-09' },
    },
    clauses,
    waivers: [],
  });
}

/**
 * A negative case per area, each its own check, to name a test finding by: a check with no meaning of its own
 * to the verdict (a probe's answer validates its request clauses, the source check's run clears a qualifier).
 */
export const AREA_CHECK = {
  endpoint: 'negative:wrong-path',
  auth: 'negative:invalid-key',
  request: 'negative:malformed-json',
  response: 'negative:missing-model',
  errors: 'negative:unknown-model',
  'limits-billing': 'negative:temperature-out-of-range',
  support: 'negative:invalid-role',
} as const satisfies Record<Area, CheckName>;

/** One documented-and-handled finding per area: every area validated. */
export function handledFindings(): Finding[] {
  return AREAS.map((area) => ({
    class: 'documented-handled',
    check: AREA_CHECK[area],
    area,
    clause: null,
    code: 'status-matches',
    message: `the ${area} area matches its clauses`,
    evidence: {},
  }));
}

/**
 * The contract a ledger loads to, validated as a ledger file is (the complete test ledger by default): every test
 * contract is built here.
 */
export const testContract = (ledger: LedgerInput = testLedger()): Contract =>
  toContract(LedgerSchema.parse(ledger));

/** A simulator profile's own ledger, pointed at `target`, as a contract. */
export const profileContract = (profile: ProfileName, target: LedgerTarget): Contract =>
  testContract(profileLedger(profile, target));

/** Returns a copy of the ledger with one clause changed. */
export function withClause(
  ledger: Ledger,
  id: ClauseId,
  change: (clause: Clause) => Clause | undefined,
): Ledger {
  const clauses = ledger.clauses.flatMap((clause) => {
    if (clause.id !== id) return [clause];
    const next = change(structuredClone(clause));
    return next ? [next] : [];
  });
  return { ...ledger, clauses };
}

/** A varied set of findings: handled, a discrepancy with an exchange and reproducer, a failure, a skipped check. */
export function variedFindings(): Finding[] {
  return [
    ...handledFindings(),
    {
      class: 'unexpected',
      check: 'negative:missing-auth',
      area: 'auth',
      clause: 'errors.bad-auth',
      code: 'status-mismatch',
      message: 'a request without a key was answered 403, the documentation says 401',
      evidence: {
        expected: { status: 401 },
        observed: { status: 403 },
        requestId: 'req-0001',
        reproducer:
          "curl -sS -X POST 'https://api.example.test/v1/chat/completions' -H 'Content-Type: application/json' -d '{}'",
        exchange: {
          startedAt: '2026-06-10T09:00:00.000Z',
          request: { method: 'POST', url: 'https://api.example.test/v1/chat/completions', headers: {} },
          response: {
            status: 403,
            headers: { 'content-type': 'application/json' },
            body: '{"error":{"message":"forbidden (request id: req-0001)","type":"comet_api_error"}}',
            truncated: false,
          },
          timings: { firstByteMs: 40, totalMs: 52 },
          requestId: 'req-0001',
        },
      },
    },
    {
      class: 'documented-not-handled',
      check: 'audit:invalid-request-5xx',
      area: 'errors',
      clause: 'errors.invalid-request-5xx',
      code: 'no-retry-on-invalid-request',
      message: 'the client retried a 500 invalid_request 3 times; the documentation says not to retry it',
      evidence: { expected: { attempts: 1 }, observed: { attempts: 3 } },
    },
    {
      class: 'not-run',
      check: 'probe-stream',
      area: 'response',
      clause: 'response.stream-done',
      code: 'clause-pending',
      message: 'the stream probe did not run',
      reason: 'response.stream-done is pending',
      blockedBy: ['response.stream-done'],
      evidence: {},
    },
  ];
}

/** The one audit scenario of a client that handled everything: its baseline, one attempt, exit 0. */
export function handledScenario(): AuditScenarioRecord {
  return {
    name: 'baseline',
    attempts: 1,
    delaysMs: [],
    exitCode: 0,
    class: 'documented-handled',
    rules: [],
  };
}

const SEED_RETRY = '5. Validate retry and fallback boundaries';

/** Audit scenarios as the client audit reports them. */
export function sampleAudit(): { command: string[]; scenarios: AuditScenarioRecord[] } {
  return {
    command: ['node', 'examples/openai-client.mjs'],
    scenarios: [
      {
        name: '429-retry-after',
        attempts: 3,
        delaysMs: [480, 950],
        exitCode: 0,
        class: 'documented-handled',
        rules: [
          {
            id: 'honours-retry-after',
            ok: true,
            message: 'every retry waited at least as long as asked',
            source: { kind: 'ledger', ref: 'limits.retry-after', quote: 'none' },
          },
        ],
      },
      {
        name: 'invalid-request-5xx',
        attempts: 3,
        delaysMs: [410, 870],
        exitCode: 1,
        class: 'documented-not-handled',
        rules: [
          {
            id: 'no-retry-on-invalid-request',
            ok: false,
            message: 'the invalid request was retried: 3 attempts',
            source: {
              kind: 'ledger',
              ref: 'errors.invalid-request-5xx',
              quote: '500 + error.code invalid_request: do not retry',
            },
          },
        ],
      },
      {
        name: '401-bad-auth',
        attempts: 1,
        delaysMs: [],
        exitCode: 1,
        class: 'documented-handled',
        rules: [
          {
            id: 'auth-halts',
            ok: true,
            message: 'the client stopped at the auth error and reported it',
            source: { kind: 'seed', ref: SEED_RETRY, quote: 'auth errors that should page or halt traffic' },
          },
        ],
      },
    ],
  };
}

export interface TestPacketOptions {
  ledger?: Ledger;
  findings?: Finding[];
  /** The client audit; `null` when it did not run. */
  audit?: { command: readonly string[]; scenarios: readonly AuditScenarioRecord[] } | null;
  today?: string;
  incomplete?: boolean;
  generatedAt?: string;
  version?: string;
  ledgerFile?: string;
  /** The packet's other inputs (scan, target, qualifiers...), as `review` passes them. */
  extra?: Partial<Omit<PacketInput, 'contract' | 'findings' | 'verdict'>>;
}

/**
 * A packet judged from a ledger (the complete one by default), its findings (one handled per area by default)
 * and an audit, as `review` assembles it.
 */
export function testPacket(options: TestPacketOptions = {}): Packet {
  const contract = testContract(options.ledger ?? testLedger());
  const findings = options.findings ?? handledFindings();
  const audit = options.audit === undefined ? sampleAudit() : options.audit;
  const today = options.today ?? '2026-06-10';
  const verdict = judge({
    contract,
    findings,
    today,
    ...(options.incomplete === undefined ? {} : { incomplete: options.incomplete }),
  });
  const input: PacketInput = {
    contract,
    findings,
    verdict,
    generatedAt: options.generatedAt ?? `${today}T09:00:00.000Z`,
    version: options.version ?? '0.0.0-test',
  };
  if (audit) input.audit = audit;
  if (options.ledgerFile !== undefined) input.ledgerFile = options.ledgerFile;
  return buildPacket({ ...input, ...options.extra });
}
