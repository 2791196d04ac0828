/**
 * Vitest global setup: the tests that run the built CLI (`npx chatproof`, the traffic worker threads) need
 * `dist/` to match `src/`. It is rebuilt here, once and before any test file starts, when it is missing or
 * older than a source file; rebuilding from inside a test would rewrite `dist/` under files already using it.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '../..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export default async function setup(): Promise<void> {
  const built = join(ROOT, 'dist/cli/main.js');
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime(join(ROOT, 'src'))) return;
  await promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT });
}
