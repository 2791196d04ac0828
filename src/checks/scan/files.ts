/**
 * @module checks/scan/files
 * Which files the scan reads: source and configuration, never comments' cousins (documentation), tests and
 * their fixtures, dependencies, vendored or generated code, nor anything `.gitignore` ignores.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type IgnoreRules, ignoredBy, parseIgnore } from './gitignore.js';
import { type LanguageSpec, languageOf } from './languages.js';

export type ConfigFormat = 'yaml' | 'json' | 'env' | 'properties';

export type ScanFile =
  | { path: string; kind: 'code'; language: LanguageSpec }
  | { path: string; kind: 'config'; format: ConfigFormat };

/** Folders never entered: dependencies, vendored and generated code, documentation, tests and fixtures. */
const SKIPPED_DIRS = new Set([
  'node_modules',
  'vendor',
  'vendored',
  'third_party',
  'third-party',
  'external',
  'bower_components',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'out',
  'target',
  'coverage',
  '.venv',
  'venv',
  '__pycache__',
  'site-packages',
  'docs',
  'doc',
  'test',
  'tests',
  '__tests__',
  'spec',
  'testdata',
  'fixtures',
  '__fixtures__',
  '__mocks__',
  'e2e',
]);

/** Test files by name in each language's convention, minified bundles, lock files. */
const SKIPPED_FILE =
  /(\.(test|spec)\.[cm]?[jt]sx?$)|(_test\.go$)|(^test_.*\.py$)|(_test\.py$)|(Tests?\.java$)|(\.min\.js$)|(\.d\.ts$)|(^(package-lock|composer\.lock|yarn\.lock|pnpm-lock)\b)|(^tsconfig.*\.json$)/;

/** Files over this size are generated or data, not hand-written configuration. */
export const MAX_FILE_BYTES = 1024 * 1024;

function configFormat(name: string): ConfigFormat | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.properties')) return 'properties';
  if (lower === '.env' || lower.startsWith('.env.') || lower.endsWith('.env')) return 'env';
  return undefined;
}

/** How a file is read, or undefined when the scan does not read it. */
export function classify(path: string): ScanFile | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (SKIPPED_FILE.test(name)) return undefined;
  const language = languageOf(name);
  if (language) return { path, kind: 'code', language };
  const format = configFormat(name);
  return format ? { path, kind: 'config', format } : undefined;
}

/** True when the scan reads the file at `path` (relative, `/` separators): no skipped folder on the way. */
export function isScannedPath(path: string): boolean {
  const parts = path.split('/');
  return (
    parts.slice(0, -1).every((part) => !SKIPPED_DIRS.has(part.toLowerCase())) && classify(path) !== undefined
  );
}

interface Level {
  /** Folder of the `.gitignore`, relative to the scan root ('' for the root). */
  base: string;
  rules: IgnoreRules;
}

function isIgnored(levels: readonly Level[], path: string, directory: boolean): boolean {
  let ignored = false;
  for (const level of levels) {
    const relative = level.base === '' ? path : path.slice(level.base.length + 1);
    const decision = ignoredBy(level.rules, relative, directory);
    if (decision !== undefined) ignored = decision;
  }
  return ignored;
}

/** Every file the scan reads under `root`, as paths relative to it with `/` separators, sorted. */
export async function listFiles(root: string, signal?: AbortSignal): Promise<ScanFile[]> {
  const files: ScanFile[] = [];
  const visit = async (relative: string, levels: Level[]): Promise<void> => {
    signal?.throwIfAborted();
    const absolute = relative === '' ? root : join(root, relative);
    const entries = await readdir(absolute, { withFileTypes: true });
    let here = levels;
    if (entries.some((entry) => entry.name === '.gitignore' && entry.isFile())) {
      const text = await readFile(join(absolute, '.gitignore'), 'utf8').catch(() => '');
      here = [...levels, { base: relative, rules: parseIgnore(text) }];
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const folders: string[] = [];
    for (const entry of entries) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(entry.name.toLowerCase()) || isIgnored(here, path, true)) continue;
        folders.push(path);
      } else if (entry.isFile()) {
        const file = classify(path);
        if (file && !isIgnored(here, path, false)) files.push(file);
      }
    }
    for (const folder of folders) await visit(folder, here);
  };
  await visit('', []);
  return files;
}
