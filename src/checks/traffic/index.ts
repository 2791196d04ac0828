/** Production traffic audit: HAR and JSON Lines captures judged exchange by exchange against the contract. */

export {
  auditTraffic,
  DEFAULT_MAX_RECORD_BYTES,
  parseShard,
  type Shard,
  type TrafficOptions,
} from './audit.js';
export { TRAFFIC_CHECK, TRAFFIC_CODES, type TrafficCode, type TrafficOwnCode } from './codes.js';
export { assertCaptures, detectFormat, fileInput, streamInput, type TrafficInput } from './input.js';
export { judgeExchange, trafficSetup } from './judge.js';
export { asTrafficResult, mergeResults, missingShards } from './merge.js';
export { trafficFindings, trafficSection, where } from './packet.js';
export { recordsLine, trafficExitCode, trafficMarkdown, trafficText } from './render.js';
export {
  type CapturedExchange,
  type CaptureFormat,
  type RecordRef,
  SKIP_REASONS,
  type SkipReason,
  type TrafficExample,
  type TrafficFinding,
  type TrafficModel,
  type TrafficRecords,
  type TrafficResult,
} from './types.js';
export { defaultWorkers } from './workers.js';
