/**
 * @module store/rows
 * A packet as the rows of one stored review. Pure apart from compression: the packet is kept whole (gzip of
 * its exact bytes, with their SHA-256), and the parts history filters and reports read get their own rows.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ChatproofError } from '../errors.js';
import { packetQualifiers, packetTarget } from './migrations.js';
import { insertMany, type SqlValue } from './sql.js';
import type { ReviewInput, ReviewSummary } from './types.js';

export const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

interface LoosePacket {
  schemaVersion?: unknown;
  generatedAt?: unknown;
  verdict?: unknown;
  exitCode?: unknown;
  incomplete?: unknown;
  review?: Record<string, unknown> & { target?: { baseUrl?: unknown } };
  clauses?: {
    id: string;
    area: string;
    value: unknown;
    pending: boolean;
    owner: string | null;
    source: unknown;
    validation: { status: string };
  }[];
  findings?: {
    key: string;
    class: string;
    check: string;
    area: string;
    clause: string | null;
    code: string;
    message: string;
  }[];
  checks?: {
    name: string;
    area: string;
    status: string;
    durationMs: number | null;
    firstByteMs: number | null;
  }[];
  audit?: {
    scenarios: {
      name: string;
      attempts: number;
      delaysMs: number[];
      exitCode: number | null;
      class: string;
      rules: unknown[];
    }[];
  };
}

const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);

/** Parses the packet bytes; a review whose packet is not a chatproof packet is refused before anything is written. */
export function parsePacket(packetJson: string): LoosePacket {
  let packet: unknown;
  try {
    packet = JSON.parse(packetJson);
  } catch (error) {
    throw new ChatproofError('E_USAGE', 'the packet to store is not JSON', { cause: error });
  }
  if (
    !packet ||
    typeof packet !== 'object' ||
    typeof (packet as LoosePacket).verdict !== 'string' ||
    typeof (packet as LoosePacket).review !== 'object'
  ) {
    throw new ChatproofError('E_USAGE', 'the packet to store has no verdict or review record');
  }
  return packet as LoosePacket;
}

export function encodePacket(packetJson: string): { hash: string; encoding: string; body: Buffer } {
  return { hash: sha256(packetJson), encoding: 'gzip', body: gzipSync(Buffer.from(packetJson, 'utf8')) };
}

/** The packet bytes back, checked against the hash stored with them. */
export function decodePacket(id: string, row: { hash: string; encoding: string; body: Buffer | Uint8Array }) {
  if (row.encoding !== 'gzip')
    throw new ChatproofError('E_STORE_CORRUPT', `review ${id}: unknown packet encoding ${row.encoding}`);
  let text: string;
  try {
    text = gunzipSync(row.body).toString('utf8');
  } catch (error) {
    throw new ChatproofError('E_STORE_CORRUPT', `review ${id}: the stored packet cannot be read`, {
      cause: error,
    });
  }
  if (sha256(text) !== row.hash)
    throw new ChatproofError('E_STORE_CORRUPT', `review ${id}: the stored packet does not match its hash`);
  return text;
}

export interface Statement {
  sql: string;
  params: SqlValue[];
}

