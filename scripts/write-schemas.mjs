// Writes the published JSON Schemas from their TypeScript definitions (run after `npm run build`).
// With --check, fails when a committed schema differs from its definition instead of writing it.
import { readFileSync, writeFileSync } from 'node:fs';
import * as lib from '../dist/index.js';

const check = process.argv.includes('--check');
const schemas = {
  'schema/ledger.schema.json': lib.ledgerJsonSchema(),
  ...(lib.packetJsonSchema ? { 'schema/packet.schema.json': lib.packetJsonSchema() } : {}),
};
let stale = 0;
for (const [file, schema] of Object.entries(schemas)) {
  const url = new URL(`../${file}`, import.meta.url);
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  if (check) {
    let current = '';
    try {
      current = readFileSync(url, 'utf8');
    } catch {}
    if (current !== text) {
      process.stderr.write(`${file} is out of date; run \`npm run build && npm run schema\`\n`);
      stale += 1;
    }
  } else {
    writeFileSync(url, text);
    process.stdout.write(`wrote ${file}\n`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
