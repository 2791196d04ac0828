/** Generated captures on disk and the ledger they are judged against (the `openai` simulator profile's). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { type GenerateOptions, harCapture, jsonlCapture } from '../src/checks/traffic/generate.js';
import { profileLedger } from '../src/simulator/index.js';
import { testContract } from './builders.js';

export const LEDGER_INPUT = () =>
  profileLedger('openai', { baseUrl: 'https://api.openai.example/v1', keyRef: 'env:OPENAI_KEY' });
export const contract = () => testContract(LEDGER_INPUT());

export interface Workspace {
  dir: string;
  write(name: string, format: 'jsonl' | 'har', options: GenerateOptions): string;
  close(): void;
}

export function workspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'chatproof-traffic-'));
  writeFileSync(join(dir, 'chatproof.yaml'), stringify(LEDGER_INPUT()));
  return {
    dir,
    write(name, format, options) {
      const path = join(dir, name);
      writeFileSync(
        path,
        Buffer.concat([...(format === 'har' ? harCapture(options) : jsonlCapture(options))]),
      );
      return path;
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}
