/** The code scan: hard-coded endpoints, auth, model ids, limits, prices and secrets; verified locations. */
export { LOCATION_STATUSES, type LocationCheck, type LocationStatus, type Revision } from './locations.js';
export { LOCATION_NOT_FOUND, publicFinding, SCAN_SARIF_FILE, scanFindings, scanSection } from './packet.js';
export { BLOCKING_RULES, SCAN_RULE_IDS, SCAN_RULES, type ScanRule, type ScanRuleId } from './rules.js';
export { renderSarif } from './sarif.js';
export {
  type ScanFinding,
  type ScanOptions,
  type ScanResult,
  scanExitCode,
  scanRepository,
  untraceable,
} from './scan.js';
export { renderScanText } from './text.js';
export { parseLocation, TRACE_WINDOW } from './trace.js';
