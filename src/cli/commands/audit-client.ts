/** `chatproof audit-client`: the client audit from the command line. */
import { isAbsolute, join, resolve } from 'node:path';
import {
  type AuditScenarioResult,
  auditClient,
  auditProgressReporter,
  planAudit,
  renderAuditTable,
} from '../../checks/audit/index.js';
import { assertBaseUrl } from '../../checks/probe/target.js';
import { CLASS_TONE, type FindingClass, findingsExitCode, isProblem, toned } from '../../classify/index.js';
import {
  CLAUSE,
  type Contract,
  inputError,
  LedgerSchema,
  readLedgerFile,
  toContract,
  values,
} from '../../contract/index.js';
import { ChatproofError, interruptedExitCode } from '../../errors.js';
import { assertFreshFolder, assertOutputDir, exists, writeFileAtomic } from '../../fsutil/index.js';
import { profileLedger } from '../../simulator/index.js';
import { type CommandContext, style } from '../context.js';
import { deadlineOption } from './deadline.js';
import { resolveSimulatorKey } from './simulate.js';

export interface AuditClientOptions {
  ledger: string;
  simulator?: boolean;
  upstream?: string;
  baseUrl?: string;
  keyRef?: string;
  scenario?: string[];
  serial?: boolean;
  timeout?: number;
  out?: string;
  force?: boolean;
}

async function loadContract(
  opts: AuditClientOptions,
  cwd: string,
): Promise<{ contract: Contract; from: string; fallback: boolean }> {
  const file = resolve(cwd, opts.ledger);
  if (opts.simulator && !(await exists(file))) {
    // No ledger of the operator's: the simulator's own profile ledger describes what the audit judges against.
    const ledger = LedgerSchema.parse(
      profileLedger('cometapi', { baseUrl: 'http://127.0.0.1/v1', keyRef: 'env:CHATPROOF_SIM_KEY' }),
    );
    return { contract: toContract(ledger), from: 'the simulator profile ledger (cometapi)', fallback: true };
  }
  if (!(await exists(file))) {
    // The operator's first run often has neither: say both ways to give the audit a contract.
    throw inputError(
      'E_FILE_NOT_FOUND',
      { file: opts.ledger, line: 1, col: 1 },
      'no such ledger file: audit-client judges the client against a ledger (--ledger <file>; chatproof init writes one), or, with --simulator and no ledger, against the simulator profile ledger',
    );
  }
  return { contract: toContract(await readLedgerFile(opts.ledger, cwd)), from: opts.ledger, fallback: false };
}

/** `chatproof.yaml` → `./chatproof.yaml`, so the note reads as a path. */
function displayPath(path: string): string {
  return isAbsolute(path) || path.startsWith('.') ? path : `./${path}`;
}

/** The JSON shape of one scenario (DESIGN: `audit.scenarios[]`). */
function scenarioJson(result: AuditScenarioResult) {
  const { log: _log, finding: _finding, ...rest } = result;
  return rest;
}

