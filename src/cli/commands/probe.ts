/** `chatproof probe`. */
import { ChatproofError } from '../../errors.js';
import type { CommandContext } from '../context.js';

export async function probeCommand(
  _options: Record<string, unknown>,
  _args: string[],
  _context: CommandContext,
): Promise<number> {
  throw new ChatproofError('E_USAGE', '`chatproof probe` is not available in this build');
}