/** Every statement that stores one review, in the order foreign keys need. */
export function reviewStatements(
  id: string,
  storedAt: string,
  input: ReviewInput,
): { statements: Statement[]; summary: ReviewSummary } {
  const packet = parsePacket(input.packetJson);
  const review = packet.review ?? {};
  const findings = packet.findings ?? [];
  const counts: Record<string, number> = {};
  for (const finding of findings) counts[finding.class] = (counts[finding.class] ?? 0) + 1;
  const target = packetTarget(packet as Parameters<typeof packetTarget>[0]);
  const qualifiers = packetQualifiers(packet as Parameters<typeof packetQualifiers>[0]);
  const encoded = encodePacket(input.packetJson);
  const ledgerHash = input.ledger ? sha256(input.ledger.text) : null;
  const summary: ReviewSummary = {
    id,
    storedAt,
    generatedAt: str(packet.generatedAt, storedAt),
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    durationMs: Math.max(0, Date.parse(input.finishedAt) - Date.parse(input.startedAt)) || 0,
    incident: str(review.id),
    application: str(review.application),
    environment: str(review.environment),
    owner: str(review.owner),
    deployVersion: str(review.deployVersion),
    verdict: str(packet.verdict),
    exitCode: typeof packet.exitCode === 'number' ? packet.exitCode : 70,
    incomplete: packet.incomplete === true,
    qualifiers,
    target: target.url,
    targetKind: target.kind,
    toolVersion: input.toolVersion,
    packetSchema: typeof packet.schemaVersion === 'number' ? packet.schemaVersion : 0,
    packetHash: encoded.hash,
    ledgerHash,
    ledgerFile: input.ledger?.file ?? null,
    findings: counts,
  };
  const statements: Statement[] = [];
  if (input.ledger && ledgerHash) {
    statements.push({
      sql: 'INSERT INTO ledgers (hash, content) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING',
      params: [ledgerHash, input.ledger.text],
    });
  }
  statements.push({
    sql: `INSERT INTO reviews (id, stored_at, generated_at, started_at, finished_at, duration_ms, incident,
      application, environment, owner, deploy_version, verdict, exit_code, incomplete, base_url, tool_version,
      packet_schema, ledger_file, ledger_hash, packet_hash, finding_counts, target_url, target_kind)
      VALUES (${Array(23).fill('?').join(', ')})`,
    params: [
      id,
      storedAt,
      summary.generatedAt,
      summary.startedAt,
      summary.finishedAt,
      summary.durationMs,
      summary.incident,
      summary.application,
      summary.environment,
      summary.owner,
      summary.deployVersion,
      summary.verdict,
      summary.exitCode,
      summary.incomplete ? 1 : 0,
      typeof review.target?.baseUrl === 'string' ? review.target.baseUrl : null,
      summary.toolVersion,
      summary.packetSchema,
      summary.ledgerFile,
      ledgerHash,
      encoded.hash,
      JSON.stringify(counts),
      summary.target,
      summary.targetKind,
    ],
  });
  statements.push({
    sql: 'INSERT INTO packets (review_id, hash, encoding, body) VALUES (?, ?, ?, ?)',
    params: [id, encoded.hash, encoded.encoding, encoded.body],
  });
  statements.push(
    ...insertMany(
      'clauses',
      ['review_id', 'clause_id', 'area', 'value', 'pending', 'owner', 'source', 'validation'],
      (packet.clauses ?? []).map((c) => [
        id,
        c.id,
        c.area,
        JSON.stringify(c.value ?? null),
        c.pending ? 1 : 0,
        c.owner ?? null,
        c.source ? JSON.stringify(c.source) : null,
        c.validation?.status ?? 'pending',
      ]),
    ),
    ...insertMany(
      'findings',
      ['review_id', 'ord', 'key', 'class', 'check_name', 'area', 'clause', 'code', 'message'],
      findings.map((f, ord) => [id, ord, f.key, f.class, f.check, f.area, f.clause, f.code, f.message]),
    ),
    ...insertMany(
      'observations',
      ['review_id', 'ord', 'check_name', 'area', 'status', 'duration_ms', 'first_byte_ms'],
      (packet.checks ?? []).map((c, ord) => [id, ord, c.name, c.area, c.status, c.durationMs, c.firstByteMs]),
    ),
    ...insertMany(
      'audit_scenarios',
      ['review_id', 'ord', 'name', 'attempts', 'delays_ms', 'exit_code', 'class', 'rules'],
      (packet.audit?.scenarios ?? []).map((s, ord) => [
        id,
        ord,
        s.name,
        s.attempts,
        JSON.stringify(s.delaysMs),
        s.exitCode,
        s.class,
        JSON.stringify(s.rules),
      ]),
    ),
    ...insertMany(
      'qualifiers',
      ['review_id', 'qualifier'],
      qualifiers.map((q) => [id, q]),
    ),
  );
  return { statements, summary };
}
