/**
 * @module fsutil/fresh
 * No silent overwrite: an output a run did not create is refused unless the user said `--force`, and a folder
 * never mixes the outputs of different kinds of run (a probe.json dropped into a review packet). Checked before
 * any request is sent, so no evidence is gathered only to be refused.
 */
import { readdir, stat } from 'node:fs/promises';
import { ChatproofError } from '../errors.js';

/** What each kind of run writes into its folder: the names that tell one run's folder from another's. */
export const RUN_FILES = {
  review: ['packet.json', 'packet.md', 'packet.html', 'junit.xml', 'scan.sarif'],
  probe: ['probe.json'],
  negative: ['negative.json'],
  audit: ['audit.json'],
} as const;
export type RunKind = keyof typeof RUN_FILES;

export interface FreshOptions {
  /** Replace what an earlier run of the same kind left there. */
  force?: boolean;
  /** Names this run itself has already written there (the demo's ledger), never counted against it. */
  mine?: readonly string[];
}

const list = (names: readonly string[]): string =>
  names.length > 4 ? `${names.slice(0, 4).join(', ')}, …` : names.join(', ');

/** Refuses an existing file unless `force`. */
export async function assertFreshFile(
  path: string,
  shown: string,
  options: FreshOptions = {},
): Promise<void> {
  const found = await stat(path).catch(() => undefined);
  if (!found || options.force) return;
  throw new ChatproofError(
    'E_OUTPUT_EXISTS',
    `${shown} already exists and this run did not create it; choose another file, or pass --force to replace it`,
  );
}

/**
 * Refuses a folder that would mix runs or lose an earlier output. A review packet is a whole folder: one that
 * already holds files is refused unless `force`, and then only when every file is an earlier packet's. Evidence
 * (probe, negative suite, client audit) may share a folder with each other's evidence, never with a packet, and
 * an earlier file of its own is replaced only with `force`.
 */
export async function assertFreshFolder(
  dir: string,
  shown: string,
  kind: RunKind,
  options: FreshOptions = {},
): Promise<void> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  const mine = new Set(options.mine ?? []);
  const present = entries.filter((name) => !mine.has(name) && !name.startsWith('.chatproof'));
  if (present.length === 0) return;
  const packet = kind === 'review';
  const other = Object.entries(RUN_FILES)
    .filter(([k]) => k !== kind && (packet || k === 'review'))
    .flatMap(([, names]) => names.filter((name) => present.includes(name)));
  if (other.length > 0) {
    throw new ChatproofError(
      'E_OUTPUT_EXISTS',
      `${shown} holds another run's output (${list(other)}); a folder never mixes runs: choose a new folder`,
    );
  }
  if (options.force) return;
  const own: readonly string[] = RUN_FILES[kind];
  const clash = packet ? present : present.filter((name) => own.includes(name));
  if (clash.length === 0) return;
  throw new ChatproofError(
    'E_OUTPUT_EXISTS',
    `${shown} already holds files (${list(clash)}) this run did not create; choose a new folder, or pass --force to replace them`,
  );
}
