/** `chatproof probe`: the contract probe, JSON and stream, judged against the ledger. */
import { runProbe } from '../../checks/index.js';
import { planChecks } from '../../plan/index.js';
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

export async function probeCommand(
  options: Record<string, unknown>,
  _args: string[],
  context: CommandContext,
): Promise<number> {
  const io = checkIo(options, context);
  await prepareOutput(io, 'probe', options.force === true);
  const contract = await loadContract(io);
  const overrides = overridesFrom(options);
  refuseIfPending('probe', planChecks(contract, 'probe', overrides).pending);
  if (!context.quiet && !context.json)
    context.stderr.write('probe: sending the contract probe (JSON, then stream)\n');
  const result = await runProbe(contract, {
    ...overrides,
    env: context.env,
    signal: context.signal,
    ...(typeof options.stallMs === 'number' ? { stallMs: options.stallMs } : {}),
    ...deadlineOption(options),
    ...waitingOption(io),
  });
  const model = result.model
    ? `model ${result.model.id} (${result.model.validation})`
    : 'model not validated';
  const overridden = result.target?.overrides.length
    ? ` overrides: ${result.target.overrides.map((o) => o.clause).join(', ')}`
    : '';
  const header = `probe → ${result.target?.url ?? '(not sent)'} · key ${result.target?.keyRef ?? '-'} · ${model}${overridden}`;
  return finish(io, 'probe', result, header);
}
