/**
 * @module checks/scan/text
 * Pure: the scan as a terminal report, one line per finding and per checked location.
 */
import { SCAN_RULES } from './rules.js';
import { type ScanResult, untraceable } from './scan.js';

export function renderScanText(result: Omit<ScanResult, 'root'>): string {
  const lines: string[] = [];
  for (const finding of result.findings) {
    const trace = finding.traceable ? 'traced' : finding.clause ? 'untraced' : '';
    lines.push(
      `${finding.file}:${finding.line}:${finding.column}  ${finding.rule}  ${finding.match}` +
        `${finding.clause ? `  ${finding.clause}` : ''}${trace ? `  ${trace}` : ''}`,
    );
  }
  if (result.locations.length > 0) {
    lines.push('', 'implementation locations:');
    for (const check of result.locations)
      lines.push(`  ${check.status.padEnd(11)}  ${check.clause}  ${check.location}  ${check.detail}`);
  }
  const blocking = untraceable(result.findings).length;
  const notFound = result.locations.filter((check) => check.status === 'not found').length;
  lines.push(
    '',
    `${result.files} files, ${result.findings.length} findings, ${blocking} untraceable hard-coded endpoint, auth or secret` +
      (result.locations.length > 0 ? `, ${notFound} of ${result.locations.length} locations not found` : ''),
  );
  if (blocking > 0) {
    const rules = [...new Set(untraceable(result.findings).map((f) => f.rule))];
    lines.push(...rules.map((rule) => `  ${rule}: ${SCAN_RULES[rule].help}`));
  }
  return `${lines.join('\n')}\n`;
}
