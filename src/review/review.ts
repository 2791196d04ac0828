/**
 * @module review/review
 * `review(options)`: validate the ledger, scan the service repository (`--repo`), run the probe, the negative
 * suite and (when configured) the client audit, judge, and write the packet. Checks that cannot run become `not-run` findings, the client audit
 * included when the ledger names no command; Ctrl-C stops between steps and still writes a packet, marked
 * incomplete.
 */
import { setMaxListeners } from 'node:events';
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { AuditScenarioRecord } from '../checks/audit/index.js';
import { startDeadline } from '../checks/deadline.js';
import { createBudget } from '../checks/index.js';
import { quoteContradictions } from '../checks/ledger/quotes.js';
import { assertBaseUrl } from '../checks/probe/target.js';
import {
  renderSarif,
  SCAN_SARIF_FILE,
  type ScanResult,
  scanFindings,
  scanSection,
} from '../checks/scan/index.js';
import { assertCaptures, trafficFindings, trafficSection } from '../checks/traffic/index.js';
import { type CheckFamily, type Finding, notRun } from '../classify/index.js';
import { systemClock } from '../clock.js';
import {
  type Area,
  CLAUSE,
  type Contract,
  type Ledger,
  parseLedger,
  read,
  readLedgerFile,
  toContract,
} from '../contract/index.js';
import { ChatproofError, type ChatproofErrorCode, interruptedExitCode, isChatproofError } from '../errors.js';
import { assertCreatable, assertFreshFolder } from '../fsutil/index.js';
import { DEFAULT_STALL_MS, type RunLimit } from '../http/index.js';
import { activeBoundary, createBoundary } from '../redact/index.js';
import { buildPacket, type TrafficSection } from '../report/index.js';
import { judge, VERDICT_EXIT_CODE } from '../verdict/index.js';
import { VERSION } from '../version.js';
import { readKey } from './key.js';
import type { ReviewOptions, ReviewResult } from './options.js';
import type { ReviewStep } from './progress.js';
import { defaultRunners, type ReviewRunners, type RunnerContext } from './runners.js';
import { assertPacketDir, defaultPacketDir, writePacket } from './write.js';

/** How problems in a ledger passed as an object name it. */
const IN_MEMORY_LEDGER = '<in-memory ledger>';

export type { ReviewOptions, ReviewResult } from './options.js';

/** A review step that runs a check: its not-run finding is named by the step, the check family's own name. */
type CheckStep = ReviewStep & CheckFamily;

const AREA_OF: Record<CheckStep, Area> = {
  sources: 'support',
  scan: 'endpoint',
  probe: 'endpoint',
  negative: 'errors',
  audit: 'errors',
  traffic: 'response',
};

/**
 * Why the audit is not run without a command. The operator review asks for error handling and retry behaviour
 * to be validated separately from a passing request; only the client audit observes them.
 */
export const NO_AUDIT_REASON = 'no client to audit: set audit.command in the ledger';

/** What lets the audit run when the ledger names no client: a command, not a fix to a client that ran. */
const NO_AUDIT_HINT =
  'set `audit.command` in the ledger to the command that runs your client against the API (e.g. `[node, scripts/chat-smoke.mjs]`; chatproof audit-client --help lists the variables it is given), then review again, or waive `audit:not-run` (ledger `waivers`: justification, approver, expires)';

function notRunStep(
  check: CheckStep,
  reason: string,
  limit?: RunLimit,
  error?: ChatproofErrorCode,
  hint?: string,
): Finding {
  return notRun({
    check,
    area: AREA_OF[check],
    clause: null,
    code: 'not-run',
    reason,
    limit,
    ...(error ? { error } : {}),
    ...(hint ? { hint } : {}),
  });
}

/** A `not-run` for `step` when an earlier check found the target configured wrongly; undefined otherwise. */
function misconfiguredStep(
  check: CheckStep,
  findings: readonly Finding[],
  what: string,
): Finding | undefined {
  const misconfigured = findings.find((finding) => finding.class === 'configuration');
  if (!misconfigured) return undefined;
  return notRun({
    check,
    area: AREA_OF[check],
    clause: misconfigured.clause,
    code: 'target-misconfigured',
    reason: `the target is configured wrongly (check ${misconfigured.clause}): ${what}`,
  });
}

/**
 * Errors a check raises at the edge about its environment (a proxy or simulator port that cannot be bound, a
 * capture file gone since it was checked, a runner's own `ChatproofError`): recorded as not run, not fatal.
 * Expected outcomes never arrive here: pending clauses and a key that cannot be read are the runners' `not-run`
 * findings, returned as data.
 */
function expectedFailure(error: unknown): { reason: string; code: ChatproofErrorCode } | undefined {
  if (isChatproofError(error) && error.code !== 'E_INTERRUPTED' && error.code !== 'E_INTERNAL') {
    return { reason: `${error.code}: ${error.message}`, code: error.code };
  }
  return undefined;
}

