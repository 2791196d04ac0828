/**
 * @module simulator/tools
 * Whether an answer calls a tool, as `tool_choice` describes it: `none` never; `required` or a named function
 * always; `auto` (the default when tools are present) when the conversation's last turn is the user's, so a
 * client sees a call, sends the tool's result, and gets the text answer. Pure.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The function the answer calls, or undefined for a text answer. */
export function toolToCall(body: Json, lastRole: string | undefined): string | undefined {
  const names = (Array.isArray(body.tools) ? body.tools : []).flatMap((tool) =>
    isObject(tool) && isObject(tool.function) && typeof tool.function.name === 'string'
      ? [tool.function.name]
      : [],
  );
  if (names.length === 0) return undefined;
  const choice = body.tool_choice;
  if (choice === 'none') return undefined;
  if (isObject(choice) && isObject(choice.function) && typeof choice.function.name === 'string') {
    return choice.function.name;
  }
  if (choice === 'required') return names[0];
  return lastRole === 'user' ? names[0] : undefined;
}
