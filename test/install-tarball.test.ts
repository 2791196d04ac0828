/**
 * The package as users install it: `npm pack` writes the tarball, and its file list holds what the CLI, the
 * library and the demo need, and nothing of the tests. That the tarball installs and runs from another folder
 * is the soak tier's `install-offline.soak.test.ts` (a real `npm ci --offline`, about a minute).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');

let dir: string;
let files: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatproof-pack-'));
  // `--ignore-scripts`: dist/ is built by `npm ci` (prepare); rebuilding it here would only cost time.
  const { stdout } = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [report] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  files = report!.files.map((file) => file.path);
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  test('holds the CLI, the library, the schemas, the examples the demo runs, the licence and the README', () => {
    for (const path of [
      'package.json',
      'LICENSE',
      'README.md',
      'bin/chatproof.js',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/cli/main.js',
      'schema/ledger.schema.json',
      'schema/packet.schema.json',
      'examples/openai-client.mjs',
    ]) {
      expect(files, path).toContain(path);
    }
  });

  test('holds no tests, fixtures, snapshots or sources', () => {
    const unwanted = files.filter(
      (path) =>
        /^(src|test|tests|bench|scripts|\.ci)\//.test(path) ||
        /(^|\/)(__snapshots__|fixtures?)\//.test(path) ||
        /(^|[/.])(test|fixture)\.(js|mjs|ts|d\.ts|js\.map)$/.test(path),
    );
    expect(unwanted).toEqual([]);
    expect(files.filter((path) => path.startsWith('dist/proxy/fixture'))).toEqual([]);
  });
});
