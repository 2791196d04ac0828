/**
 * @module checks/probe/request
 * The seed's probe body, built only from ledger clauses (field names, model id, roles); nothing is
 * defaulted. Negative cases start from the same body and break one thing. Pure.
 */
import { CLAUSE, type ClauseIdOf, type Contract, values } from '../../contract/index.js';

/** The seed's probe instruction and the literal it asks for. */
export const PROBE_LITERAL = 'contract_probe_ok';
export const PROBE_PROMPT = `Return the literal text: ${PROBE_LITERAL}`;
/** Completion cap: the literal is a handful of tokens; 16 bounds the cost of a chatty model. */
export const PROBE_MAX_TOKENS = 16;

/** The field names and values a chat body is made of, read from the ledger. */
export interface ChatFields {
  modelField: string;
  model: string;
  messagesField: string;
  roleField: string;
  contentField: string;
  userRole: string;
  maxTokensField: string;
}

/** Reads the body clauses; undefined when one is pending (the plan has already said which). */
export function chatFields(contract: Contract): ChatFields | undefined {
  const s = (id: ClauseIdOf<string>) => values.string(contract, id);
  const fields = {
    modelField: s(CLAUSE.modelField),
    model: s(CLAUSE.modelId),
    messagesField: s(CLAUSE.messagesField),
    roleField: s(CLAUSE.roleField),
    contentField: s(CLAUSE.contentField),
    userRole: s(CLAUSE.userRole),
    maxTokensField: s(CLAUSE.maxTokensField),
  };
  for (const value of Object.values(fields)) if (value === undefined) return undefined;
  return fields as ChatFields;
}

export interface StreamRequest {
  field: string;
  /** Ask for the final usage chunk: only when the ledger documents it (`response.stream-usage: true`). */
  includeUsage: boolean;
}

/** The probe body: one user message asking for the literal, a small `max_tokens`, optionally streaming. */
export function probeBody(fields: ChatFields, stream?: StreamRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    [fields.modelField]: fields.model,
    [fields.messagesField]: [{ [fields.roleField]: fields.userRole, [fields.contentField]: PROBE_PROMPT }],
    [fields.maxTokensField]: PROBE_MAX_TOKENS,
  };
  if (stream) {
    body[stream.field] = true;
    // `stream_options.include_usage` is how OpenAI-compatible APIs ask for the usage chunk the clause documents.
    if (stream.includeUsage) body.stream_options = { include_usage: true };
  }
  return body;
}

/** Request headers for a JSON or event-stream answer; auth is added by the session. */
export function jsonHeaders(stream = false): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: stream ? 'text/event-stream' : 'application/json',
    'user-agent': 'chatproof',
  };
}
