/** `chatproof diff <a> <b>`: graded drift from review a to review b; exit 1 when anything is breaking. */
import { comparisonMarkdown, comparisonText, diffPackets } from '../../diff/index.js';
import { ChatproofError } from '../../errors.js';
import type { Packet } from '../../report/index.js';
import { type CommandContext, EXIT } from '../context.js';
import { historyFilter, openChosenStore, refOf } from './history-store.js';

export async function diffCommand(
  options: Record<string, unknown>,
  args: string[],
  context: CommandContext,
): Promise<number> {
  const [a, b] = args;
  if (a === undefined || b === undefined)
    throw new ChatproofError(
      'E_USAGE',
      'diff needs two reviews: chatproof diff <a> <b> (ids, last, previous, last~N)',
    );
  const format = context.json ? 'json' : String(options.format ?? 'text');
  const store = await openChosenStore(options, context);
  try {
    const filter = historyFilter(options);
    const base = await store.resolve(a, filter);
    const head = await store.resolve(b, filter);
    const comparison = diffPackets(
      { ref: refOf(base), packet: JSON.parse(base.packetJson) as Packet },
      { ref: refOf(head), packet: JSON.parse(head.packetJson) as Packet },
    );
    context.stdout.write(
      format === 'json'
        ? `${JSON.stringify(comparison, null, 2)}\n`
        : format === 'md'
          ? comparisonMarkdown(comparison, `# chatproof diff ${base.id} ${head.id}`)
          : comparisonText(comparison),
    );
    return comparison.summary.breaking > 0 ? EXIT.fail : EXIT.pass;
  } finally {
    await store.close();
  }
}
