/** `chatproof report <id>`: a stored review re-rendered; `--format json` gives back the exact bytes written. */
import { join, resolve } from 'node:path';
import { ChatproofError } from '../../errors.js';
import { assertFreshFolder, writeFileAtomic } from '../../fsutil/index.js';
import { type Packet, type PacketFormat, PacketSchema, RENDERERS } from '../../report/index.js';
import type { StoredReview } from '../../store/index.js';
import { type CommandContext, EXIT } from '../context.js';
import { openChosenStore } from './history-store.js';

const FORMATS: Readonly<Record<string, PacketFormat>> = {
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  json: 'json',
  junit: 'junit',
};

/**
 * The stored packet as this chatproof's renderers read it. A packet written by another version may lack a field
 * they need: that is said plainly, and the stored bytes stay available as JSON.
 */
function readable(review: StoredReview): Packet {
  const parsed = PacketSchema.safeParse(JSON.parse(review.packetJson));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ChatproofError(
    'E_PACKET_UNREADABLE',
    `review ${review.id} was written by chatproof ${review.toolVersion}, and this chatproof cannot render its packet (${issue?.path.join('.') || 'packet'}: ${issue?.message ?? 'invalid'}); --format json gives it back as written`,
  );
}

export async function reportCommand(
  options: Record<string, unknown>,
  args: string[],
  context: CommandContext,
): Promise<number> {
  const [ref] = args;
  if (ref === undefined)
    throw new ChatproofError('E_USAGE', 'report needs a review: chatproof report <id|last|previous|last~N>');
  const format = FORMATS[String(options.format ?? 'json')];
  if (!format)
    throw new ChatproofError(
      'E_USAGE',
      `--format ${String(options.format)}: expected md, html, json or junit`,
    );
  // As review's packet folder: a folder holding files (another review's packet) is refused unless --force,
  // and another kind of run's folder always, so one folder never mixes two runs.
  const outDir = typeof options.out === 'string' ? resolve(context.cwd, options.out) : undefined;
  if (outDir)
    await assertFreshFolder(outDir, `--out ${String(options.out)}`, 'review', {
      force: options.force === true,
    });
  const store = await openChosenStore(options, context);
  let text: string;
  try {
    const review = await store.resolve(ref);
    // The stored bytes themselves, not a re-serialisation: a reviewer can check them against the packet hash.
    text = format === 'json' ? review.packetJson : RENDERERS[format].render(readable(review));
  } finally {
    await store.close();
  }
  if (outDir) {
    const path = join(outDir, RENDERERS[format].file);
    await writeFileAtomic(path, text, { overwrite: true });
    if (!context.quiet) context.stderr.write(`wrote ${path}\n`);
  } else {
    context.stdout.write(text);
  }
  return EXIT.pass;
}
