/**
 * The package as users install it: `npm pack` writes the tarball, and what it holds runs from any folder.
 * The tarball's file list holds what the CLI, the library and the demo need, and nothing of the tests. A real
 * `npm install` of the tarball fetches its dependencies from the registry, which a test may not reach; so the
 * tarball is unpacked into a temporary prefix whose `node_modules` is this checkout's (the same dependencies
 * `npm install` would bring), and `chatproof demo --passing` runs from another folder, through the packed
 * `bin/chatproof.js` and the packed `dist/`, never this checkout's sources.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');

let dir: string;
let files: string[];
let tarball: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatproof-pack-'));
  // `--ignore-scripts`: dist/ is built by `npm ci` (prepare); rebuilding it here would only cost time.
  const { stdout } = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [report] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  files = report!.files.map((file) => file.path);
  tarball = join(dir, report!.filename);
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

  test('runs `chatproof demo --passing` from another folder to a real pass', async () => {
    const prefix = join(dir, 'prefix');
    await mkdir(prefix, { recursive: true });
    await exec('tar', ['xzf', tarball, '-C', prefix]);
    // The dependencies `npm install` would fetch: this checkout's, beside the unpacked package.
    await symlink(join(ROOT, 'node_modules'), join(prefix, 'node_modules'), 'dir');
    const elsewhere = join(dir, 'elsewhere');
    await mkdir(elsewhere);
    const bin = join(prefix, 'package', 'bin', 'chatproof.js');
    const { stdout } = await exec(
      process.execPath,
      [bin, 'demo', '--passing', '--out', 'review', '--no-store'],
      {
        cwd: elsewhere,
        env: { PATH: process.env.PATH ?? '', HOME: elsewhere, NO_COLOR: '1' },
        timeout: 90_000,
      },
    );
    expect(stdout).toMatch(/verdict PASS · rehearsal against the embedded simulator/);
    expect((await readdir(join(elsewhere, 'review'))).sort()).toEqual(
      expect.arrayContaining(['junit.xml', 'packet.html', 'packet.json', 'packet.md']),
    );
  }, 120_000);
});
