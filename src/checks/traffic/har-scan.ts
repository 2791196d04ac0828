/**
 * @module checks/traffic/har-scan
 * Finds the values of a HAR file's `log.entries` array as they stream past, without parsing the whole
 * document: a byte-level scanner tracks strings, nesting and the two keys that lead to the array, and hands
 * out each entry's bytes. An entry longer than the cap is dropped while it streams (bounded memory); an entry
 * cut by the end of the file is reported as truncated.
 */

/** One value of `log.entries`: its bytes, or why it has none. */
export interface HarEntryBytes {
  /** 0-based index in `log.entries`. */
  entry: number;
  bytes: Buffer | null;
  problem?: 'too-large' | 'truncated';
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Incremental scanner: `push` chunks, then `end()`. `found` says whether `log.entries` was ever opened. */
export function createHarScanner(maxBytes: number) {
  const stack: ('o' | 'a')[] = [];
  const keys: (string | undefined)[] = [];
  let expectKey = false;
  let inString = false;
  let escaped = false;
  let stringIsKey = false;
  let keyBytes: number[] = [];
  let entriesDepth = -1;
  let found = false;
  let closed = false;
  let entry = -1;
  // The entry being captured: its pieces, its size, whether it grew past the cap, how it ends.
  let capturing = false;
  let pieces: Buffer[] = [];
  let size = 0;
  let oversized = false;
  let primitive = false;
  let inEntryString = false;

  const startCapture = () => {
    capturing = true;
    entry += 1;
    pieces = [];
    size = 0;
    oversized = false;
  };
  const take = (chunk: Buffer, from: number, to: number) => {
    if (!capturing || oversized) return;
    size += to - from;
    if (size > maxBytes) {
      oversized = true;
      pieces = [];
      return;
    }
    pieces.push(chunk.subarray(from, to));
  };
  const finishCapture = (out: HarEntryBytes[]) => {
    capturing = false;
    primitive = false;
    inEntryString = false;
    out.push(
      oversized
        ? { entry, bytes: null, problem: 'too-large' }
        : { entry, bytes: pieces.length === 1 ? Buffer.from(pieces[0] as Buffer) : Buffer.concat(pieces) },
    );
    pieces = [];
  };

  return {
    get found() {
      return found;
    },
    push(chunk: Buffer): HarEntryBytes[] {
      const out: HarEntryBytes[] = [];
      let from = 0;
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i] as number;
        if (inString) {
          if (escaped) escaped = false;
          else if (byte === BACKSLASH) escaped = true;
          else if (byte === QUOTE) {
            inString = false;
            if (stringIsKey) keys[stack.length - 1] = Buffer.from(keyBytes).toString('utf8');
            if (inEntryString) {
              take(chunk, from, i + 1);
              from = i + 1;
              finishCapture(out);
            }
          } else if (stringIsKey && keyBytes.length < 64) keyBytes.push(byte);
          continue;
        }
        const atEntries = entriesDepth !== -1 && stack.length === entriesDepth && !closed;
        if (primitive && (byte === COMMA || byte === 0x5d || isSpace(byte))) {
          take(chunk, from, i);
          from = i;
          finishCapture(out);
        }
        if (isSpace(byte)) continue;
        if (atEntries && !capturing && byte !== COMMA && byte !== 0x5d) {
          startCapture();
          from = i;
          if (byte === QUOTE) inEntryString = true;
          else if (byte !== 0x7b && byte !== 0x5b) primitive = true;
        }
        switch (byte) {
          case QUOTE:
            inString = true;
            stringIsKey = expectKey && stack.length <= 2;
            keyBytes = [];
            expectKey = false;
            break;
          case 0x7b: // {
            stack.push('o');
            keys[stack.length - 1] = undefined;
            expectKey = true;
            break;
          case 0x5b: // [
            stack.push('a');
            if (entriesDepth === -1 && stack.length === 3 && keys[0] === 'log' && keys[1] === 'entries') {
              entriesDepth = 3;
              found = true;
            }
            break;
          case 0x7d: // }
          case 0x5d: // ]
            stack.pop();
            if (byte === 0x5d && stack.length === entriesDepth - 1 && entriesDepth !== -1) closed = true;
            if (capturing && !primitive && !inEntryString && stack.length === entriesDepth) {
              take(chunk, from, i + 1);
              from = i + 1;
              finishCapture(out);
            }
            break;
          case COMMA:
            expectKey = stack[stack.length - 1] === 'o';
            break;
          case COLON:
            expectKey = false;
            break;
        }
      }
      take(chunk, from, chunk.length);
      return out;
    },
    end(): HarEntryBytes[] {
      if (!capturing) return [];
      if (primitive) {
        const out: HarEntryBytes[] = [];
        finishCapture(out);
        return out;
      }
      capturing = false;
      return [{ entry, bytes: null, problem: 'truncated' }];
    },
  };
}
