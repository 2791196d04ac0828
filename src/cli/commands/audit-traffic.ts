/** `chatproof audit-traffic`: captured traffic (HAR, JSON Lines) judged exchange by exchange against the ledger. */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import {
  assertCaptures,
  asTrafficResult,
  auditTraffic,
  type CaptureFormat,
  DEFAULT_MAX_RECORD_BYTES,
  defaultWorkers,
  fileInput,
  mergeResults,
  missingShards,
  parseShard,
  streamInput,
  type TrafficInput,
  type TrafficOptions,
  type TrafficResult,
  trafficExitCode,
  trafficMarkdown,
  trafficText,
} from '../../checks/traffic/index.js';
import { readLedgerFile, toContract } from '../../contract/index.js';
import { ChatproofError } from '../../errors.js';
import { assertOutputDir, writeFileAtomic } from '../../fsutil/index.js';
import { type CommandContext, style } from '../context.js';

/** Captures at least this large are judged on worker threads unless `--workers` says otherwise. */
const WORKERS_FROM_BYTES = 64 * 1024 * 1024;

function positive(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new ChatproofError('E_USAGE', `${name} ${String(value)}: expected a whole number`);
  return n;
}

async function inputs(
  files: readonly string[],
  context: CommandContext,
): Promise<{ inputs: TrafficInput[]; bytes: number }> {
  if (files.length === 0) {
    throw new ChatproofError('E_USAGE', 'audit-traffic needs at least one capture file (or - for stdin)');
  }
  const bytes = await assertCaptures(files, context.cwd);
  const out = files.map((file) => {
    if (file !== '-') return fileInput(resolve(context.cwd, file), file);
    if (!context.stdin) throw new ChatproofError('E_USAGE', 'no standard input to read');
    return streamInput(context.stdin, '-');
  });
  return { inputs: out, bytes };
}

async function merged(files: readonly string[], context: CommandContext): Promise<TrafficResult> {
  if (files.length === 0)
    throw new ChatproofError('E_USAGE', 'audit-traffic --merge needs the traffic.json files to add up');
  const results: TrafficResult[] = [];
  for (const file of files) {
    const text = await readFile(resolve(context.cwd, file), 'utf8').catch(() => {
      throw new ChatproofError('E_FILE_NOT_FOUND', `${file}: no such result file`);
    });
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new ChatproofError('E_CAPTURE_INVALID', `${file}: not JSON: ${(error as Error).message}`);
    }
    results.push(asTrafficResult(value, file));
  }
  const missing = missingShards(results);
  if (missing.length > 0 && !context.quiet) {
    context.stderr.write(
      `audit-traffic: merging part of the capture; shards not given: ${missing.join(', ')}\n`,
    );
  }
  return mergeResults(results);
}

export async function auditTrafficCommand(
  options: Record<string, unknown>,
  args: string[],
  context: CommandContext,
): Promise<number> {
  const out = typeof options.out === 'string' ? resolve(context.cwd, options.out) : undefined;
  if (out) await assertOutputDir(out);
  let result: TrafficResult;
  if (options.merge === true) result = await merged(args, context);
  else {
    const format = options.format as CaptureFormat | undefined;
    const { inputs: list, bytes } = await inputs(args, context);
    const contract = toContract(
      await readLedgerFile(String(options.ledger ?? './chatproof.yaml'), context.cwd),
    );
    const workers =
      positive('--workers', options.workers) ??
      (bytes >= WORKERS_FROM_BYTES ? defaultWorkers(availableParallelism()) : 0);
    const traffic: TrafficOptions = {
      maxRecordBytes: positive('--max-record-bytes', options.maxRecordBytes) ?? DEFAULT_MAX_RECORD_BYTES,
      workers,
      signal: context.signal,
      ...(format ? { format } : {}),
      ...(typeof options.shard === 'string' ? { shard: parseShard(options.shard) } : {}),
      ...(options.sample !== undefined ? { sample: positive('--sample', options.sample) as number } : {}),
      ...(context.quiet || context.json
        ? {}
        : {
            onInput: ({ name, format: f }: { name: string; format: CaptureFormat }) =>
              context.stderr.write(`audit-traffic: reading ${name} (${f})\n`),
          }),
    };
    result = await auditTraffic(contract, list, traffic);
  }
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (out) {
    await writeFileAtomic(join(out, 'traffic.json'), json, { overwrite: true });
    await writeFileAtomic(join(out, 'traffic.md'), trafficMarkdown(result, '#'), { overwrite: true });
  }
  if (context.json) context.stdout.write(json);
  else {
    context.stdout.write(trafficText(result, style(context.color), context.quiet));
    if (out && !context.quiet)
      context.stderr.write(`wrote ${join(options.out as string, 'traffic.json')} and traffic.md\n`);
  }
  return trafficExitCode(result);
}
