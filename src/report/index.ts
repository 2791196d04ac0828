/** Renderers of the review packet: one JSON document in, Markdown, HTML, JSON and JUnit out. Pure. */
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import type { Packet } from './schema.js';
import { upgradePacket } from './upgrade.js';

export { buildPacket, type PacketInput, sortFindings } from './build.js';
export { escapeHtml, escapeMarkdown, escapeXml } from './escape.js';
export { CSP } from './html.js';
export {
  headlineOf,
  VERDICT_LABEL,
  VERDICT_TONE,
  verdictSentence,
  verdictWithQualifiers,
} from './labels.js';
export { maskPacket, maskVolatile } from './mask.js';
export { type PacketExchange, packetExchange } from './packet-exchange.js';
export {
  deriveQualifiers,
  QUALIFIER_IDS,
  QUALIFIER_LABEL,
  type Qualifier,
  type QualifierId,
  QualifierSchema,
  rehearsalLine,
  TARGET_KINDS,
  type Target,
  type TargetKind,
  TargetSchema,
} from './qualifiers.js';
export {
  type CheckRow,
  type ClauseRow,
  type EscalationDraft,
  type EvidenceRow,
  PACKET_SCHEMA_VERSION,
  type Packet,
  type PacketFinding,
  PacketSchema,
  packetJsonSchema,
  type RunbookLine,
} from './schema.js';
export {
  CHANGE_GRADES,
  CHANGE_KINDS,
  type Change,
  type ChangeGrade,
  type ChangeKind,
  type Comparison,
  ComparisonSchema,
} from './schema-comparison.js';
export {
  type ScanSection,
  type ScanSectionFinding,
  type ScanSectionLocation,
  ScanSectionSchema,
} from './schema-scan.js';
export { type TrafficSection, TrafficSectionSchema } from './schema-traffic.js';
export { trafficSectionHtml, trafficSectionMarkdown } from './traffic.js';
export { renderHtml, renderJson, renderJunit, renderMarkdown, upgradePacket };

export type PacketFormat = 'json' | 'markdown' | 'html' | 'junit';
export type Renderer = (packet: Packet) => string;

/** Every renderer by format, with the file name it writes in a packet folder. */
export const RENDERERS: Readonly<Record<PacketFormat, { file: string; render: Renderer }>> = {
  json: { file: 'packet.json', render: renderJson },
  markdown: { file: 'packet.md', render: (packet) => renderMarkdown(upgradePacket(packet)) },
  html: { file: 'packet.html', render: (packet) => renderHtml(upgradePacket(packet)) },
  junit: { file: 'junit.xml', render: (packet) => renderJunit(upgradePacket(packet)) },
};
