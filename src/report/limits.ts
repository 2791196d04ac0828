/**
 * @module report/limits
 * One sentence per local limit that ended checks (the stall limit, the run deadline), for the renderers to show
 * beside the verdict: a run the deadline cut short says so where the verdict is read, not only in the findings.
 */
import type { Packet } from './schema.js';

const NAME = { stall: 'the stall limit', deadline: 'the run deadline' } as const;

function duration(ms: number): string {
  if (ms < 1000 || ms % 1000 !== 0) return `${ms} ms`;
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`;
}

/** E.g. "the run deadline of 1 s ended 9 check(s): probe-stream, negative, …"; none when nothing fired. */
export function limitSentences(packet: Pick<Packet, 'limits'>): string[] {
  const fired = packet.limits?.fired ?? [];
  return (['deadline', 'stall'] as const).flatMap((kind) => {
    const ended = fired.filter((f) => f.kind === kind);
    if (ended.length === 0) return [];
    const checks = [...new Set(ended.map((f) => f.check))];
    const shown =
      checks.slice(0, 6).join(', ') + (checks.length > 6 ? `, and ${checks.length - 6} more` : '');
    return [`${NAME[kind]} of ${duration(ended[0]!.ms)} ended ${ended.length} check(s): ${shown}`];
  });
}
