/** Ledger and OpenAPI loading and validation → typed Contract. */
export {
  CATALOGUE,
  type CatalogueEntry,
  CLAUSE,
  type ClauseId,
  type ClauseRef,
  type CustomClauseId,
  clauseRef,
  SOURCE_IDS,
} from './catalogue.js';
export { type ClauseIdWarning, clauseIdWarnings, judgeClauseId } from './clause-ids.js';
export {
  type Contract,
  type ContractClause,
  type PendingArea,
  pendingReport,
  read,
  toContract,
  values,
} from './contract.js';
export { initialLedger, placeholderSources, renderLedgerYaml, SCHEMA_URL } from './init.js';
export {
  decodeUtf8,
  formatPath,
  formatProblems,
  inputError,
  type LocatedDocument,
  MAX_LEDGER_BYTES,
  parseLedger,
  parseYamlDocument,
  readLedgerFile,
  readTextFile,
} from './load.js';
export {
  atPointer,
  clausesFromOpenApi,
  describeRefProblem,
  importOpenApi,
  nodeHash,
  OPENAPI_SOURCE_ID,
  type OpenApiImport,
  parseOpenApi,
  type RefProblem,
} from './openapi/index.js';
export { containsPlaceholder, isEmptyEvidence, isPlaceholder, placeholder } from './placeholder.js';
export {
  AREAS,
  type Area,
  type Clause,
  ClauseSchema,
  EVIDENCE_KINDS,
  type Evidence,
  type JsonValue,
  type Ledger,
  type LedgerInput,
  LedgerSchema,
  ledgerJsonSchema,
  type NamedSource,
  type ReviewRecord,
  type Source,
  type Waiver,
} from './schema.js';
export { resolveSource } from './semantics.js';
export {
  ANSWER_KINDS,
  type AnswerKind,
  type ClauseIdOf,
  type ClauseValue,
  type ErrorExpectation,
  ErrorExpectationSchema,
  type FieldMeaning,
  type HeaderSyntax,
  isClauseId,
  parseValue,
  statusMatches,
  VALUE_SCHEMAS,
} from './values.js';
