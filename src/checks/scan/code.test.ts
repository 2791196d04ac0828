import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { scanCode } from './code.js';
import { LANGUAGES } from './languages.js';
import { scanVocabulary } from './trace.js';

const vocabulary = scanVocabulary(undefined);
const spec = (name: string) => LANGUAGES.find((language) => language.name === name)!;
const rules = (text: string, language: string) =>
  scanCode(text, spec(language), vocabulary).map((hit) => `${hit.rule}:${hit.line}`);

describe('code scan', () => {
  test('a URL in a comment or a docstring with prose is not a finding; the same URL as a value is', () => {
    expect(
      rules("// fetch('https://api.example.test/v1/chat/completions')\nconst x = 1;\n", 'typescript'),
    ).toEqual([]);
    expect(rules('"""Posts to https://api.example.test/v1/chat/completions."""\n', 'python')).toEqual([]);
    expect(rules("const u = 'https://api.example.test/v1/chat/completions';\n", 'typescript')).toEqual([
      'hardcoded-base-url:1',
      'hardcoded-chat-path:1',
    ]);
  });

  test('values read from the environment are not hard-coded, even with a default', () => {
    expect(
      rules(
        "import OpenAI from 'openai';\nconst c = new OpenAI({ baseURL: process.env.BASE ?? 'https://api.example.test/v1', timeout: Number(process.env.T ?? 3000) });\n",
        'typescript',
      ),
    ).toEqual([]);
    expect(
      rules(
        'import os\nfrom openai import OpenAI\nc = OpenAI(base_url=os.getenv("BASE", "https://api.example.test/v1"))\n',
        'python',
      ),
    ).toEqual([]);
  });

  test('another argument read from the environment does not make a literal URL a default', () => {
    const text = `export async function ask(base: string, prompt: string) {
  return fetch(\`\${base}/chat/completions\`, {
    body: JSON.stringify({ model: process.env.CHAT_MODEL, messages: [{ role: 'user', content: prompt }] }),
  });
}
`;
    expect(rules(text, 'typescript')).toEqual(['hardcoded-chat-path:2']);
    expect(
      rules(
        'import os, requests\nrequests.post("https://api.example.test/v1/chat/completions", json={"model": os.environ["M"]})\n',
        'python',
      ),
    ).toEqual(['hardcoded-base-url:2', 'hardcoded-chat-path:2']);
  });

  test('a timeout or retry count outside a chat call is not a finding', () => {
    const text =
      "import { Pool } from 'pg';\nimport OpenAI from 'openai';\nconst pool = new Pool({ connectionTimeoutMillis: 2000, max: 10 });\nconst db = { timeout: 5000, retries: 3 };\n";
    expect(rules(text, 'typescript')).toEqual([]);
  });

  test('a base URL handed to another HTTP client in a chat file is not the chat API, unless its host is one', () => {
    const text = `from openai import OpenAI
import httpx
client = OpenAI(base_url="https://llm.internal.example.test/v1")
tickets = httpx.Client(base_url="https://tickets.example.test/api", timeout=5.0)
proxy = httpx.Client(base_url="https://api.openai.com/v1")
`;
    expect(rules(text, 'python')).toEqual(['hardcoded-base-url:3', 'hardcoded-base-url:5']);
    expect(
      rules(
        "import OpenAI from 'openai';\nimport axios from 'axios';\nconst crm = axios.create({ baseURL: 'https://crm.example.test/api' });\n",
        'typescript',
      ),
    ).toEqual([]);
  });

  test('an auth header set in a function that calls another service, in a chat file, is not the chat auth', () => {
    const text = `package ai

const chatURL = "https://api.example.test/v1/chat/completions"

func (c *Client) Ask(ctx context.Context) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, chatURL, nil)
	req.Header.Set("Authorization", "Bearer "+c.key)
}

func Push(ctx context.Context) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "https://metrics.example.test/push", nil)
	req.Header.Set("Authorization", "Basic "+os.Getenv("METRICS_AUTH"))
}

func authHeader(key string) map[string]string {
	return map[string]string{"Authorization": "Bearer " + key}
}
`;
    expect(rules(text, 'go')).toEqual([
      'hardcoded-base-url:3',
      'hardcoded-chat-path:3',
      'hardcoded-auth-header:7',
      'hardcoded-auth-header:7',
      'hardcoded-auth-header:16',
      'hardcoded-auth-header:16',
    ]);
  });

  test('a constant handed to a chat call, or bounding a loop that calls the chat API, is found where it is written', () => {
    const python = `from openai import OpenAI
import psycopg
REQUEST_TIMEOUT = 20.0
DB_TIMEOUT = 5
client = OpenAI(timeout=REQUEST_TIMEOUT)
db = psycopg.connect(connect_timeout=DB_TIMEOUT)
`;
    expect(rules(python, 'python')).toEqual(['hardcoded-timeout:3']);
    const go = `package ai

const (
	chatURL     = "https://api.example.test/v1/chat/completions"
	maxAttempts = 4
	pingRetries = 2
)

func (c *Client) Ask(ctx context.Context) (resp *http.Response, err error) {
	for attempt := 0; attempt < maxAttempts; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, chatURL, nil)
		resp, err = c.http.Do(req)
	}
	for i := 0; i < pingRetries; i++ {
		ping()
	}
	return
}
`;
    expect(rules(go, 'go')).toEqual([
      'hardcoded-base-url:4',
      'hardcoded-chat-path:4',
      'hardcoded-retry-count:5',
    ]);
  });

  test('a price held in a table named for prices is found on each line; the same keys elsewhere are not prices', () => {
    const text = `export const PRICE_PER_MILLION = {
  input: 2.0,
  output: 8.0,
};
export const limits = { input: 4000, output: 1000 };
`;
    expect(rules(text, 'typescript')).toEqual(['hardcoded-price:2', 'hardcoded-price:3']);
    expect(rules('COST_PER_1K = {"prompt": 0.5, "completion": 1.5}\n', 'python')).toEqual([
      'hardcoded-price:1',
      'hardcoded-price:1',
    ]);
  });

  test('the timeout of an HTTP client in a file that sends chat requests by hand is the chat timeout', () => {
    const go = `package ai

const chatURL = "https://api.example.test/v1/chat/completions"

func New() *Client {
	return &Client{http: &http.Client{Timeout: 45 * time.Second}}
}

func Push(ctx context.Context) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "https://metrics.example.test/push", nil)
	_, err := (&http.Client{Timeout: 3 * time.Second}).Do(req)
	return err
}
`;
    expect(rules(go, 'go')).toEqual(['hardcoded-base-url:3', 'hardcoded-chat-path:3', 'hardcoded-timeout:6']);
    // With the SDK as the chat transport, a general HTTP client is another service's.
    const python =
      'from openai import OpenAI\nimport httpx\nclient = OpenAI()\ntickets = httpx.Client(timeout=5.0)\n';
    expect(rules(python, 'python')).toEqual([]);
  });

  test('the path of a route the service serves is not a chat path it calls; a client call with the same path is', () => {
    expect(
      rules(
        "import OpenAI from 'openai';\napp.post('/v1/chat/completions', async (req, res) => res.json({}));\nawait api.post('/chat/completions', body);\n",
        'typescript',
      ),
    ).toEqual(['hardcoded-chat-path:3']);
    expect(
      rules(
        'from openai import OpenAI\n@app.post("/v1/chat/completions")\nasync def chat(body):\n    return body\n',
        'python',
      ),
    ).toEqual([]);
    expect(
      rules('package gw\n\nfunc main() {\n\thttp.HandleFunc("/v1/chat/completions", serve)\n}\n', 'go'),
    ).toEqual([]);
    expect(
      rules(
        'class Gateway {\n  @PostMapping("/v1/chat/completions")\n  public String chat(String body) { return body; }\n}\n',
        'java',
      ),
    ).toEqual([]);
  });

  test('a model id in a request written with shorthand messages, or in a table of model ids, is found', () => {
    const ts = `export async function send(base: string, messages: unknown[]) {
  return fetch(\`\${base}/chat/completions\`, {
    body: JSON.stringify({ model: 'o3-mini', messages }),
  });
}
`;
    expect(rules(ts, 'typescript')).toEqual(['hardcoded-chat-path:2', 'hardcoded-model-id:3']);
    const python =
      'from openai import OpenAI\nMODELS = {\n    "fast": "gpt-4o-mini",\n    "embed": "text-embedding-3-small",\n}\n';
    expect(rules(python, 'python')).toEqual(['hardcoded-model-id:3']);
  });

  test('the AI SDK and openai-go forms: generateText with a provider model, openai.Int around a token cap', () => {
    const ts = `import { createOpenAI } from '@ai-sdk/openai';
import { generateText } from 'ai';
const provider = createOpenAI({ apiKey: process.env.KEY });
export const run = (prompt: string) =>
  generateText({ model: provider('gpt-4o-mini'), maxTokens: 500, maxRetries: 1, prompt });
`;
    expect(rules(ts, 'typescript')).toEqual([
      'hardcoded-model-id:5',
      'hardcoded-token-budget:5',
      'hardcoded-retry-count:5',
    ]);
    const go = `package svc

func Ask(ctx context.Context) {
	client.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: "gpt-4o", MaxTokens: openai.Int(300)})
}
`;
    expect(rules(go, 'go')).toEqual(['hardcoded-model-id:4', 'hardcoded-token-budget:4']);
  });

  test('a chat path built across lines is found on the line where the path starts', () => {
    expect(rules("const endpoint =\n  base +\n  '/chat' +\n  '/completions';\n", 'typescript')).toEqual([
      'hardcoded-chat-path:3',
    ]);
    expect(rules('u = (base\n  + "/chat"\n  "/completions")\n', 'python')).toEqual(['hardcoded-chat-path:2']);
  });

  test('any text in any language is scanned without throwing', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LANGUAGES.map((l) => l.name)),
        fc.string({ maxLength: 200 }),
        (language, text) => {
          scanCode(text, spec(language), vocabulary);
        },
      ),
      { numRuns: 300 },
    );
  });
});
