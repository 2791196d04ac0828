/** `chatproof scan [dir]`: hard-coded endpoints, auth, model ids, limits, prices and secrets in source. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  publicFinding,
  renderSarif,
  renderScanText,
  type ScanResult,
  scanExitCode,
  scanRepository,
} from '../../checks/scan/index.js';
import { type Contract, readLedgerFile, toContract } from '../../contract/index.js';
import { writeFileAtomic } from '../../fsutil/index.js';
import { type CommandContext, EXIT } from '../context.js';
import { VERSION } from './review.js';

export type ScanFormat = 'text' | 'json' | 'sarif';

/** The `--format json` document: findings and checked locations, nothing else. */
export function scanJson(result: ScanResult): { findings: unknown[]; locations: unknown[] } {
  return {
    findings: result.findings.map(publicFinding),
    locations: result.locations.map(({ clause, location, status, detail }) => ({
      clause,
      location,
      status,
      detail,
    })),
  };
}

export function renderScan(result: ScanResult, format: ScanFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(scanJson(result), null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(renderSarif(result, VERSION), null, 2)}\n`;
    case 'text':
      return renderScanText(result);
  }
}

const DEFAULT_LEDGER = './chatproof.yaml';

/** The ledger, when one was named or the default one exists; a named ledger that cannot be read is an error. */
async function loadContract(
  ledger: unknown,
  cwd: string,
): Promise<{ contract: Contract; file: string } | undefined> {
  const file = typeof ledger === 'string' ? ledger : DEFAULT_LEDGER;
  if (file === DEFAULT_LEDGER && !existsSync(resolve(cwd, file))) return undefined;
  return { contract: toContract(await readLedgerFile(file, cwd)), file: resolve(cwd, file) };
}

export async function scanCommand(options: Record<string, unknown>, args: string[], context: CommandContext) {
  const format: ScanFormat =
    context.json && options.format === undefined ? 'json' : ((options.format as ScanFormat) ?? 'text');
  const ledger = await loadContract(options.ledger, context.cwd);
  const dir = resolve(context.cwd, args[0] ?? '.');
  // The ledger names the contract's values; scanning it would report them as configuration.
  const result = await scanRepository(dir, {
    contract: ledger?.contract,
    signal: context.signal,
    skip: ledger ? [ledger.file] : [],
  });
  const output = renderScan(result, format);
  if (typeof options.out === 'string') {
    const out = resolve(context.cwd, options.out);
    await writeFileAtomic(out, output, { overwrite: true });
    if (!context.quiet) context.stderr.write(`wrote ${options.out}\n`);
  } else context.stdout.write(output);
  return scanExitCode(result) === 0 ? EXIT.pass : EXIT.fail;
}
