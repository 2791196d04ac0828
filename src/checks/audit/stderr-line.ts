/** @module checks/audit/stderr-line The one line of a client's stderr worth showing. Pure. */

// Node ends an uncaught exception's report with its version (`Node.js v20.20.2`) after the stack; neither the
// version nor a stack frame says what went wrong.
const NODE_VERSION = /^Node\.js v\d+\.\d+\.\d+\S*$/;
const STACK_FRAME = /^at\s/;
/** `Error: …`, `TypeError: …`, `Error [ERR_MODULE_NOT_FOUND]: …`, also after a prefix (`client: NotFoundError: …`). */
const ERROR_MESSAGE = /(?:^|[\s:])(?:[A-Z][\w$]*)?Error(?:\s*\[[\w-]+\])?:\s/;

/**
 * The line of a (redacted) output tail that says what went wrong: the last line shaped like an error message, else
 * the last non-empty line, never Node's trailing version line nor a stack frame. Control characters are removed so
 * it cannot move the cursor or recolour a terminal, and it is cut to `max` characters; undefined when there is none.
 */
export function lastLine(text: string, max = 200): string | undefined {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.replace(/\u001b\[[0-9;?]*[A-Za-z]|[\u0000-\u001f\u007f-\u009f]/g, '').trim())
    .filter((line) => line.length > 0 && !NODE_VERSION.test(line) && !STACK_FRAME.test(line));
  const last = lines.findLast((line) => ERROR_MESSAGE.test(line)) ?? lines.at(-1);
  if (last === undefined) return undefined;
  return last.length > max ? `${last.slice(0, max - 1)}…` : last;
}
