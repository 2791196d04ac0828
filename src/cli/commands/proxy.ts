/** `chatproof proxy`. */
import { ChatproofError } from '../../errors.js';
import type { CommandContext } from '../context.js';

export async function proxyCommand(
  _options: Record<string, unknown>,
  _args: string[],
  _context: CommandContext,
): Promise<number> {
  throw new ChatproofError('E_USAGE', '`chatproof proxy` is not available in this build');
}
