/** Packets and raw-engine helpers shared by the store tests of both engines. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPostgres, openSqlite, type ReviewInput, type SqlEngine } from '../src/store/index.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'store');
/** A real demo packet (as `chatproof demo` wrote it) and the ledger it judged. */
export const DEMO_PACKET = readFileSync(join(FIXTURES, 'demo-packet.json'), 'utf8');
export const DEMO_LEDGER = readFileSync(join(FIXTURES, 'demo-ledger.yaml'), 'utf8');

export interface Variant {
  application?: string;
  environment?: string;
  incident?: string;
  verdict?: 'pass' | 'fail' | 'escalate';
  generatedAt?: string;
  target?: { kind: string; url: string };
  qualifiers?: string[];
}

/** The demo packet with its record, verdict and time changed, serialised as the packet writer does. */
export function packetJson(variant: Variant = {}): string {
  const packet = JSON.parse(DEMO_PACKET);
  if (variant.application) packet.review.application = variant.application;
  if (variant.environment) packet.review.environment = variant.environment;
  if (variant.incident) packet.review.id = variant.incident;
  if (variant.verdict) packet.verdict = variant.verdict;
  if (variant.generatedAt) packet.generatedAt = variant.generatedAt;
  if (variant.target) packet.target = variant.target;
  if (variant.qualifiers) packet.qualifiers = variant.qualifiers;
  return `${JSON.stringify(packet, null, 2)}\n`;
}

export function reviewInput(variant: Variant = {}, ledger = DEMO_LEDGER): ReviewInput {
  const at = variant.generatedAt ?? '2026-12-01T10:00:00.000Z';
  return {
    packetJson: packetJson({ generatedAt: at, ...variant }),
    ledger: { file: '/work/chatproof.yaml', text: ledger },
    toolVersion: '0.1.0',
    startedAt: new Date(Date.parse(at) - 9000).toISOString(),
    finishedAt: at,
  };
}

/** The engine under a store target, without the store's checks: for tampering in tests. */
export async function rawEngine(target: string): Promise<SqlEngine> {
  return target.startsWith('postgres') ? openPostgres(target, 'test', (t) => t) : openSqlite(target);
}

const WRITER = join(import.meta.dirname, 'fixtures', 'store', 'writer.mjs');

/** A separate process storing `count` reviews (each with `findings` finding rows when given). */
export function writer(target: string, count: number, tag: string, findings?: number) {
  const child = spawn(
    process.execPath,
    [WRITER, target, String(count), tag, ...(findings ? [String(findings)] : [])],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr.on('data', (chunk) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => out, err: () => err };
}

export function waitFor(child: ChildProcess, read: () => string, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (pattern.test(read())) {
        child.stdout?.off('data', check);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', () => reject(new Error(`writer exited before ${pattern}`)));
    check();
  });
}
