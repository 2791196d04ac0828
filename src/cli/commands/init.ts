/** `chatproof init`: writes a ledger with every clause pending. */
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  describeRefProblem,
  importOpenApi,
  initialLedger,
  OPENAPI_SOURCE_ID,
  type RefProblem,
  renderLedgerYaml,
} from '../../contract/index.js';
import { writeFileAtomic } from '../../fsutil/index.js';
import { type CommandContext, EXIT } from '../context.js';

export interface InitOptions {
  out: string;
  fromOpenapi?: string;
  force?: boolean;
}

export interface InitResult {
  text: string;
  /** `$ref`s the OpenAPI import could not follow; the clauses they would fill are left pending. */
  unresolved: RefProblem[];
}

/** Builds the ledger text for `init`. The OpenAPI import fills request, response and error clauses. */
export async function init(options: InitOptions, today: string, cwd = process.cwd()): Promise<InitResult> {
  if (!options.fromOpenapi)
    return { text: renderLedgerYaml(initialLedger(), schemaReference(options.out)), unresolved: [] };
  const imported = await importOpenApi(options.fromOpenapi, today, cwd);
  const ledger = initialLedger(imported.clauses, { [OPENAPI_SOURCE_ID]: imported.source });
  return { text: renderLedgerYaml(ledger, schemaReference(options.out)), unresolved: imported.unresolved };
}

/** The schema as a path relative to the ledger, so editors resolve it offline. */
function schemaReference(out: string): string {
  const schemaFile = fileURLToPath(new URL('../../../schema/ledger.schema.json', import.meta.url));
  const path = relative(dirname(resolve(out)), schemaFile)
    .split(sep)
    .join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

export async function initCommand(
  options: Record<string, unknown>,
  _args: string[],
  context: CommandContext,
) {
  const opts = options as unknown as InitOptions;
  const out = resolve(context.cwd, opts.out);
  const today = new Date().toISOString().slice(0, 10);
  const { text, unresolved } = await init({ ...opts, out }, today, context.cwd);
  await writeFileAtomic(out, text, { overwrite: Boolean(opts.force) });
  // Warnings are not progress: they go to stderr even under --quiet and --json.
  for (const problem of unresolved)
    context.stderr.write(`warning: ${describeRefProblem(opts.fromOpenapi ?? '', problem)}\n`);
  if (context.json) context.stdout.write(`${JSON.stringify({ written: out, unresolved })}\n`);
  else if (!context.quiet) {
    const what = opts.fromOpenapi
      ? `values the OpenAPI document states are filled with their JSON pointers; the rest are <PLACEHOLDER>s`
      : 'every value is a <PLACEHOLDER> until you verify it';
    context.stderr.write(
      `wrote ${opts.out}: ${what}.\nnext: fill the sources and values, then run \`chatproof validate ${opts.out}\`\n`,
    );
  }
  return EXIT.pass;
}
