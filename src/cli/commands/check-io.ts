/**
 * @module cli/commands/check-io
 * What `chatproof probe` and `chatproof negative` share: read the ledger, refuse while a needed clause is
 * pending (exit 64), run, print or write the versioned document, and map findings to the exit code.
 */
import { resolve } from 'node:path';
import type { RunDocument } from '../../checks/index.js';
import { assertBaseUrl } from '../../checks/probe/index.js';
import {
  type Finding,
  findingsExitCode,
  findingsText,
  referenceExchanges,
  type TextStyle,
} from '../../classify/index.js';
import { type Contract, readLedgerFile, toContract } from '../../contract/index.js';
import { ChatproofError } from '../../errors.js';
import { assertFreshFolder, assertOutputDir, writeFileAtomic } from '../../fsutil/index.js';
import type { WaitingNotice } from '../../http/index.js';
import type { TargetOverrides } from '../../plan/index.js';
import { activeBoundary, createRedactor } from '../../redact/index.js';
import { type CommandContext, style } from '../context.js';

export interface CommandIo {
  ledger: string;
  cwd: string;
  json: boolean;
  quiet: boolean;
  out?: string;
  stdout: { write(text: string): void };
  stderr: { write(text: string): void };
  style: TextStyle;
  signal: AbortSignal;
}

/** Overrides from `--base-url` / `--key-ref`; a malformed `--base-url` throws `E_USAGE`. */
export function overridesFrom(options: Record<string, unknown>): TargetOverrides {
  const out: TargetOverrides = {};
  if (typeof options.baseUrl === 'string') out.baseUrl = assertBaseUrl(options.baseUrl);
  if (typeof options.keyRef === 'string') out.keyRef = options.keyRef;
  return out;
}

export async function loadContract(io: CommandIo): Promise<Contract> {
  return toContract(await readLedgerFile(io.ledger, io.cwd));
}

/** Throws `E_PLACEHOLDER` listing `pending` when it is not empty. */
export function refuseIfPending(command: string, pending: readonly string[]): void {
  if (pending.length === 0) return;
  throw new ChatproofError(
    'E_PLACEHOLDER',
    `\`chatproof ${command}\` needs clauses that are still pending (fill them from the documentation; nothing is guessed):\n${pending.map((id) => `  - ${id}`).join('\n')}`,
  );
}

/**
 * Prints (text or JSON), writes `<out>/<name>.json`, and returns the exit code. A run that did not open (its
 * target pending, its key unreadable) is refused like a pending ledger: exit 64 with the reason, nothing written.
 */
export async function finish(
  io: CommandIo,
  name: string,
  document: RunDocument & { findings: Finding[] },
  header: string,
): Promise<number> {
  if (document.refused) throw new ChatproofError(document.refused.code, document.refused.message);
  // The run's boundary knows the key and the URL credentials; outside a CLI run, pattern rules still apply.
  const redactor = activeBoundary() ?? createRedactor();
  // Each captured exchange is written once; the findings judged from it reference it by id.
  const shared = referenceExchanges(document.findings);
  const written = { ...document, findings: shared.findings, exchanges: shared.exchanges };
  const json = `${redactor.text(JSON.stringify(written, null, 2))}\n`;
  // `resolve`, not `join`: an absolute --out is used as given.
  const file = io.out === undefined ? undefined : resolve(io.cwd, io.out, `${name}.json`);
  if (file) await writeFileAtomic(file, json, { overwrite: true });
  if (io.signal.aborted) throw new ChatproofError('E_INTERRUPTED', 'interrupted');
  if (io.json) io.stdout.write(json);
  else {
    io.stdout.write(`${redactor.text(header)}\n`);
    io.stdout.write(redactor.text(findingsText(document.findings, io.style, io.quiet)));
    if (file) io.stderr.write(`wrote ${file}\n`);
  }
  return findingsExitCode(document.findings);
}

/** A line on stderr every few seconds while a request has had no answer; none with --quiet. */
export function waitingOption(io: Pick<CommandIo, 'quiet' | 'stderr'>): {
  onWaiting?: (waiting: WaitingNotice) => void;
} {
  if (io.quiet) return {};
  return { onWaiting: (waiting) => io.stderr.write(`${waitingLine(waiting)}\n`) };
}

/** `waiting for the first byte from POST http://…/chat/completions: no answer after 5 s`. */
export function waitingLine(waiting: WaitingNotice): string {
  return `  waiting for the first byte from ${waiting.method} ${waiting.url}: no answer after ${Math.round(waiting.ms / 1000)} s`;
}

export function checkIo(options: Record<string, unknown>, context: CommandContext): CommandIo {
  return {
    ledger: options.ledger as string,
    cwd: context.cwd,
    json: context.json,
    quiet: context.quiet,
    ...(typeof options.out === 'string' ? { out: options.out } : {}),
    stdout: context.stdout,
    stderr: context.stderr,
    style: style(context.color),
    signal: context.signal,
  };
}

/** Refuses an `--out` that is a file before any request is sent, so no evidence is gathered only to be lost. */
export async function prepareOutput(
  io: CommandIo,
  kind: 'probe' | 'negative',
  force: boolean,
): Promise<void> {
  if (io.out === undefined) return;
  const dir = resolve(io.cwd, io.out);
  await assertOutputDir(dir);
  await assertFreshFolder(dir, `--out ${io.out}`, kind, { force });
}
