/**
 * @module checks/scan/languages
 * What the scan needs to know about each language's syntax tree, as data: which nodes are string and number
 * literals, which nodes give a value its name (a key, a keyword argument, a declaration, a setter call), how a
 * chat-API call and an environment read look. The walker in `code.ts` is the same for every language.
 */
import { createRequire } from 'node:module';
import { Lang, registerDynamicLanguage } from '@ast-grep/napi';

export type LanguageName = 'typescript' | 'tsx' | 'javascript' | 'python' | 'go' | 'java';

/** A node kind that names the value in one of its fields (`pair`: key → value). */
export interface Namer {
  kind: string;
  /** Field holding the name; `null` when the name is the first named child (Go's `keyed_element`). */
  name: string | null;
  /** Field holding the value; `null` for "everything after the name". */
  value: string | null;
  role: 'value' | 'declaration';
}

/** A call-like node: its callee field and argument list field. */
export interface CallShape {
  kind: string;
  callee: string;
  /** Java's `a.b(…)` keeps the method name in its own field. */
  method?: string;
  args: string;
}

export interface LanguageSpec {
  name: LanguageName;
  lang: Lang | string;
  extensions: readonly string[];
  strings: readonly string[];
  /** Text-bearing children of a string node; everything else inside it (but quotes) is interpolation. */
  fragments: readonly string[];
  /** Children of a string node that are its delimiters. */
  delimiters: readonly string[];
  numbers: readonly string[];
  /** Object/dictionary keys written as bare identifiers (`{ Authorization: … }`). */
  keyPairs: readonly { kind: string; key: string; identifiers: readonly string[] }[];
  namers: readonly Namer[];
  calls: readonly CallShape[];
  /** Struct literals whose type names the request (`openai.ChatCompletionNewParams{…}`). */
  typed: readonly { kind: string; type: string }[];
  subscripts: readonly { kind: string; index: string }[];
  /** Binary `+` nodes (left/right fields) and implicit concatenation nodes. */
  concat: readonly string[];
  implicitConcat: readonly string[];
  /** Nodes where the search for a literal's surroundings stops. */
  boundaries: readonly string[];
  imports: readonly string[];
  /** Object entries written as a bare name (`{ messages }`). */
  shorthands: readonly string[];
  /** Function and method definitions: the scope an auth header is judged in. */
  functions: readonly string[];
  /** Loops: a retry count bounds one. */
  loops: readonly string[];
  /** A callee or expression that reads the environment or configuration. */
  envRead: RegExp;
  /** A callee or type that builds a chat client or sends a chat request. */
  chatCall: RegExp;
  /** How a route of the service itself is registered: its path is served, not requested. */
  routes: {
    callee: RegExp;
    handlers: readonly string[];
    decorators: readonly string[];
    annotations: readonly string[];
    annotation: RegExp;
  };
  /** A callee or type that builds a general HTTP client (its timeout is the chat API's when it carries chat). */
  httpClient: RegExp;
  /** An import of a chat SDK. */
  sdkImport: RegExp;
}

const JS_CHAT_CALL =
  /\b(Azure)?OpenAI\b|\bcreate(Azure)?OpenAI\w*|chat\.completions\.(create|stream|parse)|createChatCompletion|ChatOpenAI|chatCompletion|\b(generate|stream)(Text|Object)\b/;
