/**
 * @module cli/program
 * The command tree: every command's name, options and help, each action importing its command lazily from
 * `commands/<name>.ts` so `chatproof --help` stays fast. `main.ts` runs it and maps its outcome to an exit code.
 */

import { Command, InvalidArgumentError, Option } from 'commander';
import { parseDuration } from '../checks/deadline.js';
import { VERSION } from '../version.js';
import type { CommandContext, GlobalOptions } from './context.js';
import {
  AUDIT_HELP,
  DIFF_HELP,
  EXIT_CODES_HELP,
  REVIEW_HELP,
  SCAN_HELP,
  STORE_FLAG,
  STORE_HELP,
  TRAFFIC_HELP,
} from './help.js';

type Run = (options: Record<string, unknown>, args: string[], context: CommandContext) => Promise<number>;

/** The `chatproof` program; `setExit` receives the exit code of the command that ran. */
export function buildProgram(
  makeContext: (globals: GlobalOptions) => CommandContext,
  setExit: (code: number) => void,
): Command {
  const program = new Command('chatproof')
    .description(
      'Prove a chat-completions integration still matches its contract. A ledger of sourced assumptions goes ' +
        'in; probes, negative tests, a client audit and a verdict (pass / fail / escalate) come out as a review packet.',
    )
    .version(VERSION, '-V, --version')
    .option('--ledger <file>', 'ledger file', './chatproof.yaml')
    .option('--json', 'print machine-readable JSON on stdout', false)
    .option('--out <dir>', 'folder for packets and artifacts')
    .option('--no-color', 'no colour, even on a terminal')
    .option('--quiet', 'only errors and the final summary', false)
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ showGlobalOptions: true })
    .addHelpText('after', EXIT_CODES_HELP)
    .enablePositionalOptions(false);

  const action =
    (load: () => Promise<Run>) =>
    async (...params: unknown[]) => {
      const command = params.at(-1) as Command;
      const options = command.optsWithGlobals() as Record<string, unknown> & GlobalOptions;
      const args = command.args;
      const run = await load();
      setExit(await run(options, args, makeContext(options)));
    };

  program
    .command('init')
    .description('write a new ledger: every clause a <PLACEHOLDER>, with the source links to fill')
    .option('-o, --out <file>', 'where to write the ledger', 'chatproof.yaml')
    .option(
      '--from-openapi <file>',
      'fill request, response and error clauses from an OpenAPI 3.0/3.1 document',
    )
    .option('--force', 'overwrite an existing file', false)
    .addHelpText(
      'after',
      '\nExamples:\n  chatproof init --out chatproof.yaml\n  chatproof init --out ledger.yaml --from-openapi openapi.yaml',
    )
    .action(action(async () => (await import('./commands/init.js')).initCommand));

  program
    .command('validate [file]')
    .description(
      'check a ledger: schema and semantic errors with file:line:col, and a pending report per area',
    )
    .addHelpText(
      'after',
      '\nExit 0 when the ledger is well-formed (pending clauses are reported, not errors), 64 when not.',
    )
    .action(action(async () => (await import('./commands/validate.js')).validateCommand));

  program
    .command('sources')
    .description("documentation drift: check each clause's quoted passage is still in its cited source")
    .command('check')
    .description(
      'fetch every cited source once, check each quoted passage, record access time and content hash',
    )
    .addHelpText(
      'after',
      '\nA clause citing a JSON pointer (from `init --from-openapi`) is checked structurally: the pointer must still\n' +
        'resolve and the node must hash as recorded. Exit 0 when every source still says what the ledger cites,\n' +
        '2 when one no longer does (escalate), 1 when a source could not be checked (unreachable, or no URL and\n' +
        'quote yet).',
    )
    .action(action(async () => (await import('./commands/sources.js')).sourcesCheckCommand));

  program
    .command('simulate')
    .description(
      'run the embedded API simulator on loopback (a faithful stand-in with a fault and drift catalogue)',
    )
    .addOption(
      new Option('--profile <name>', 'contract profile').choices(['cometapi', 'openai']).default('cometapi'),
    )
    .option('--port <n>', 'port to listen on (0 picks a free one)', parsePort, 0)
    .option('--host <address>', 'address to bind; only loopback unless named explicitly', '127.0.0.1')
    .option('--seed <n>', 'seed for deterministic responses and probabilistic faults', parseInteger, 1)
    .option(
      '--key-ref <ref>',
      'accepted key: env:NAME or file:PATH (default env:CHATPROOF_SIM_KEY, else the demo key)',
    )
    .option('--force', 'replace an existing --ledger-out file')
    .option(
      '--ledger-out <file>',
      'write a complete ledger describing this profile, every value sourced from it',
    )
    .option(
      '--model <id>',
      'serve this model id too (repeatable); --ledger-out records the first as request.model-id, basis local',
      (id: string, previous: string[] = []) => [...previous, id],
    )
    .option(
      '--drift <names...>',
      "drift every answer (usage-sum-wrong, created-milliseconds, media-type-wrong, …; see 'simulate --json')",
    )
    .action(action(async () => (await import('./commands/simulate.js')).simulateCommand));

  for (const [name, what] of [
    ['probe', 'send the contract probe (JSON and stream) and judge the response against the ledger'],
    ['negative', 'run the negative suite (bad auth, malformed body, unknown model, constraints, wrong path)'],
  ] as const) {
    program
      .command(name)
      .description(what)
      .option('--base-url <url>', "override the ledger's base URL for this run (recorded as an override)")
      .option('--key-ref <ref>', "override the ledger's key reference for this run: env:NAME or file:PATH")
      .option(
        '--stall-ms <ms>',
        'end a request whose answer sends headers and then no byte for this long (default 30000)',
        parseInteger,
      )
      .option('--deadline <duration>', DEADLINE_HELP, parseDeadline)
      .option(
        '--force',
        "replace the output an earlier run of this command left in --out (never another kind of run's)",
      )
      // Literal import paths: bundlers and test runners cannot follow a template-string import.
      .action(
        action(async () =>
          name === 'probe'
            ? (await import('./commands/probe.js')).probeCommand
            : (await import('./commands/negative.js')).negativeCommand,
        ),
      );
  }

  program
    .command('proxy')
    .description('run the fault proxy on loopback in front of --upstream, logging every attempt')
    .requiredOption('--upstream <url>', 'the real API or the simulator')
    .option('--port <n>', 'port to listen on (0 picks a free one)', parsePort, 0)
    .option(
      '--fault <spec...>',
      "fault(s) to inject, e.g. status:503, sequence:2xstatus:503, delay:500; the catalogue's names work too (status-503*2, rate-limit-retry-after:2, stream-cut~0.3)",
    )
    .option('--log <file>', 'append the attempt log (JSON Lines) to this file')
    .action(action(async () => (await import('./commands/proxy.js')).proxyCommand));

  program
    .command('audit-client')
    .description(
      'run your client under the fault proxy, scenario by scenario, and judge its retries and fallbacks',
    )
    .argument('<command...>', 'the client command, after --')
    .option('--simulator', 'use the embedded simulator as the upstream')
    .option('--upstream <url>', 'the upstream API the proxy forwards to')
    .option('--base-url <url>', "override the ledger's base URL for this run")
    .option('--key-ref <ref>', "override the ledger's key reference for this run")
    .option('--scenario <names...>', 'run only these scenarios')
    .option('--serial', 'run scenarios one after another (for clients that cannot run twice at once)')
    .option('--timeout <ms>', 'per-scenario time limit for the command', parseInteger)
    .option('--deadline <duration>', DEADLINE_HELP, parseDeadline)
    .addHelpText('after', AUDIT_HELP)
    .option(
      '--force',
      "replace the output an earlier run of this command left in --out (never another kind of run's)",
    )
    .action(action(async () => (await import('./commands/audit-client.js')).auditClientCommand));

  program
    .command('audit-traffic')
    .description('judge captured traffic (HAR, JSON Lines) exchange by exchange against the ledger')
    .argument('[files...]', 'capture files (- reads stdin); with --merge, traffic.json results')
    .addOption(
      new Option('--format <format>', 'capture format (detected from the content when not given)').choices([
        'har',
        'jsonl',
      ]),
    )
    .option('--shard <K/N>', 'audit only every N-th record, starting with the K-th (1-based)')
    .option('--merge', 'add up traffic.json results of shards instead of reading captures')
    .option('--max-record-bytes <n>', `skip records larger than this (default ${1024 * 1024})`)
    .option('--sample <n>', 'stop after this many records per file')
    .option(
      '--workers <n>',
      'worker threads for JSON Lines (default: one per core for captures of 64 MiB or more)',
    )
    .addHelpText('after', TRAFFIC_HELP)
    .action(action(async () => (await import('./commands/audit-traffic.js')).auditTrafficCommand));

  program
    .command('scan [dir]')
    .description(
      'find hard-coded endpoints, auth headers, model ids, limits, prices and secrets in source and configuration',
    )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']))
    .option('-o, --out <file>', 'write the report to this file instead of stdout')
    .addHelpText('after', SCAN_HELP)
    .action(action(async () => (await import('./commands/scan.js')).scanCommand));

  program
    .command('review')
    .description('run everything that applies and write the review packet; the verdict is the exit code')
    .option('--base-url <url>', "override the ledger's base URL for this run")
    .option('--key-ref <ref>', "override the ledger's key reference for this run")
    .option(
      '--stall-ms <ms>',
      'end a request whose answer sends headers and then no byte for this long (default 30000)',
      parseInteger,
    )
    .option('--deadline <duration>', DEADLINE_HELP, parseDeadline)
    .option('--incident <id>', "incident or change id (overrides the ledger's review record)")
    .option('--simulator', "review against the embedded simulator instead of the ledger's target")
    .option(
      '--check-sources',
      'also fetch every cited source and check its quoted passage (needs the network)',
    )
    .option('--traffic <files...>', 'also judge captured traffic (HAR, JSON Lines) and put it in the packet')
    .option(
      '--repo <dir>',
      "scan the service's repository for hard-coded contract values and check the ledger's implementation locations in it (at review.deployVersion's commit in a git repository); scan.sarif goes beside the packet",
    )
    .option(STORE_FLAG, STORE_HELP)
    .option('--no-store', 'do not store this review in the history')
    .option(
      '--compare <ref>',
      'put the graded drift from a stored review into the packet: an id, last, previous or last~N (of the same application and environment)',
    )
    .option(
      '--force',
      "replace the output an earlier run of this command left in --out (never another kind of run's)",
    )
    .addHelpText('after', REVIEW_HELP)
    .action(action(async () => (await import('./commands/review.js')).reviewCommand));

  program
    .command('demo')
    .summary('offline: simulator + demo ledger + full review with a client audit, in seconds')
    .description(
      'offline: simulator + demo ledger + full review with a client audit, in seconds; writes and uses its own ledger (--ledger is not read), next to the packet in --out (default: a new timestamped folder)',
    )
    .option(
      '--passing',
      'audit the example client configured as the contract documents (no retry of an invalid request, a timeout inside the scenario limit): a real pass',
    )
    .option(
      '--drift <names...>',
      "make the simulator drift for every answer (usage-missing, content-null, extra-field, …; see 'simulate --json')",
    )
    .option(STORE_FLAG, `${STORE_HELP}; the demo's default is ./.chatproof/history.db`)
    .option('--no-store', 'do not store this review in the history')
    .option('--compare <ref>', 'put the graded drift from a stored review into the packet')
    .option(
      '--force',
      "replace the output an earlier run of this command left in --out (never another kind of run's)",
    )
    .action(action(async () => (await import('./commands/demo.js')).demoCommand));

  const filters = (command: Command): Command =>
    command
      .option('--application <name>', "only reviews of this application (the ledger's review.application)")
      .option('--environment <name>', 'only reviews of this environment')
      .option('--incident <id>', 'only reviews of this incident or change id')
      .option('--target <url>', 'only reviews that contacted this URL')
      .option(STORE_FLAG, STORE_HELP);

  filters(
    program
      .command('history')
      .description('stored reviews, newest first: a table, or --json')
      .addOption(
        new Option('--verdict <verdict>', 'only reviews with this verdict').choices([
          'pass',
          'fail',
          'escalate',
        ]),
      )
      .option('--since <date>', 'only reviews generated on or after this date or ISO time')
      .option('--until <date>', 'only reviews generated on or before this date (the whole day) or ISO time')
      .option('--limit <n>', 'at most this many rows', parseInteger, 50),
  ).action(action(async () => (await import('./commands/history.js')).historyCommand));

  filters(
    program
      .command('diff <a> <b>')
      .description(
        'graded drift from review a to review b (ids, last, previous, last~N); exit 1 when anything is breaking',
      )
      .addOption(
        new Option('--format <format>', 'output form').choices(['text', 'md', 'json']).default('text'),
      ),
  )
    .addHelpText('after', DIFF_HELP)
    .action(action(async () => (await import('./commands/diff.js')).diffCommand));

  program
    .command('report <ref>')
    .description('re-render a stored review: --format json gives back the exact packet.json it wrote')
    .addOption(
      new Option('--format <format>', 'what to render')
        .choices(['md', 'html', 'json', 'junit'])
        .default('json'),
    )
    .option(STORE_FLAG, STORE_HELP)
    .option('--force', "replace the files an earlier run left in --out (never another kind of run's)")
    .addHelpText(
      'after',
      '\nWith --out <dir> the file (packet.md, packet.html, packet.json, junit.xml) is written there; else stdout.\nAn --out that already holds files is refused unless --force, as for review.',
    )
    .action(action(async () => (await import('./commands/report.js')).reportCommand));

  return program;
}

function parsePort(value: string): number {
  const port = parseInteger(value);
  if (port < 0 || port > 65535)
    throw new InvalidArgumentError(`expected a port from 0 to 65535, got ${port}`);
  return port;
}

const DEADLINE_HELP =
  'end the whole run after this long (30s, 5m, 1500ms): checks not reached are not-run, the output is still written';

function parseDeadline(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined)
    throw new InvalidArgumentError(`expected a duration such as 30s, 5m or 1500ms, got "${value}"`);
  return ms;
}

function parseInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number)) throw new InvalidArgumentError(`expected an integer, got "${value}"`);
  return number;
}
