/**
 * @module checks/scan/code
 * Reads one source file's syntax tree (ast-grep) and hands every string and number literal, with what
 * surrounds it, to the pure judge. Comments never reach the judge: they are not literals.
 */
import { parse, type SgNode } from '@ast-grep/napi';
import {
  type FileFacts,
  type Hit,
  judgeLiteral,
  type Literal,
  type LiteralPart,
  type LiteralRole,
  type ScanVocabulary,
} from './judge.js';
import { type LanguageSpec, registerLanguages } from './languages.js';
import { type ChatSigns, constantUsedInChat, inOtherService, isRoute, namesOtherService } from './scope.js';
import {
  BASE_URL_NAME,
  lastName,
  RETRY_NAME,
  TIMEOUT_NAME,
  TOKEN_BUDGET_NAME,
  UNIT_CALL,
} from './vocabulary.js';

/** How far up the tree a literal's surroundings are searched (pair → object → arguments → call → …). */
const MAX_DEPTH = 16;

const unquote = (text: string): string => text.replace(/^(['"`])(.*)\1$/s, '$2');

/** The literal's text without delimiters; interpolations become `\0`. */
function stringValue(node: SgNode, spec: LanguageSpec): string {
  const children = node.children();
  if (children.length === 0) return unquote(node.text());
  let value = '';
  for (const child of children) {
    const kind = child.kind() as string;
    if (spec.fragments.includes(kind)) value += child.text();
    else if (!spec.delimiters.includes(kind)) value += '\0';
  }
  return value;
}

function nameText(node: SgNode | null): string | null {
  if (!node) return null;
  return lastName(unquote(node.text()));
}

interface Surroundings {
  name: string | null;
  role: LiteralRole;
  chat: boolean;
  env: boolean;
  foreignCall: boolean;
  outerName: string | null;
  /** The path a route of this service is registered under (`app.post('/v1/chat/completions', …)`). */
  route: boolean;
  /** The construction of a general HTTP client the literal configures (`&http.Client{Timeout: …}`). */
  httpClient: SgNode | null;
}

const sameNode = (a: SgNode | null, b: SgNode): boolean => a !== null && a.id() === b.id();

const MESSAGES = /^['"]?messages['"]?$/i;

function surroundings(node: SgNode, spec: LanguageSpec, chatUrls: ReadonlySet<string>): Surroundings {
  const found: Surroundings = {
    name: null,
    role: 'other',
    chat: false,
    env: false,
    foreignCall: false,
    outerName: null,
    httpClient: null,
    route: false,
  };
  let named = false;
  let called = false;
  let child = node;
  let ancestor = node.parent();
  for (
    let depth = 0;
    ancestor && depth < MAX_DEPTH;
    depth++, child = ancestor, ancestor = ancestor.parent()
  ) {
    const kind = ancestor.kind() as string;
    if (spec.boundaries.includes(kind)) break;
    const call = spec.calls.find((shape) => shape.kind === kind);
    if (call) {
      const callee = ancestor.field(call.callee);
      const method = call.method ? ancestor.field(call.method) : null;
      const calleeText = `${callee?.text() ?? ''}${method ? `.${method.text()}` : ''}`;
      if (spec.chatCall.test(calleeText)) found.chat = true;
      if (!found.httpClient && spec.httpClient.test(calleeText)) found.httpClient = ancestor;
      const args = ancestor.field(call.args);
      const first = args?.namedChildren()[0];
      if (first && (chatUrls.has(first.text()) || chatUrls.has(lastName(first.text())))) found.chat = true;
      const name = method ? method.text() : lastName(callee?.text() ?? '');
      if (!called && sameNode(args, child)) {
        // The innermost call holding the literal: another client (`httpx.Client(base_url=…)`) unless it is a
        // chat call or a setter named for the value (`option.WithBaseURL(…)`).
        called = true;
        found.foreignCall = !spec.chatCall.test(calleeText) && !BASE_URL_NAME.test(name);
        found.route = args !== null && isRoute(ancestor, args, node, calleeText, spec);
      }
      if (!named && sameNode(args, child) && UNIT_CALL.test(name)) {
        // A unit conversion names nothing: the value belongs to the call around it.
      } else if (!named && sameNode(args, child)) {
        // Only the callee itself: a builder chain's earlier calls (`.apiKey(System.getenv(…))`) are not this one.
        const own = calleeText.includes('(') ? name : calleeText;
        if (spec.envRead.test(own)) found.env = true;
        found.name = name;
        const index = args?.namedChildren().findIndex((arg) => arg.id() === node.id());
        found.role = index === 0 ? 'argument' : 'value';
        named = true;
      }
    }
    if (
      spec.routes.annotations.includes(kind) &&
      spec.routes.annotation.test(ancestor.field('name')?.text() ?? '')
    )
      found.route = true;
    const typed = spec.typed.find((shape) => shape.kind === kind);
    const type = typed ? (ancestor.field(typed.type)?.text() ?? '') : '';
    if (typed && spec.chatCall.test(type)) found.chat = true;
    if (typed && !found.httpClient && spec.httpClient.test(type)) found.httpClient = ancestor;
    if (!found.chat && hasMessagesChild(ancestor, spec)) found.chat = true;
    if (named) {
      // The name one level up: `PRICE_PER_MILLION = { input: 2.0 }` is a price of input tokens.
      const outer = found.outerName === null && spec.namers.find((shape) => shape.kind === kind);
      if (outer)
        found.outerName = nameText(
          outer.name ? ancestor.field(outer.name) : (ancestor.namedChildren()[0] ?? null),
        );
      continue;
    }
    const namer = spec.namers.find((shape) => shape.kind === kind);
    if (namer) {
      const nameNode = namer.name ? ancestor.field(namer.name) : (ancestor.namedChildren()[0] ?? null);
      if (nameNode && (sameNode(nameNode, child) || nameNode.id() === node.id())) {
        found.role = 'key';
      } else {
        found.name = nameText(nameNode);
        found.role = namer.role;
      }
      named = true;
      continue;
    }
    const subscript = spec.subscripts.find((shape) => shape.kind === kind);
    if (subscript && sameNode(ancestor.field(subscript.index), child)) {
      found.role = 'subscript';
      named = true;
      continue;
    }
    // An argument list holds other arguments: one read from the environment (a request body's
    // `model: process.env.CHAT_MODEL`) does not make this one a default.
    if (isArgumentList(ancestor, spec)) continue;
    if (spec.envRead.test(ancestor.text())) found.env = true;
  }
  if (found.chat) found.foreignCall = false;
  return found;
}

const URL_START = /^https?:\/\/[^\s\0/]/i;

/** A header name or a `Bearer` value: the literals an auth finding can come from. */
function isAuthCandidate(value: string, vocabulary: ScanVocabulary): boolean {
  return value.startsWith('Bearer') || vocabulary.authHeaders.includes(value.toLowerCase());
}

/** The argument list of a call. */
function isArgumentList(node: SgNode, spec: LanguageSpec): boolean {
  const parent = node.parent();
  const call = parent && spec.calls.find((shape) => shape.kind === (parent.kind() as string));
  return Boolean(call && sameNode(parent.field(call.args), node));
}

/** An object, dictionary, struct literal or argument list with a `messages` entry is a chat request. */
function hasMessagesChild(node: SgNode, spec: LanguageSpec): boolean {
  for (const child of node.namedChildren()) {
    // `{ model, messages }`: a shorthand property is its own name.
    if (spec.shorthands.includes(child.kind() as string) && MESSAGES.test(child.text())) return true;
    const namer = spec.namers.find(
      (shape) => shape.kind === (child.kind() as string) && shape.role === 'value',
    );
    if (!namer) continue;
    const name = namer.name ? child.field(namer.name) : child.namedChildren()[0];
    if (name && MESSAGES.test(name.text())) return true;
  }
  return false;
}

function position(node: SgNode): { line: number; column: number } {
  const start = node.range().start;
  return { line: start.line + 1, column: start.column + 1 };
}

/** Operands of a `+` chain, left to right. */
function flatten(node: SgNode, spec: LanguageSpec, out: SgNode[]): void {
  if (spec.concat.includes(node.kind() as string) && node.field('operator')?.text() === '+') {
    const left = node.field('left');
    const right = node.field('right');
    if (left) flatten(left, spec, out);
    if (right) flatten(right, spec, out);
    return;
  }
  if (spec.implicitConcat.includes(node.kind() as string)) {
    out.push(...node.namedChildren());
    return;
  }
  if ((node.kind() as string) === 'parenthesized_expression' && node.namedChildren().length === 1) {
    flatten(node.namedChildren()[0]!, spec, out);
    return;
  }
  out.push(node);
}

function concatenation(node: SgNode, spec: LanguageSpec): Pick<Literal, 'value' | 'parts'> | null {
  const operands: SgNode[] = [];
  if (spec.implicitConcat.includes(node.kind() as string)) operands.push(...node.namedChildren());
  else flatten(node, spec, operands);
  const strings = operands.filter((operand) => spec.strings.includes(operand.kind() as string));
  if (strings.length < 2) return null;
  let value = '';
  const parts: LiteralPart[] = [];
  for (const operand of operands) {
    if (spec.strings.includes(operand.kind() as string)) {
      parts.push({ offset: value.length, ...position(operand) });
      value += stringValue(operand, spec);
    } else value += '\0';
  }
  return { value, parts };
}

/**
 * Every node of the kinds the scan looks at, from one walk of the tree (a walk per group of kinds cost as much
 * as the parse itself; one walk a third of that), handed out by kind in document order.
 */
function nodesOf(root: SgNode, spec: LanguageSpec): (kinds: readonly string[]) => SgNode[] {
  const kinds = [
    ...new Set([
      ...spec.strings,
      ...spec.numbers,
      ...spec.imports,
      ...spec.concat,
      ...spec.implicitConcat,
      ...spec.keyPairs.map((shape) => shape.kind),
    ]),
  ];
  const byKind = new Map<string, SgNode[]>();
  for (const node of root.findAll({ rule: { any: kinds.map((kind) => ({ kind })) } })) {
    const kind = node.kind() as string;
    const list = byKind.get(kind);
    if (list) list.push(node);
    else byKind.set(kind, [node]);
  }
  return (wanted) => {
    if (wanted.length === 1) return byKind.get(wanted[0]!) ?? [];
    // Several kinds: back in document order, as one walk over them would give.
    return wanted
      .flatMap((kind) => byKind.get(kind) ?? [])
      .sort((a, b) => a.range().start.index - b.range().start.index);
  };
}

/** The findings of one source file. */
export function scanCode(text: string, spec: LanguageSpec, vocabulary: ScanVocabulary): Hit[] {
  registerLanguages();
  const root = parse(spec.lang, text).root();
  const found = nodesOf(root, spec);
  const strings = found(spec.strings);
  const values = new Map<number, string>();
  for (const node of strings) values.set(node.id(), stringValue(node, spec));
  const chatPathIn = (value: string) => vocabulary.chatPaths.some((path) => value.includes(path));

  const concatKinds = [...spec.concat, ...spec.implicitConcat];
  const joined: { node: SgNode; literal: Pick<Literal, 'value' | 'parts'> }[] = [];
  if (concatKinds.length > 0) {
    for (const node of found(concatKinds)) {
      const parent = node.parent();
      // Only the top of a chain: `a + b + c` is one concatenation, not two.
      if (parent && spec.concat.includes(parent.kind() as string) && parent.field('operator')?.text() === '+')
        continue;
      const literal = concatenation(node, spec);
      if (literal) joined.push({ node, literal });
    }
  }

  // Names bound to a literal holding the chat path: a call whose first argument is one of them is a chat call.
  const chatUrls = new Set<string>();
  const bound = [
    ...strings.map((node) => ({ node, value: values.get(node.id()) ?? '' })),
    ...joined.map(({ node, literal }) => ({ node, value: literal.value })),
  ];
  for (const { node, value } of bound) {
    if (!chatPathIn(value)) continue;
    const here = surroundings(node, spec, chatUrls);
    if (here.role === 'declaration' && here.name) chatUrls.add(here.name);
  }
  const imports = found(spec.imports);
  const sdk =
    imports.some((node) => spec.sdkImport.test(node.text())) ||
    /\brequire\(\s*['"]openai['"]\s*\)/.test(text);
  // A file that builds its chat requests by hand (the chat path, no SDK) sends them through its HTTP client.
  const handBuilt = !sdk && bound.some(({ value }) => chatPathIn(value));
  const facts: FileFacts = { config: false, chatFile: sdk || handBuilt };

  const urls = strings.filter((node) => URL_START.test(values.get(node.id()) ?? ''));
  const signs: ChatSigns = { spec, chatUrls, chatPathIn };
  const otherService = (node: SgNode, value: string): boolean =>
    isAuthCandidate(value, vocabulary) && inOtherService(node, urls, signs);
  const chatTransport = (here: Surroundings, node: SgNode): boolean => {
    const name = here.name ?? '';
    if (here.chat || !here.httpClient || !handBuilt || !TIMEOUT_NAME.test(name)) return false;
    return !namesOtherService(
      here.httpClient,
      node,
      urls,
      signs,
      (url) => values.get(url.id()) ?? '',
      vocabulary,
    );
  };
  const chatConstant = (here: Surroundings): boolean => {
    const name = here.name ?? '';
    if (here.chat || here.role !== 'declaration' || !facts.chatFile) return false;
    const retry = RETRY_NAME.test(name);
    if (!retry && !TIMEOUT_NAME.test(name) && !TOKEN_BUDGET_NAME.test(name)) return false;
    return constantUsedInChat(root, name, signs, (use) => surroundings(use, spec, chatUrls).chat, retry);
  };

  const hits: Hit[] = [];
  const judge = (literal: Literal) => hits.push(...judgeLiteral(literal, facts, vocabulary));
  for (const node of strings) {
    const value = values.get(node.id()) ?? '';
    judge({
      form: 'string',
      value,
      ...position(node),
      ...surroundings(node, spec, chatUrls),
      otherService: otherService(node, value),
    });
  }
  const numbers = found(spec.numbers);
  for (const node of numbers) {
    const here = surroundings(node, spec, chatUrls);
    if (chatConstant(here) || chatTransport(here, node)) here.chat = true;
    judge({ form: 'number', value: node.text(), ...position(node), ...here });
  }
  for (const shape of spec.keyPairs) {
    for (const pair of found([shape.kind])) {
      const key = pair.field(shape.key);
      if (!key || !shape.identifiers.includes(key.kind() as string)) continue;
      judge({
        form: 'key',
        value: key.text(),
        ...position(key),
        name: null,
        role: 'key',
        chat: false,
        env: false,
        otherService: otherService(key, key.text()),
      });
    }
  }
  for (const { node, literal } of joined) {
    judge({ form: 'string', ...literal, ...position(node), ...surroundings(node, spec, chatUrls) });
  }
  return hits;
}
