/**
 * @module checks/scan/scope
 * Where a literal is used beyond its own expression: the route a path is served under, the function an auth
 * header is set in (does it talk to the chat API or to another service?) and the uses of a constant (is
 * `REQUEST_TIMEOUT = 20` handed to a chat call, or does `MAX_ATTEMPTS` bound a loop that sends chat requests?).
 */
import type { SgNode } from '@ast-grep/napi';
import type { ScanVocabulary } from './judge.js';
import type { LanguageSpec } from './languages.js';
import { CHAT_API_HOST } from './vocabulary.js';

/** The nearest ancestor of one of these kinds. */
export function enclosing(node: SgNode, kinds: readonly string[]): SgNode | null {
  for (let ancestor = node.parent(); ancestor; ancestor = ancestor.parent())
    if (kinds.includes(ancestor.kind() as string)) return ancestor;
  return null;
}

const escapeName = (name: string): string => name.replace(/[$]/g, '\\$');

/** The text uses this identifier as a whole word. */
export function mentions(text: string, name: string): boolean {
  return new RegExp(`(^|[^\\w$])${escapeName(name)}($|[^\\w$])`).test(text);
}

/** What the scan knows of the chat API in one file, to test a piece of its text against. */
export interface ChatSigns {
  spec: LanguageSpec;
  /** Names bound to a literal holding the chat path. */
  chatUrls: ReadonlySet<string>;
  chatPathIn: (text: string) => boolean;
}

/** A piece of code that calls the chat API: a chat call, the chat path, or a name bound to it. */
export function talksToChat(text: string, signs: ChatSigns): boolean {
  return (
    signs.spec.chatCall.test(text) ||
    signs.chatPathIn(text) ||
    [...signs.chatUrls].some((name) => mentions(text, name))
  );
}

/**
 * The literal sits in a function that names another service's URL (one of `urls`) and nothing of the chat API:
 * a header set there (`Authorization: Basic …` for a metrics gateway) is that service's.
 */
export function inOtherService(node: SgNode, urls: readonly SgNode[], signs: ChatSigns): boolean {
  const scope = enclosing(node, signs.spec.functions);
  if (!scope || talksToChat(scope.text(), signs)) return false;
  const { start, end } = scope.range();
  return urls.some((url) => url.range().start.index >= start.index && url.range().end.index <= end.index);
}

/**
 * A constant is the chat client's when one of its uses is inside a chat call (`timeout=REQUEST_TIMEOUT`) or,
 * for a retry count, bounds a loop that calls the chat API.
 */
export function constantUsedInChat(
  root: SgNode,
  name: string,
  signs: ChatSigns,
  inChatCall: (use: SgNode) => boolean,
  loops: boolean,
): boolean {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return false;
  const uses = root.findAll({ rule: { kind: 'identifier', regex: `^${escapeName(name)}$` } });
  for (const use of uses) {
    if (inChatCall(use)) return true;
    const loop = loops ? enclosing(use, signs.spec.loops) : null;
    if (loop && talksToChat(loop.text(), signs)) return true;
  }
  return false;
}

const within = (inner: SgNode, outer: SgNode): boolean =>
  inner.range().start.index >= outer.range().start.index &&
  inner.range().end.index <= outer.range().end.index;

function hostOf(url: string): string | null {
  try {
    return new URL(url.replace(/\0.*$/s, '')).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * A general HTTP client built in a file that sends chat requests by hand is the chat API's transport (`&http.Client{Timeout: 60 * time.Second}`
 * stored on the chat client) unless it, or the function that builds it, names a URL that is not the chat API's
 * (the ticket store's `httpx.Client(base_url=…)`, a metrics push).
 */
export function namesOtherService(
  client: SgNode,
  node: SgNode,
  urls: readonly SgNode[],
  signs: ChatSigns,
  textOf: (url: SgNode) => string,
  vocabulary: ScanVocabulary,
): boolean {
  const scope = enclosing(node, signs.spec.functions) ?? client;
  return urls.some((url) => {
    if (!within(url, scope)) return false;
    const value = textOf(url);
    if (signs.chatPathIn(value)) return false;
    const host = hostOf(value);
    return host === null || !(CHAT_API_HOST.test(host) || vocabulary.baseHosts.includes(host));
  });
}

/**
 * A call registering a route of this service with the literal as its path: a router method by name, a handler
 * function among the later arguments, or a decorator (`@app.post("/v1/chat/completions")`).
 */
export function isRoute(
  call: SgNode,
  args: SgNode,
  literal: SgNode,
  callee: string,
  spec: LanguageSpec,
): boolean {
  const list = args.namedChildren();
  const first = list[0]?.range();
  const at = literal.range();
  if (!first || at.start.index < first.start.index || at.end.index > first.end.index) return false;
  if (spec.routes.callee.test(callee)) return true;
  if (list.slice(1).some((arg) => spec.routes.handlers.includes(arg.kind() as string))) return true;
  const parent = call.parent();
  return parent !== null && spec.routes.decorators.includes(parent.kind() as string);
}
