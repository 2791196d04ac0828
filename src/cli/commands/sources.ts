/** `chatproof sources check`: is every quoted passage still in its cited documentation? */
import { resolve } from 'node:path';
import { checkSources, type SourceCheckResult } from '../../checks/sources/index.js';
import {
  CLASS_TONE,
  FINDINGS_SCHEMA_VERSION,
  findingsExitCode,
  summarize,
  toned,
} from '../../classify/index.js';
import { readLedgerFile, toContract } from '../../contract/index.js';
import { writeFileAtomic } from '../../fsutil/index.js';
import { type CommandContext, style } from '../context.js';

/** The JSON document `sources check --json` prints and `--out` writes. */
export function sourcesDocument(result: SourceCheckResult, ledger: string, generatedAt: string) {
  return {
    schemaVersion: FINDINGS_SCHEMA_VERSION,
    command: 'sources check',
    ledger,
    generatedAt,
    summary: summarize(result.findings),
    sources: result.sources,
    findings: result.findings,
  };
}

export async function sourcesCheckCommand(
  options: Record<string, unknown>,
  _args: string[],
  context: CommandContext,
) {
  const ledgerFile = options.ledger as string;
  const contract = toContract(await readLedgerFile(ledgerFile, context.cwd));
  const at = new Date();
  const now = at.toISOString();
  const result = await checkSources(contract, { now: () => at, cwd: context.cwd });
  const document = sourcesDocument(result, ledgerFile, now);
  if (typeof options.out === 'string') {
    await writeFileAtomic(
      resolve(context.cwd, options.out, 'sources.json'),
      `${JSON.stringify(document, null, 2)}\n`,
      {
        overwrite: true,
      },
    );
  }
  if (context.json) context.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  else {
    const s = style(context.color);
    for (const source of result.sources) {
      const local = !/^https?:\/\//i.test(source.url);
      const state = source.error
        ? s.red(`unreachable: ${source.error}`)
        : local
          ? 'read'
          : `HTTP ${source.status}`;
      context.stderr.write(`${source.url}  ${state}\n`);
    }
    const incomplete = result.findings.filter((finding) => finding.code === 'source-incomplete');
    for (const finding of result.findings.filter((f) => f.code !== 'source-incomplete')) {
      const label =
        finding.class === 'unexpected' ? 'drift  ' : finding.class === 'not-run' ? 'not-run' : 'ok     ';
      const mark = toned(s, CLASS_TONE[finding.class], label);
      const text = finding.class === 'not-run' ? finding.reason : finding.message;
      context.stderr.write(`  ${mark} ${(finding.clause ?? '').padEnd(28)} ${text}\n`);
    }
    if (incomplete.length > 0) {
      const ids = context.quiet ? '' : `: ${incomplete.map((finding) => finding.clause).join(', ')}`;
      context.stderr.write(
        `  ${toned(s, CLASS_TONE['not-run'], 'not-run')} ${incomplete.length} clause(s) cite no URL and quote yet${ids}\n`,
      );
    }
  }
  return findingsExitCode(result.findings);
}