const JS_ENV =
  /process\.env|import\.meta\.env|Deno\.env|\bconfig\.get\b|\bconfig\(|\bgetConfig\b|\bsettings\./;

const jsLike = (name: LanguageName, lang: Lang, extensions: readonly string[]): LanguageSpec => ({
  name,
  lang,
  extensions,
  strings: ['string', 'template_string'],
  fragments: ['string_fragment', 'escape_sequence'],
  delimiters: ["'", '"', '`'],
  numbers: ['number'],
  keyPairs: [{ kind: 'pair', key: 'key', identifiers: ['property_identifier'] }],
  namers: [
    { kind: 'pair', name: 'key', value: 'value', role: 'value' },
    { kind: 'variable_declarator', name: 'name', value: 'value', role: 'declaration' },
    { kind: 'assignment_expression', name: 'left', value: 'right', role: 'declaration' },
    { kind: 'public_field_definition', name: 'name', value: 'value', role: 'declaration' },
    { kind: 'field_definition', name: 'property', value: 'value', role: 'declaration' },
  ],
  calls: [
    { kind: 'call_expression', callee: 'function', args: 'arguments' },
    { kind: 'new_expression', callee: 'constructor', args: 'arguments' },
  ],
  typed: [],
  subscripts: [{ kind: 'subscript_expression', index: 'index' }],
  concat: ['binary_expression'],
  implicitConcat: [],
  boundaries: ['statement_block', 'class_body', 'program'],
  imports: ['import_statement'],
  shorthands: ['shorthand_property_identifier'],
  functions: [
    'function_declaration',
    'function_expression',
    'method_definition',
    'generator_function_declaration',
  ],
  loops: ['for_statement', 'for_in_statement', 'while_statement', 'do_statement'],
  envRead: JS_ENV,
  chatCall: JS_CHAT_CALL,
  routes: {
    callee: /^(app|router|server|fastify)\.(get|post|put|all|route)$/,
    handlers: ['arrow_function', 'function_expression', 'function'],
    decorators: [],
    annotations: [],
    annotation: /$^/,
  },
  httpClient: /\baxios\.create$|\bky\.create$|\bgot\.extend$|^(undici\.)?Agent$/,
  sdkImport: /['"](openai|@azure\/openai|@langchain\/openai|ai|@ai-sdk\/openai)['"/]/,
});

export const LANGUAGES: readonly LanguageSpec[] = [
  jsLike('typescript', Lang.TypeScript, ['.ts', '.mts', '.cts']),
  jsLike('tsx', Lang.Tsx, ['.tsx']),
  jsLike('javascript', Lang.JavaScript, ['.js', '.mjs', '.cjs', '.jsx']),
  {
    name: 'python',
    lang: 'python',
    extensions: ['.py'],
    strings: ['string'],
    fragments: ['string_content', 'escape_sequence'],
    delimiters: ['string_start', 'string_end'],
    numbers: ['integer', 'float'],
    keyPairs: [],
    namers: [
      { kind: 'pair', name: 'key', value: 'value', role: 'value' },
      { kind: 'keyword_argument', name: 'name', value: 'value', role: 'value' },
      { kind: 'assignment', name: 'left', value: 'right', role: 'declaration' },
    ],
    calls: [{ kind: 'call', callee: 'function', args: 'arguments' }],
    typed: [],
    subscripts: [{ kind: 'subscript', index: 'subscript' }],
    concat: ['binary_operator'],
    implicitConcat: ['concatenated_string'],
    boundaries: ['block', 'module'],
    imports: ['import_statement', 'import_from_statement'],
    shorthands: [],
    functions: ['function_definition'],
    loops: ['for_statement', 'while_statement'],
    envRead: /os\.environ|os\.getenv|\bgetenv\(|\bsettings\.|\bconfig\.get\b|\bconfig\[/,
    chatCall:
      /\b(Async)?(Azure)?OpenAI\b|chat\.completions\.(create|stream|parse)|ChatCompletion|ChatOpenAI|litellm\.completion/,
    routes: {
      callee: /^(app|router|blueprint|bp)\.(route|get|post|api_route)$/,
      handlers: ['lambda'],
      decorators: ['decorator'],
      annotations: [],
      annotation: /$^/,
    },
    httpClient: /^httpx\.(Async)?Client$|^requests\.Session$|^aiohttp\.ClientSession$/,
    sdkImport: /\b(openai|litellm|langchain_openai)\b/,
  },
  {
    name: 'go',
    lang: 'go',
    extensions: ['.go'],
    strings: ['interpreted_string_literal', 'raw_string_literal'],
    fragments: ['interpreted_string_literal_content', 'raw_string_literal_content', 'escape_sequence'],
    delimiters: ['"', '`'],
    numbers: ['int_literal', 'float_literal'],
    keyPairs: [],
    namers: [
      { kind: 'keyed_element', name: 'key', value: 'value', role: 'value' },
      { kind: 'const_spec', name: 'name', value: 'value', role: 'declaration' },
      { kind: 'var_spec', name: 'name', value: 'value', role: 'declaration' },
      { kind: 'short_var_declaration', name: 'left', value: 'right', role: 'declaration' },
      { kind: 'assignment_statement', name: 'left', value: 'right', role: 'declaration' },
    ],
    calls: [{ kind: 'call_expression', callee: 'function', args: 'arguments' }],
    typed: [{ kind: 'composite_literal', type: 'type' }],
    subscripts: [{ kind: 'index_expression', index: 'index' }],
    concat: ['binary_expression'],
    implicitConcat: [],
    boundaries: ['block', 'source_file'],
    imports: ['import_declaration'],
    shorthands: [],
    functions: ['function_declaration', 'method_declaration'],
    loops: ['for_statement'],
    envRead: /os\.Getenv|os\.LookupEnv|viper\.Get|\bcfg\.|\bconfig\./,
    chatCall: /openai\.NewClient|ChatCompletion|Chat\.Completions\.New|CreateChatCompletion/,
    routes: {
      callee: /(^|\.)(HandleFunc|Handle)$/,
      handlers: ['func_literal'],
      decorators: [],
      annotations: [],
      annotation: /$^/,
    },
    httpClient: /^http\.(Client|Transport)$/,
    sdkImport: /openai-go|go-openai|openai/,
  },
  {
    name: 'java',
    lang: 'java',
    extensions: ['.java'],
    strings: ['string_literal'],
    fragments: ['string_fragment', 'multiline_string_fragment', 'escape_sequence'],
    delimiters: ['"', '"""'],
    numbers: ['decimal_integer_literal', 'decimal_floating_point_literal'],
    keyPairs: [],
    namers: [
      { kind: 'variable_declarator', name: 'name', value: 'value', role: 'declaration' },
      { kind: 'assignment_expression', name: 'left', value: 'right', role: 'declaration' },
      { kind: 'element_value_pair', name: 'key', value: 'value', role: 'value' },
    ],
    calls: [
      { kind: 'method_invocation', callee: 'object', method: 'name', args: 'arguments' },
      { kind: 'object_creation_expression', callee: 'type', args: 'arguments' },
    ],
    typed: [],
    subscripts: [],
    concat: ['binary_expression'],
    implicitConcat: [],
    boundaries: ['block', 'class_body', 'program'],
    imports: ['import_declaration'],
    shorthands: [],
    functions: ['method_declaration', 'constructor_declaration'],
    loops: ['for_statement', 'enhanced_for_statement', 'while_statement', 'do_statement'],
    envRead: /System\.getenv|System\.getProperty|getProperty\(|@Value|\benv\.get/,
    chatCall:
      /OpenAIOkHttpClient|OpenAIClient|ChatCompletion|chat\(\)\.completions\(\)|addUserMessage|addSystemMessage|\bmessages\b/,
    routes: {
      callee: /$^/,
      handlers: ['lambda_expression'],
      decorators: [],
      annotations: ['annotation'],
      annotation: /Mapping$|^Path$/,
    },
    httpClient: /\bHttpClient\.newBuilder\(\)|\bOkHttpClient\.Builder\(\)/,
    sdkImport: /com\.openai|openai/,
  },
];

let registered = false;
/** Registers the Python, Go and Java grammars with ast-grep, once per process. */
export function registerLanguages(): void {
  if (registered) return;
  const require = createRequire(import.meta.url);
  registerDynamicLanguage({
    python: require('@ast-grep/lang-python'),
    go: require('@ast-grep/lang-go'),
    java: require('@ast-grep/lang-java'),
  });
  registered = true;
}

const BY_EXTENSION = new Map<string, LanguageSpec>(
  LANGUAGES.flatMap((spec) => spec.extensions.map((ext) => [ext, spec] as const)),
);

/** The language of a file by its extension, if the scan reads it as code. */
export function languageOf(path: string): LanguageSpec | undefined {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : BY_EXTENSION.get(path.slice(dot).toLowerCase());
}
