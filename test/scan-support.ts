/** The scan corpus: sample services under test/fixtures/scan with their expected findings written down. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CORPUS_DIR = fileURLToPath(new URL('./fixtures/scan/', import.meta.url));

export interface Expected {
  rule: string;
  file: string;
  line: number;
  clause: string | null;
}

export const EXPECTED: Record<string, Expected[]> = JSON.parse(
  readFileSync(new URL('./fixtures/scan/expected.json', import.meta.url), 'utf8'),
);

export const SERVICES = Object.keys(EXPECTED);

export const keyOf = (f: Expected): string => `${f.rule} ${f.file}:${f.line} ${f.clause}`;

/** The secret planted in js-fetch/lib/moderation.js: it must never reach any output. */
export const CANARY = 'mq7Vt2Lm9Rk4Np8Wx3Ys6Hb1Jc5Df0Ga';
