/**
 * @module redact/scan
 * Scans written artifacts for a secret in any encoding: the last line of defence before a packet leaves.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findSecret } from './redactor.js';

export interface ArtifactLeak {
  file: string;
  encoding: string;
  index: number;
}

/** Every file under `dir` (recursively) that contains one of `secrets`; the leak names the file and encoding only. */
export async function scanArtifacts(dir: string, secrets: readonly string[]): Promise<ArtifactLeak[]> {
  const leaks: ArtifactLeak[] = [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath ?? dir, entry.name);
    const hit = findSecret(await readFile(file, 'utf8'), secrets);
    if (hit) leaks.push({ file, ...hit });
  }
  return leaks;
}
