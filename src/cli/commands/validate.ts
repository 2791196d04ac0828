/** `chatproof validate`: schema + semantic errors with locations, and the pending report. */
import {
  clauseIdWarnings,
  MAX_LEDGER_BYTES,
  type PendingArea,
  parseLedger,
  parseYamlDocument,
  pendingReport,
  readTextFile,
  toContract,
} from '../../contract/index.js';
import { ChatproofError } from '../../errors.js';
import { type CommandContext, EXIT, style } from '../context.js';

export interface ValidateResult {
  file: string;
  valid: boolean;
  clauses: number;
  pending: PendingArea[];
  problems: { code: string; message: string; file: string; line: number; col: number; path?: string }[];
  /** Valid, but worth a look: a custom clause id that resembles a catalogue id. */
  warnings: { path: string; message: string; line: number; col: number }[];
}

/** Validates a ledger file; invalid input is a result here, not an exception. */
export async function validate(file: string, cwd = process.cwd()): Promise<ValidateResult> {
  try {
    const text = await readTextFile(file, 'ledger', MAX_LEDGER_BYTES, cwd);
    const ledger = parseLedger(text, file);
    const contract = toContract(ledger);
    const doc = parseYamlDocument(text, file);
    return {
      file,
      valid: true,
      clauses: ledger.clauses.length,
      pending: pendingReport(contract),
      problems: [],
      warnings: clauseIdWarnings(ledger.clauses).map(({ index, path, message }) => {
        const { line, col } = doc.locate(['clauses', index, 'id']);
        return { path, message, line, col };
      }),
    };
  } catch (error) {
    if (!(error instanceof ChatproofError)) throw error;
    const problems =
      error.problems.length > 0
        ? error.problems
        : [{ code: error.code, message: error.message, location: { file, line: 1, col: 1 } }];
    return {
      file,
      valid: false,
      clauses: 0,
      pending: [],
      warnings: [],
      problems: problems.map(({ code, message, location }) => ({ code, message, ...location })),
    };
  }
}

export async function validateCommand(
  options: Record<string, unknown>,
  args: string[],
  context: CommandContext,
) {
  const file = args[0] ?? (options.ledger as string);
  const result = await validate(file, context.cwd);
  if (context.json) {
    context.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return result.valid ? EXIT.pass : EXIT.usage;
  }
  const s = style(context.color);
  if (!result.valid) {
    for (const p of result.problems) {
      const where = `${p.file}:${p.line}:${p.col}`;
      context.stderr.write(`${s.red('error')} ${where}: ${p.path ? `${p.path}: ` : ''}${p.message}\n`);
    }
    context.stderr.write(`${file}: ${result.problems.length} problem(s); the ledger is not valid\n`);
    return EXIT.usage;
  }
  for (const w of result.warnings)
    context.stderr.write(`${s.yellow('warning')} ${file}:${w.line}:${w.col}: ${w.path}: ${w.message}\n`);
  const pendingTotal = result.pending.reduce((sum, area) => sum + area.pending.length, 0);
  context.stdout.write(`${s.green('valid')} ${file}: ${result.clauses} clauses, ${pendingTotal} pending\n`);
  for (const area of result.pending) {
    const mark = area.pending.length === 0 ? s.green('ok     ') : s.yellow('pending');
    context.stdout.write(
      `  ${mark} ${area.area.padEnd(15)} ${area.total - area.pending.length}/${area.total} known\n`,
    );
    if (!context.quiet) for (const id of area.pending) context.stdout.write(`          ${s.dim(id)}\n`);
  }
  if (pendingTotal > 0) context.stdout.write('pending clauses are never guessed and never pass a review.\n');
  return EXIT.pass;
}