export async function review(options: ReviewOptions): Promise<ReviewResult> {
  const cwd = options.cwd ?? process.cwd();
  const now = options.now ?? systemClock;
  const signal = options.signal ?? new AbortController().signal;
  const emit = options.onProgress ?? (() => {});
  const runners: ReviewRunners = { ...defaultRunners, ...options.runners };
  const startedAt = now();

  // A malformed --base-url is a usage error for every step alike (the audit would otherwise crash on it).
  if (options.baseUrl !== undefined) assertBaseUrl(options.baseUrl);
  // Where the packet goes must be writable before any request is sent (exit 73 otherwise).
  const write = options.write !== false;
  if (write && options.out !== undefined) {
    const dir = resolve(cwd, options.out);
    await assertPacketDir(dir);
    // An earlier packet is never replaced silently, and a packet folder never mixes runs.
    const ledgerPath = typeof options.ledger === 'string' ? resolve(cwd, options.ledger) : undefined;
    const own = ledgerPath && dirname(ledgerPath) === dir ? [basename(ledgerPath)] : [];
    await assertFreshFolder(dir, `--out ${options.out}`, 'review', {
      force: options.force === true,
      mine: [...own, ...(options.ownFiles ?? [])],
    });
  } else if (write) await assertCreatable(cwd);
  if (options.traffic) await assertCaptures(options.traffic, cwd);
  const repo =
    options.repo === undefined ? undefined : await assertRepo(resolve(cwd, options.repo), options.repo);
  const ledger: Ledger =
    typeof options.ledger === 'string'
      ? await readLedgerFile(options.ledger, cwd)
      : // JSON is YAML: the object goes through the same parser, schema and semantic checks as a file.
        parseLedger(JSON.stringify(options.ledger), IN_MEMORY_LEDGER);
  if (options.incident) ledger.review = { ...ledger.review, id: options.incident };
  const contract: Contract = toContract(ledger);
  const context: RunnerContext = {
    env: options.env ?? process.env,
    cwd,
    signal,
    now,
    // The audit command runs beside the ledger file; a ledger object has none, so it runs in `cwd`.
    ...(typeof options.ledger === 'string' ? { ledgerFile: options.ledger } : {}),
  };
  if (options.baseUrl !== undefined) context.baseUrl = options.baseUrl;
  if (options.keyRef !== undefined) context.keyRef = options.keyRef;
  if (options.stallMs !== undefined) context.stallMs = options.stallMs;
  if (options.simulatorKey !== undefined) context.simulatorKey = options.simulatorKey;
  if (options.onProgress) {
    const progress = options.onProgress;
    context.onAuditProgress = (event) => progress({ kind: 'audit', event });
    context.onWaiting = (waiting) => progress({ kind: 'waiting', waiting });
    if (options.waitingNoticeMs !== undefined) context.waitingNoticeMs = options.waitingNoticeMs;
  }
  const deadline = options.deadlineMs !== undefined ? startDeadline(options.deadlineMs) : undefined;
  if (deadline) context.deadline = deadline;
  // One budget for the whole review: the probe and the negative suite draw from the same requests and tokens.
  const limits = read(contract, CLAUSE.reviewBudget);
  if (limits) context.budget = createBudget(limits);

  // The ledger against its own quotes: pure, and part of every review.
  const findings: Finding[] = [...quoteContradictions(contract)];
  let audit: { command: string[]; scenarios: AuditScenarioRecord[] } | undefined;
  let incomplete = false;
  let traffic: TrafficSection | undefined;
  let scanned: ScanResult | undefined;
  const command = ledger.audit?.command;
  const steps: { step: ReviewStep & CheckStep; run: () => Promise<Finding[]> }[] = [];
  if (options.checkSources) steps.push({ step: 'sources', run: () => runners.sources(contract, context) });
  else
    emit({
      kind: 'skipped',
      step: 'sources',
      reason: 'source checks are off; --check-sources turns them on',
    });
  if (repo !== undefined) {
    steps.push({
      step: 'scan',
      run: async () => {
        scanned = await runners.scan(contract, repo, context);
        return scanFindings(contract, scanned);
      },
    });
  }
  steps.push(
    { step: 'probe', run: () => runners.probe(contract, context) },
    {
      step: 'negative',
      run: async () => {
        // A target the probe found misconfigured (wrong key, base URL or server) would answer every negative
        // case with the same refusal: judged against the error clauses that would read as provider discrepancies.
        const misconfigured = misconfiguredStep('negative', findings, 'the negative cases were not sent');
        if (misconfigured) return [misconfigured];
        return runners.negative(contract, context);
      },
    },
  );
  if (command) {
    steps.push({
      step: 'audit',
      run: async () => {
        // Against that same target the client would fail its baseline the same way, and every scenario with it.
        // The embedded simulator (`--simulator`) does not depend on the target, so its audit still runs.
        if (context.simulatorKey === undefined) {
          const misconfigured = misconfiguredStep(
            'audit',
            findings,
            'the client was not run against it (its baseline would fail the same way)',
          );
          if (misconfigured) return [misconfigured];
        }
        const outcome = await runners.audit(contract, command, context);
        if (outcome.scenarios) audit = { command: [...command], scenarios: outcome.scenarios };
        return outcome.findings;
      },
    });
  } else {
    // Without the client audit, retries and fallback were never checked: recorded as not run, so no pass.
    findings.push(notRunStep('audit', NO_AUDIT_REASON, undefined, undefined, NO_AUDIT_HINT));
    emit({
      kind: 'skipped',
      step: 'audit',
      reason: 'no audit.command in the ledger; the review cannot pass',
    });
  }
  const captures = options.traffic ?? [];
  if (captures.length > 0) {
    steps.push({
      step: 'traffic',
      run: async () => {
        const result = await runners.traffic(contract, captures, context);
        traffic = trafficSection(result);
        return trafficFindings(result);
      },
    });
  }
  emit({
    kind: 'done',
    step: 'validate',
    index: 1,
    total: steps.length + 1,
    findings: 0,
    ms: now().getTime() - startedAt.getTime(),
  });
  // The client audit runs its scenarios concurrently, each listening to the same signal.
  setMaxListeners(64, signal);
  for (const [index, { step, run }] of steps.entries()) {
    if (signal.aborted) {
      incomplete = true;
      emit({ kind: 'interrupted', step });
      break;
    }
    const began = now().getTime();
    const before = findings.length;
    emit({ kind: 'start', step, index: index + 2, total: steps.length + 1 });
    try {
      if (deadline?.reached()) findings.push(notRunStep(step, deadline.reason, deadline.limit));
      else findings.push(...(await run()));
    } catch (error) {
      if (signal.aborted) {
        incomplete = true;
        emit({ kind: 'interrupted', step });
        break;
      }
      const failure = expectedFailure(error);
      if (failure === undefined) throw error;
      findings.push(notRunStep(step, failure.reason, undefined, failure.code));
    }
    if (signal.aborted) incomplete = true;
    emit({
      kind: 'done',
      step,
      index: index + 2,
      total: steps.length + 1,
      findings: findings.length - before,
      ms: now().getTime() - began,
    });
  }

  deadline?.dispose();
  const generated = now();
  const verdict = judge({
    contract,
    findings,
    today: generated.toISOString().slice(0, 10),
    incomplete,
  });
  // Against the simulator, its URL and key are the rehearsal's target (recorded in `target`), not overrides.
  const targetOverrides = options.simulatorProfile === undefined;
  const overrides = [
    ...(options.baseUrl && targetOverrides ? [{ field: 'base-url', value: options.baseUrl }] : []),
    ...(options.keyRef && targetOverrides ? [{ field: 'key-ref', value: options.keyRef }] : []),
    ...(options.incident ? [{ field: 'incident', value: options.incident }] : []),
  ];
  const built = buildPacket({
    contract,
    findings,
    verdict,
    audit,
    traffic,
    scan: scanned && options.repo !== undefined ? scanSection(scanned, options.repo) : undefined,
    generatedAt: generated.toISOString(),
    version: options.version ?? VERSION,
    ledgerFile: typeof options.ledger === 'string' ? options.ledger : IN_MEMORY_LEDGER,
    overrides,
    limits: { stallMs: options.stallMs ?? DEFAULT_STALL_MS, deadlineMs: options.deadlineMs ?? null },
    ...(options.simulatorProfile !== undefined
      ? {
          target: {
            kind: 'simulator' as const,
            url: options.baseUrl ?? text(contract.known(CLAUSE.baseUrl)),
            ledgerUrl: text(contract.known(CLAUSE.baseUrl)),
            label: `the embedded simulator (${options.simulatorProfile} profile)`,
          },
        }
      : {}),
  });
  const comparison = await options.compare?.(built);
  if (comparison) built.comparison = comparison;
  // Last line of defence: every check redacts what it captures, and the packet is redacted again as a whole.
  const redactor = createBoundary([
    ...(await readKey(contract, context)).secrets,
    ...(activeBoundary()?.secrets() ?? []),
  ]);
  if (options.baseUrl !== undefined) redactor.addUrl(options.baseUrl);
  const base = contract.known(CLAUSE.baseUrl);
  if (typeof base === 'string') redactor.addUrl(base);
  const packet = redactor.json(built);
  const packetDir = resolve(cwd, options.out ?? defaultPacketDir('chatproof-review', generated));
  // The SARIF is written from the packet's own (redacted) findings, so both say the same.
  const sarif = packet.scan
    ? {
        [SCAN_SARIF_FILE]: `${JSON.stringify(renderSarif(packet.scan, packet.generator.version), null, 2)}\n`,
      }
    : {};
  const files = write ? await writePacket(packetDir, packet, redactor, sarif) : [];
  return {
    verdict: packet.verdict,
    exitCode: incomplete ? interruptedExitCode(signal) : VERDICT_EXIT_CODE[packet.verdict],
    incomplete,
    packet,
    packetDir,
    files,
    startedAt: startedAt.toISOString(),
  };
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** `--repo` must name a folder: a usage error before any request is sent. */
async function assertRepo(dir: string, shown: string): Promise<string> {
  const found = await stat(dir).catch(() => undefined);
  if (!found?.isDirectory()) throw new ChatproofError('E_USAGE', `--repo ${shown} is not a folder`);
  return dir;
}
