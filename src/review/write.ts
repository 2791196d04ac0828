/**
 * @module review/write
 * Writes a packet folder whole or not at all (a temporary sibling renamed into place), every file redacted once
 * more.
 */
import { stat } from 'node:fs/promises';
import { ChatproofError } from '../errors.js';
import { assertOutputDir, writeFolderAtomic } from '../fsutil/index.js';
import type { Redactor } from '../redact/index.js';
import { type Packet, RENDERERS } from '../report/index.js';

/** `chatproof-review-20260610T090005Z`: sortable, and safe in every file system. */
export function defaultPacketDir(prefix: string, at: Date): string {
  return `${prefix}-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}`;
}

/**
 * Refuses a packet folder that names an existing non-folder, before any check runs: otherwise the review would
 * run to the end and then fail to create the folder.
 */
export async function assertPacketDir(dir: string): Promise<void> {
  const found = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    // A path below an existing file (`afile/packet`): the same mistake, one level down.
    if (error.code === 'ENOTDIR') return null;
    throw error;
  });
  if (found === null || (found && !found.isDirectory())) {
    throw new ChatproofError(
      'E_OUTPUT_EXISTS',
      `--out ${dir} is not a folder: a file exists at or above that path; give a folder (it is created when missing)`,
    );
  }
  // A read-only folder, a name over 255 bytes, `/proc`: exit 73 now, before any request is sent.
  await assertOutputDir(dir);
}

/**
 * Writes packet.json, packet.md, packet.html and junit.xml into `dir`, with `extra` files beside them (the
 * code scan's `scan.sarif`); returns their paths.
 */
export async function writePacket(
  dir: string,
  packet: Packet,
  redactor: Redactor,
  extra: Readonly<Record<string, string>> = {},
): Promise<string[]> {
  const files: Record<string, string> = {};
  for (const [file, text] of Object.entries(extra)) files[file] = redactor.text(text);
  for (const { file, render } of Object.values(RENDERERS)) files[file] = redactor.text(render(packet));
  return writeFolderAtomic(dir, files);
}