export async function auditClientCommand(
  options: Record<string, unknown>,
  args: string[],
  context: CommandContext,
): Promise<number> {
  const opts = options as unknown as AuditClientOptions;
  if (args.length === 0)
    throw new ChatproofError('E_USAGE', 'audit-client needs the client command after --');
  if (opts.simulator && opts.upstream) {
    throw new ChatproofError('E_USAGE', 'choose one of --simulator and --upstream');
  }
  const { contract, from, fallback } = await loadContract(opts, context.cwd);
  // Judging against a ledger the user did not write changes what a pass means: say so, even with --json.
  if (fallback && !context.quiet)
    context.stderr.write(`no ${displayPath(opts.ledger)}: using the simulator's cometapi profile ledger\n`);
  const upstream = opts.simulator
    ? undefined
    : (opts.upstream ?? opts.baseUrl ?? values.string(contract, CLAUSE.baseUrl));
  // Refuse a pending ledger before starting anything, naming every clause to fill (as `probe` does).
  planAudit(contract, {
    ...(opts.scenario ? { scenarios: opts.scenario } : {}),
    ...(opts.timeout !== undefined ? { limitMs: opts.timeout } : {}),
    ...(!opts.simulator && upstream === undefined ? { needs: [CLAUSE.baseUrl] } : {}),
  });
  if (!opts.simulator && upstream === undefined) {
    throw new ChatproofError(
      'E_USAGE',
      'audit-client needs --simulator, --upstream <url>, or --base-url <url>',
    );
  }
  if (upstream !== undefined) assertBaseUrl(upstream, opts.upstream ? '--upstream' : '--base-url');
  const outDir = opts.out ? resolve(context.cwd, opts.out) : undefined;
  // An output that cannot be created is refused before the client runs even once (exit 73).
  if (outDir) {
    await assertOutputDir(outDir);
    await assertFreshFolder(outDir, `--out ${opts.out}`, 'audit', { force: opts.force === true });
  }
  const key = opts.simulator ? await resolveSimulatorKey(opts.keyRef, context.env, context.cwd) : undefined;
  const s = style(context.color);
  if (!context.quiet) {
    context.stderr.write(
      `audit-client: judging \`${args.join(' ')}\` against ${from}, upstream ${upstream ?? 'the embedded simulator'}\n`,
    );
  }
  const result = await auditClient(contract, {
    command: args,
    ...(upstream !== undefined ? { upstream } : {}),
    ...(key ? { apiKey: key.key } : {}),
    env: context.env,
    cwd: context.cwd,
    serial: opts.serial === true,
    ...(opts.scenario ? { scenarios: opts.scenario } : {}),
    ...(opts.timeout !== undefined ? { limitMs: opts.timeout } : {}),
    ...(outDir ? { logDir: join(outDir, 'attempts') } : {}),
    signal: context.signal,
    // Ctrl-C or SIGTERM: the results so far, the rest not-run naming the interruption, written and printed.
    partialOnInterrupt: true,
    ...deadlineOption(options),
    // Each scenario as it starts and ends on stderr (a live line on a terminal, plain lines otherwise), and a
    // request that has had no answer for a few seconds; nothing with --quiet.
    ...(context.quiet ? {} : { onProgress: auditProgressReporter(context.stderr, context.interactive) }),
  });
  if (result.incomplete && !context.quiet)
    context.stderr.write('audit-client: interrupted; writing the results so far, marked incomplete\n');
  // Coloured by the class's tone, as every terminal output is (classify/classes.ts).
  const colour = (cls: FindingClass, cell: string) => toned(s, CLASS_TONE[cls], cell);
  // The table is the command's result: stdout, like --json's document (which replaces it).
  if (!context.json) {
    context.stdout.write(
      `${renderAuditTable(result.scenarios, { cls: colour, header: (line) => s.bold(line), dim: (text) => s.dim(text) })}\n`,
    );
    context.stdout.write(`${summaryLine(result.scenarios, s, result.incomplete === true)}\n`);
  }
  const json = {
    audit: { scenarios: result.scenarios.map(scenarioJson) },
    findings: result.findings,
    passed: result.passed,
    ...(result.incomplete ? { incomplete: true } : {}),
  };
  if (outDir) await writeFileAtomic(join(outDir, 'audit.json'), `${JSON.stringify(json, null, 2)}\n`);
  if (context.json) context.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  // Interrupted: 130 (143 after SIGTERM), as the review. Otherwise as probe and negative: 2 when something
  // unexpected happened, 1 when a rule broke or a scenario did not run.
  if (result.incomplete) return interruptedExitCode(context.signal);
  return findingsExitCode(result.findings);
}

/** The verdict line under the table: what broke, and how many scenarios did not run (which never passes). */
function summaryLine(
  scenarios: readonly AuditScenarioResult[],
  s: ReturnType<typeof style>,
  incomplete: boolean,
): string {
  const names = (list: readonly AuditScenarioResult[]) => list.map((r) => r.name).join(', ');
  const failed = scenarios.filter((r) => isProblem(r.class));
  const notRun = scenarios.filter((r) => r.class === 'not-run');
  const notRunText = `${notRun.length} scenario(s) not run (${names(notRun)})`;
  if (incomplete) {
    const broke = failed.length > 0 ? `${failed.length} scenario(s) broke a rule (${names(failed)}); ` : '';
    const rest = notRun.length > 0 ? notRunText : 'every scenario had finished';
    return `${(failed.length > 0 ? s.red : s.yellow)('audit incomplete')}: interrupted; ${broke}${rest}`;
  }
  if (failed.length > 0) {
    return `${s.red('audit failed')}: ${failed.length} scenario(s) broke a rule (${names(failed)})${notRun.length > 0 ? `; ${notRunText}` : ''}`;
  }
  if (notRun.length > 0)
    return `${s.yellow('audit not passed')}: no scenario that ran broke a rule, but ${notRunText}`;
  return `${s.green('audit passed')}: every scenario ran and none broke a rule`;
}
