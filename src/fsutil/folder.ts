/**
 * @module fsutil/folder
 * Writes a folder of files whole or not at all: every file goes into a temporary sibling folder, which is then
 * renamed into place. A folder holding only files chatproof owns there (an earlier run's) is replaced whole, so
 * no stale file of the older run is left beside the new ones; a folder that also holds other files (the demo's
 * ledger, the user's own) gets the new files renamed in one by one and the owned files this run did not write
 * removed. Nothing else is touched.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { redactOutput } from '../redact/boundary.js';
import { assertNameFits, outputError } from './write.js';

export interface FolderOptions {
  /** Names an earlier run may have left in the folder; only these are ever replaced or removed. */
  owned?: readonly string[];
}

/** Writes `files` (relative path → content) as the folder `dir`; returns the absolute paths written. */
export async function writeFolderAtomic(
  dir: string,
  files: Readonly<Record<string, string>>,
  options: FolderOptions = {},
): Promise<string[]> {
  assertNameFits(dir);
  const names = Object.keys(files);
  const parent = dirname(dir);
  let temp: string | undefined;
  try {
    await mkdir(parent, { recursive: true });
    temp = await mkdtemp(join(parent, '.chatproof-partial-'));
    for (const [name, content] of Object.entries(files)) {
      await mkdir(dirname(join(temp, name)), { recursive: true });
      await writeFile(join(temp, name), redactOutput(content));
    }
    const existing = await stat(dir).catch(() => undefined);
    if (!existing) {
      await rename(temp, dir);
      temp = undefined;
    } else {
      const owned = new Set([...names.map((name) => name.split('/')[0]!), ...(options.owned ?? [])]);
      const present = await readdir(dir);
      if (present.every((entry) => owned.has(entry))) {
        // Only an earlier run's files: swap the folders, then drop the old one.
        const aside = join(parent, `.chatproof-old-${randomBytes(6).toString('hex')}`);
        await rename(dir, aside);
        await rename(temp, dir);
        temp = undefined;
        await rm(aside, { recursive: true, force: true });
      } else {
        for (const name of names) {
          await mkdir(dirname(join(dir, name)), { recursive: true });
          await rename(join(temp, name), join(dir, name));
        }
        const now = new Set(names);
        for (const stale of present) {
          if (owned.has(stale) && !now.has(stale))
            await rm(join(dir, stale), { recursive: true, force: true });
        }
      }
    }
  } catch (error) {
    throw outputError(dir, error);
  } finally {
    if (temp !== undefined) await rm(temp, { recursive: true, force: true }).catch(() => {});
  }
  return names.map((name) => join(dir, name));
}
