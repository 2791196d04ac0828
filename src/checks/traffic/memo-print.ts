/**
 * @module checks/traffic/memo-print
 * A fingerprint written as 16-bit code units: every token is one unit, or a marker and one unit, so the
 * fingerprint is short, built without intermediate strings, and read back one way only. Field names and
 * exact values are numbered the first time they are seen (per memo); a name or value that cannot be
 * numbered any more makes the print fail, and the exchange is judged in full. Pure but for the numbering.
 */
import type { AnswerKind, FieldMeaning } from '../../contract/index.js';
import { checkMeaning } from '../probe/index.js';

/** Units for names and for exact values: below the surrogates, so every unit is a whole character. */
const NAME_BASE = 0x100;
const MAX_NAMES = 0x2000;
const VALUE_BASE = NAME_BASE + MAX_NAMES;
const MAX_VALUES = 0xd800 - VALUE_BASE;
/** Longer exact values and field names are not numbered (the exchange is judged in full). */
const MAX_VALUE_CHARS = 256;
/** Units one print may hold. */
const MAX_UNITS = 1 << 20;
/** Deeper bodies are judged in full (the walk is recursive). */
const MAX_DEPTH = 48;

const unit = (char: string): number => char.charCodeAt(0);
const U = {
  open: unit('{'),
  close: unit('}'),
  list: unit('['),
  end: unit(']'),
  null: unit('n'),
  true: unit('t'),
  false: unit('f'),
  empty: unit('e'),
  string: unit('s'),
  integer: unit('i'),
  number: unit('d'),
};

/** How a field name is printed, and what of its values the print keeps. */
export interface Name {
  code: number;
  /** 'exact': the value as it is; 'id': numbered within the exchange; 'type': its type only. */
  keep: 'exact' | 'id' | 'type';
  /** A value a value-reading meaning reads (its unit, range or sum): collected for the meaning cache. */
  read: boolean;
}

/** What a print needs from its memo: how names are kept, and the numbering it shares across exchanges. */
export interface Numbering {
  exact: ReadonlySet<string>;
  all: boolean;
  idName: string | undefined;
  reads: ReadonlySet<string>;
  meanings: Partial<Record<AnswerKind, Readonly<Record<string, FieldMeaning>>>>;
  names: Map<string, Name>;
  /** Exact values, numbered: strings, numbers, and other values tagged by what they are. */
  strings: Map<string, number>;
  numbers: Map<number, number>;
  values: Map<string, number>;
  /** Chunk prints, numbered: by a hash of their units, each bucket compared unit by unit. */
  chunks: Map<number, { units: Uint16Array; n: number }[]>;
  chunkCount: number;
  chunkUnits: number;
}

const ROOT: Name = { code: 0, keep: 'type', read: false };
const MAX_CHUNKS = 16384;
const MAX_CHUNK_CHARS = 4 * 1024 * 1024;

// One scratch buffer for every print of a thread: a print is written and read in one synchronous call.
let scratch = new Uint16Array(4096);

/** One exchange's print. */
export class Print {
  private pos = 0;
  /** False once something could not be printed. */
  ok = true;
  /** The ids seen in this exchange, in order (a stream repeats one id: a list beats a map). */
  private ids: unknown[] = [];
  /** Beyond a few dozen ids, a map (a hostile body may carry thousands). */
  private idMap: Map<unknown, number> | undefined;
  private reads = '';
  private lastChunk = -1;
  /** The last chunk whose meanings were checked, the values they read, and what they gave. */
  private previous: { chunk: number; reads: string; codes: number[] } | undefined;

  constructor(private n: Numbering) {}

  push(code: number): void {
    if (this.pos === scratch.length) {
      if (scratch.length >= MAX_UNITS) {
        this.ok = false;
        return;
      }
      const grown = new Uint16Array(scratch.length * 2);
      grown.set(scratch);
      scratch = grown;
    }
    scratch[this.pos++] = code;
  }

  char(char: string): void {
    this.push(char.charCodeAt(0));
  }

  /** A marker and a number below the surrogates. */
  count(marker: string, n: number): void {
    this.char(marker);
    if (n < 0 || n >= 0xd800) this.ok = false;
    else this.push(n);
  }

  /** An exact value, numbered; `map` is the memo's numbering for values of its kind. */
  private exact<T>(map: Map<T, number>, value: T, chars: number): void {
    let code = map.get(value);
    if (code === undefined) {
      const { n } = this;
      const size = n.strings.size + n.numbers.size + n.values.size;
      if (size >= MAX_VALUES || chars > MAX_VALUE_CHARS) {
        this.ok = false;
        return;
      }
      code = VALUE_BASE + size;
      map.set(value, code);
    }
    this.push(code);
  }

  /** A string value, exactly. */
  string(value: string): void {
    this.exact(this.n.strings, value, value.length);
  }

  /** Any other value, tagged by what it is (`k` a body kind, `!` a meaning violation...). */
  value(tagged: string): void {
    this.exact(this.n.values, tagged, tagged.length);
  }

