/**
 * @module contract/openapi/load
 * Reads an OpenAPI 3.0 or 3.1 document (YAML or JSON) and turns it into ledger clauses.
 */
import { ChatproofError } from '../../errors.js';
import { inputError, parseYamlDocument, readTextFile } from '../load.js';
import { clausesFromOpenApi, findChatOperation, type OpenApiImport } from './clauses.js';
import type { Schema } from './schema.js';

/** OpenAPI documents are big (OpenAI's is about 3 MB); this bounds a mistaken or hostile input. */
export const MAX_OPENAPI_BYTES = 64 * 1024 * 1024;

/** Parses OpenAPI text; JSON takes the fast path, YAML reports errors with `file:line:col`. */
export function parseOpenApi(text: string, file: string): Schema {
  let data: unknown;
  if (/^\s*\{/.test(text)) {
    try {
      data = JSON.parse(text);
    } catch (cause) {
      throw inputError(
        'E_OPENAPI_INVALID',
        { file, line: 1, col: 1 },
        `not valid JSON (${(cause as Error).message})`,
        cause,
      );
    }
  } else {
    data = parseYamlDocument(text, file).data;
  }
  const at = { file, line: 1, col: 1 };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw inputError('E_OPENAPI_INVALID', at, 'expected an OpenAPI document (a mapping with `openapi: 3.x`)');
  }
  const version = (data as Schema).openapi;
  if (typeof version !== 'string' || !/^3\.[01]\./.test(version)) {
    const seen = typeof version === 'string' ? `\`${version}\`` : 'no `openapi` field';
    throw inputError('E_OPENAPI_INVALID', at, `expected OpenAPI 3.0 or 3.1, found ${seen}`);
  }
  if (!findChatOperation(data as Schema)) {
    throw inputError('E_OPENAPI_INVALID', at, 'no `POST …/chat/completions` operation in `paths`');
  }
  return data as Schema;
}

/** Reads an OpenAPI file and builds its clauses; `accessed` is today's date, passed in. */
export async function importOpenApi(
  file: string,
  accessed: string,
  cwd = process.cwd(),
): Promise<OpenApiImport> {
  const text = await readTextFile(file, 'OpenAPI', MAX_OPENAPI_BYTES, cwd);
  const document = parseOpenApi(text, file);
  try {
    return clausesFromOpenApi(document, file, accessed);
  } catch (cause) {
    if (cause instanceof ChatproofError) throw cause;
    throw inputError('E_OPENAPI_INVALID', { file, line: 1, col: 1 }, (cause as Error).message, cause);
  }
}
