/** The fault proxy: server, attempt log and fault middleware. */
export { all, compose } from './compose.js';
export * from './faults/index.js';
export { applyRewrite, type PathStep, parsePath, type RewriteOp } from './json-path.js';
export {
  type ProxyOptions,
  type ProxyStats,
  type RouteOptions,
  type RunningProxy,
  startProxy,
} from './server.js';
export {
  buildFault,
  type FaultSpec,
  type FaultTerm,
  formatFaultSpec,
  PROXY_FAULT_NAMES,
  parseFaultSpec,
  readFaultSpec,
  type SpecOptions,
} from './spec.js';
export type { Attempt, AttemptOutcome, Fault, Handler, ProxyRequest, ProxyResponse } from './types.js';