  text(from = 0): string {
    let out = '';
    for (let at = from; at < this.pos; at += 4096) {
      out += String.fromCharCode.apply(
        null,
        scratch.subarray(at, Math.min(this.pos, at + 4096)) as unknown as number[],
      );
    }
    return out;
  }

  /** Prints one JSON body (or stream chunk, numbered: the same chunk shape is one unit). */
  body(value: object, numbered: boolean): void {
    const start = this.pos;
    this.reads = '';
    this.lastChunk = -1;
    if (!this.walk(value, ROOT, 0)) {
      this.ok = false;
      return;
    }
    if (!numbered || !this.ok) return;
    const n = this.chunkNumber(start);
    if (n === undefined) return;
    this.pos = start;
    this.lastChunk = n;
    this.count('@', n);
  }

  /** The number of the chunk printed from `start` (numbered now if new and there is room). */
  private chunkNumber(start: number): number | undefined {
    const end = this.pos;
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ (scratch[i] as number), 16777619);
    const { n } = this;
    const bucket = n.chunks.get(hash);
    for (const known of bucket ?? []) {
      const { units } = known;
      if (units.length !== end - start) continue;
      let i = 0;
      while (i < units.length && units[i] === scratch[start + i]) i++;
      if (i === units.length) return known.n;
    }
    if (n.chunkCount >= MAX_CHUNKS || n.chunkUnits >= MAX_CHUNK_CHARS) return undefined;
    const entry = { units: scratch.slice(start, end), n: n.chunkCount++ };
    n.chunkUnits += entry.units.length;
    if (bucket) bucket.push(entry);
    else n.chunks.set(hash, [entry]);
    return entry.n;
  }

  /**
   * The violations of the value-reading meanings on the body just printed. They depend on its print, the
   * values they read and the clock (one per exchange): a chunk like the one before is not checked again.
   */
  meaning(kind: AnswerKind, body: unknown, clockS: number | undefined): void {
    const meanings = this.n.meanings[kind];
    if (!meanings) return;
    const chunk = this.lastChunk;
    if (chunk !== -1 && this.previous?.chunk === chunk && this.previous.reads === this.reads) {
      for (const code of this.previous.codes) this.push(code);
      return;
    }
    const before = this.pos;
    for (const v of checkMeaning(meanings, body, kind, clockS).violations) this.value(`!${v.code}@${v.path}`);
    if (chunk !== -1)
      this.previous = { chunk, reads: this.reads, codes: Array.from(scratch.subarray(before, this.pos)) };
  }

  private nameOf(key: string): Name {
    const known = this.n.names.get(key);
    if (known) return known;
    const n = this.n;
    if (n.names.size >= MAX_NAMES || key.length > MAX_VALUE_CHARS) {
      this.ok = false;
      return ROOT;
    }
    const name: Name = {
      code: NAME_BASE + n.names.size,
      keep: n.all || n.exact.has(key) ? 'exact' : key === n.idName ? 'id' : 'type',
      read: n.reads.has(key),
    };
    n.names.set(key, name);
    return name;
  }

  private walk(value: unknown, name: Name, depth: number): boolean {
    if (value === null) this.push(U.null);
    else if (typeof value === 'boolean') this.push(value ? U.true : U.false);
    else if (typeof value === 'string' || typeof value === 'number') this.leaf(value, name);
    else if (typeof value !== 'object' || depth > MAX_DEPTH) return false;
    else if (Array.isArray(value)) {
      this.push(U.list);
      for (const item of value) if (!this.walk(item, name, depth + 1)) return false;
      this.push(U.end);
    } else {
      this.push(U.open);
      for (const key in value) {
        const inner = this.nameOf(key);
        this.push(inner.code);
        if (!this.walk((value as Record<string, unknown>)[key], inner, depth + 1)) return false;
      }
      this.push(U.close);
    }
    return this.ok;
  }

  private leaf(value: string | number, name: Name): void {
    if (name.read) this.reads += typeof value === 'number' ? `${value},` : 'x,';
    // An infinite number (JSON's 1e400) is kept: a meaning of type number refuses it, an integer is finite.
    if (name.keep === 'exact' || value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY) {
      if (typeof value === 'string') this.string(value);
      else this.exact(this.n.numbers, value, 0);
    } else if (name.keep === 'id') {
      let n = this.idMap ? (this.idMap.get(value) ?? -1) : this.ids.indexOf(value);
      if (n === -1) {
        n = this.ids.push(value) - 1;
        this.idMap?.set(value, n);
        if (n === 63) this.idMap = new Map(this.ids.map((id, i) => [id, i]));
      }
      this.count(typeof value === 'string' ? (value === '' ? 'E' : 'S') : 'N', n);
    } else if (typeof value === 'string') this.push(value === '' ? U.empty : U.string);
    else this.push(Number.isInteger(value) ? U.integer : U.number);
  }
}
