/** The run deadline a command was given (`--deadline`), started when the command starts sending. */
import { type Deadline, startDeadline } from '../../checks/deadline.js';

export function deadlineOption(options: Record<string, unknown>): { deadline?: Deadline } {
  return typeof options.deadline === 'number' ? { deadline: startDeadline(options.deadline) } : {};
}
