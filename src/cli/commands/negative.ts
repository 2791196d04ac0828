/** `chatproof negative`: the negative suite, judged against the ledger's errors clauses. */
import { runNegative } from '../../checks/index.js';
import { BODY_CLAUSES, planChecks, TARGET_CLAUSES } from '../../plan/index.js';
import type { CommandContext } from '../context.js';
import {
  checkIo,
  finish,
  loadContract,
  overridesFrom,
  prepareOutput,
  refuseIfPending,
  waitingOption,
} from './check-io.js';
import { deadlineOption } from './deadline.js';

export async function negativeCommand(
  options: Record<string, unknown>,
  _args: string[],
  context: CommandContext,
): Promise<number> {
  const io = checkIo(options, context);
  await prepareOutput(io, 'negative', options.force === true);
  const contract = await loadContract(io);
  const overrides = overridesFrom(options);
  // Refuse when no case can be built (target or body pending); a case whose own errors clause is pending
  // is reported as not-run and the others still run.
  const shared = new Set<string>([...TARGET_CLAUSES, ...BODY_CLAUSES]);
  refuseIfPending(
    'negative',
    planChecks(contract, 'negative', overrides).pending.filter((id) => shared.has(id)),
  );
  if (!context.quiet && !context.json)
    context.stderr.write('negative: sending the negative cases one at a time\n');
  const result = await runNegative(contract, {
    ...overrides,
    env: context.env,
    signal: context.signal,
    ...(typeof options.stallMs === 'number' ? { stallMs: options.stallMs } : {}),
    ...deadlineOption(options),
    ...waitingOption(io),
  });
  const header = `negative → ${result.target?.url ?? '(not sent)'} · key ${result.target?.keyRef ?? '-'} · ${result.cases.length} case(s) sent`;
  return finish(io, 'negative', result, header);
}
