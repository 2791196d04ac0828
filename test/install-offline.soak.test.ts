/**
 * A real `npm ci` of the packed tarball into a project outside this checkout, with no network: npm extracts
 * the tarball and its dependencies from the local cache that this checkout's `npm ci` filled, links the
 * `chatproof` bin and runs the dependencies' install scripts (better-sqlite3 compiles). The project's lockfile
 * pins the versions this checkout's lockfile resolved, so npm needs no registry to resolve them. Then
 * `chatproof --version` and `chatproof demo --passing` run from a third folder through the installed bin.
 * About a minute (the native build): soak tier.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');

interface LockEntry {
  dev?: boolean;
  link?: boolean;
  [key: string]: unknown;
}

let dir: string;
let bin: string;
let version: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatproof-install-'));
  const { stdout } = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [report] = JSON.parse(stdout) as { filename: string }[];
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  version = pkg.version;
  const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const project = join(dir, 'service');
  await mkdir(project);
  const spec = `file:../${report!.filename}`;
  // What the package needs at run time, as this checkout resolved it: every non-dev entry of its lockfile.
  const packages: Record<string, unknown> = {
    '': { name: 'service', version: '1.0.0', dependencies: { chatproof: spec } },
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path !== '' && !entry.dev && !entry.link) packages[path] = entry;
  }
  packages['node_modules/chatproof'] = {
    version,
    resolved: spec,
    license: pkg.license,
    dependencies: pkg.dependencies,
    bin: pkg.bin,
    engines: pkg.engines,
  };
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'service', version: '1.0.0', private: true, dependencies: { chatproof: spec } }),
  );
  await writeFile(
    join(project, 'package-lock.json'),
    JSON.stringify({ name: 'service', version: '1.0.0', lockfileVersion: 3, requires: true, packages }),
  );
  await exec('npm', ['ci', '--offline', '--no-audit', '--no-fund'], {
    cwd: project,
    timeout: 240_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  bin = join(project, 'node_modules', '.bin', 'chatproof');
}, 300_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npm ci of the packed tarball, offline, outside this checkout', () => {
  test('the installed bin reports the package version', async () => {
    const { stdout } = await exec(bin, ['--version'], { cwd: dir });
    expect(stdout.trim()).toBe(version);
  });

  test('`chatproof demo --passing` runs from another folder and writes a PASS packet there', async () => {
    const elsewhere = join(dir, 'elsewhere');
    await mkdir(elsewhere);
    const { stdout, stderr } = await exec(bin, ['demo', '--passing', '--out', 'review'], {
      cwd: elsewhere,
      env: { ...process.env, NO_COLOR: '1', CHATPROOF_SIM_KEY: '' },
      timeout: 120_000,
    });
    expect(stdout.split('\n')[0]).toMatch(/verdict PASS/);
    const packet = JSON.parse(await readFile(join(elsewhere, 'review', 'packet.json'), 'utf8'));
    expect(packet.verdict).toBe('pass');
    // The packet names the installed copy as its generator, and the review went into the history (the
    // installed better-sqlite3 works).
    expect(stderr).toMatch(/stored as \S+ in .*history\.db/);
    expect((await stat(join(elsewhere, '.chatproof', 'history.db'))).size).toBeGreaterThan(0);
    expect(packet.generator).toMatchObject({ version });
  }, 150_000);
});
