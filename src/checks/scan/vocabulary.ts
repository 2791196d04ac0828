/**
 * @module checks/scan/vocabulary
 * The words the scan recognises, as data: names that say what a value is (`baseURL`, `max_retries`), shapes of
 * model ids, header names. Code and configuration files are judged with the same words.
 */

/** The documented chat path every OpenAI-compatible API shares; the ledger's own path is added to it. */
export const DEFAULT_CHAT_PATHS = ['/chat/completions'] as const;

/** Header names that carry a key; the ledger's `auth.header` is added. */
export const DEFAULT_AUTH_HEADERS = ['authorization', 'x-api-key', 'api-key'] as const;

/** Names that hold a base URL (matched against the identifier, key or setter the value belongs to). */
export const BASE_URL_NAME = /base[-_]?ur[il]|api[-_]?base|api[-_]?url|endpoint|api[-_]?host|server[-_]?url/i;

/**
 * Hosts of public chat APIs: a base URL handed to a general HTTP client (`axios.create`, `httpx.Client`) is the
 * chat API's only when its host is one of these or the ledger's.
 */
export const CHAT_API_HOST =
  /(^|\.)(openai\.com|openai\.azure\.com|anthropic\.com|mistral\.ai|groq\.com|together\.(xyz|ai)|deepseek\.com|openrouter\.ai|fireworks\.ai|perplexity\.ai|x\.ai|cohere\.(ai|com)|cometapi\.com|moonshot\.(cn|ai)|generativelanguage\.googleapis\.com)(:\d+)?$/;

/** Names that say a value belongs to the chat integration rather than another service. */
export const CHAT_QUALIFIER = /llm|chat|openai|completion|gpt|comet|\bai_|_ai\b|^ai[A-Z_]|model/i;

export const MODEL_NAME =
  /^(model|model_?id|model_?name|default_?model|chat_?model|llm_?model|[a-z_]*_model)$/i;
/** Shapes of chat model ids across providers; embedding, audio and image models are not chat models. */
export const MODEL_SHAPE =
  /^(gpt-|o[1345](-|$)|chatgpt-|claude-|gemini-|llama|meta-llama\/|mistral|mixtral|deepseek|qwen|grok-|command-r|glm-|kimi-|moonshot)/i;
export const NOT_CHAT_MODEL = /embed|whisper|tts|dall-e|moderation|transcribe|image/i;

export const TIMEOUT_NAME = /timeout|deadline/i;
/** Timer functions are not client timeouts. */
export const TIMER_NAME = /^(set|clear)(timeout|interval)$|^sleep$/i;
export const RETRY_NAME = /retries|retry|attempts/i;
/**
 * Unit, conversion and optional-value calls pass a number on to the name that matters:
 * `timeout(Duration.ofSeconds(30))`, openai-go's `MaxTokens: openai.Int(300)`.
 */
export const UNIT_CALL =
  /^(of(Seconds|Millis|Minutes|Nanos)|Duration|timedelta|float|int|Number|parseInt|parseFloat|seconds|milliseconds|minutes|ms|Int|Int64|Float|String)$/;
export const TOKEN_BUDGET_NAME = /max[-_]?((completion|output|new)[-_]?)?tokens|token[-_]?(budget|limit)/i;
export const PRICE_NAME =
  /(price|pricing|cost).*(token|1k|1m|million|thousand|input|output|prompt|completion)|(token|1k|1m|million|thousand|input|output|prompt|completion).*(price|cost)/i;

/** Names of values that are secrets. */
export const SECRET_NAME = /api_?key|secret|token|password|passwd|credential|auth/i;
/** `MODERATION_KEY`, `apiKey`, `key`: a name ending in "key" (not `monkey`, not `keyboard`). */
export const KEY_NAME = /(^|[_-])(key|KEY)$|[a-z0-9]Key$|^Key$/;
/** Names that say the value is about tokens (counts, budgets), not a credential. */
export const NOT_SECRET_NAME =
  /max_?tokens|tokens?_?(budget|limit|count|per)|token_?(url|endpoint|type|header|name)/i;

/** A literal that could be a credential: one long token of key characters, letters and digits mixed. */
export function credentialShaped(value: string): boolean {
  if (!/^[A-Za-z0-9_\-+/=.~]{20,}$/.test(value)) return false;
  if (!/[0-9]/.test(value) || !/[a-z]/i.test(value)) return false;
  // An environment variable name, a dotted key or a path is a name, not a secret.
  if (/^[A-Z0-9_]+$/.test(value) || /^[a-z0-9_.-]+$/.test(value) || value.includes('/')) return false;
  return new Set(value).size >= 10;
}

/** Keys under which configuration files hold chat settings (`llm.timeout`, `OPENAI_MAX_RETRIES`). */
export const CONFIG_CHAT_SECTION = CHAT_QUALIFIER;

/** The last identifier of a dotted or qualified name: `this.client.baseURL` → `baseURL`. */
export function lastName(text: string): string {
  const match = /([A-Za-z_$][\w$]*)\W*$/.exec(text);
  return match?.[1] ?? text;
}
