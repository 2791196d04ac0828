/**
 * @module checks/traffic/lines
 * Splits a byte stream into lines without ever holding more than one record: a line longer than the cap is
 * dropped as it streams past and reported as too large, so memory stays bounded whatever the input.
 */

/** One line of a JSON Lines capture: its bytes (a view, not a copy), or `null` when it exceeded the cap. */
export interface Line {
  /** 1-based line number. */
  line: number;
  bytes: Buffer | null;
}

const NL = 10;
const CR = 13;

/**
 * The split, chunk by chunk: `push` returns the lines a chunk completes (views into it, valid until the chunk
 * is reused), `end` the final line without its newline, if any. A trailing CR is dropped (CRLF). `firstLine`
 * numbers the first line (a part of a file that starts after its line `firstLine - 1`).
 */
export function lineSplitter(
  maxBytes: number,
  firstLine = 1,
): { push(chunk: Buffer): Line[]; end(): Line[] } {
  let carry: Buffer[] = [];
  let carried = 0;
  let dropping = false;
  let line = firstLine - 1;
  const finish = (tail: Buffer | undefined): Line => {
    line += 1;
    if (dropping) {
      dropping = false;
      carry = [];
      carried = 0;
      return { line, bytes: null };
    }
    let bytes =
      carry.length === 0 ? (tail ?? Buffer.alloc(0)) : Buffer.concat(tail ? [...carry, tail] : carry);
    carry = [];
    carried = 0;
    if (bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1);
    return { line, bytes: bytes.length > maxBytes ? null : bytes };
  };
  return {
    push(chunk) {
      const out: Line[] = [];
      let start = 0;
      for (;;) {
        const end = chunk.indexOf(NL, start);
        if (end === -1) break;
        out.push(finish(chunk.subarray(start, end)));
        start = end + 1;
      }
      if (start < chunk.length && !dropping) {
        const rest = chunk.subarray(start);
        carried += rest.length;
        if (carried > maxBytes + 1) {
          dropping = true;
          carry = [];
          carried = 0;
        } else carry.push(Buffer.from(rest));
      }
      return out;
    },
    end: () => (carry.length > 0 || dropping ? [finish(undefined)] : []),
  };
}

/** Lines of `chunks`; a final line without its newline is still a line. A trailing CR is dropped (CRLF). */
export async function* splitLines(chunks: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<Line[]> {
  const splitter = lineSplitter(maxBytes);
  for await (const chunk of chunks) {
    const out = splitter.push(chunk);
    if (out.length > 0) yield out;
  }
  const last = splitter.end();
  if (last.length > 0) yield last;
}
