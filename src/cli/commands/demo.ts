/** `chatproof demo`. */
import { ChatproofError } from '../../errors.js';
import type { CommandContext } from '../context.js';

export async function demoCommand(
  _options: Record<string, unknown>,
  _args: string[],
  _context: CommandContext,
): Promise<number> {
  throw new ChatproofError('E_USAGE', '`chatproof demo` is not available in this build');
}
