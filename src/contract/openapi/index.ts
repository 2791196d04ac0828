/** OpenAPI 3.0/3.1 import: clauses with JSON-pointer provenance and bundled JSON Schemas. */
export { clausesFromOpenApi, findChatOperation, OPENAPI_SOURCE_ID, type OpenApiImport } from './clauses.js';
export { importOpenApi, MAX_OPENAPI_BYTES, parseOpenApi } from './load.js';
export { describeRefProblem, type RefProblem, type RefProblemKind, unresolvedRefs } from './refs.js';
export {
  atPointer,
  bundleSchema,
  canonicalJson,
  fieldPaths,
  isNullable,
  nodeHash,
  objectView,
} from './schema.js';
