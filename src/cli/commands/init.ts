/** `chatproof init`: writes a ledger with every clause pending. */
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initialLedger, renderLedgerYaml } from '../../contract/index.js';
import { ChatproofError } from '../../errors.js';
import { writeFileAtomic } from '../../fsutil/index.js';
import { type CommandContext, EXIT } from '../context.js';

export interface InitOptions {
  out: string;
  fromOpenapi?: string;
  force?: boolean;
}

/** Builds the ledger text for `init`. The OpenAPI import fills request, response and error clauses. */
export async function init(options: InitOptions): Promise<string> {
  if (options.fromOpenapi) {
    throw new ChatproofError('E_USAGE', '--from-openapi is not available in this build');
  }
  return renderLedgerYaml(initialLedger(), schemaReference(options.out));
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
  const text = await init({ ...opts, out });
  await writeFileAtomic(out, text, { overwrite: Boolean(opts.force) });
  if (context.json) context.stdout.write(`${JSON.stringify({ written: out })}\n`);
  else if (!context.quiet) {
    context.stderr.write(
      `wrote ${opts.out}: every value is a <PLACEHOLDER> until you verify it.\n` +
        `next: fill the sources and values, then run \`chatproof validate ${opts.out}\`\n`,
    );
  }
  return EXIT.pass;
}
