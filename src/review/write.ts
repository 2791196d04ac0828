/**
 * @module review/write
 * Writes a packet folder: every renderer's file, each written atomically, each redacted once more.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../fsutil/index.js';
import type { Redactor } from '../redact/index.js';
import { type Packet, RENDERERS } from '../report/index.js';

/** `chatproof-review-20260610T090005Z`: sortable, and safe in every file system. */
export function defaultPacketDir(prefix: string, at: Date): string {
  return `${prefix}-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}`;
}

/** Writes packet.json, packet.md, packet.html and junit.xml into `dir`; returns their paths. */
export async function writePacket(dir: string, packet: Packet, redactor: Redactor): Promise<string[]> {
  const files: string[] = [];
  for (const { file, render } of Object.values(RENDERERS)) {
    const path = join(dir, file);
    await writeFileAtomic(path, redactor.text(render(packet)), { overwrite: true });
    files.push(path);
  }
  return files;
}
