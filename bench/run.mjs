// `npm run bench`: runs every bench/*.bench.mjs one after another (never in parallel, so they do not share
// the two cores) against the built package. Each writes its figures to bench/results/<name>.json and .md.
// Pass names to run a subset: `npm run bench -- simulator proxy`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.mjs'))
  .filter((file) => only.length === 0 || only.some((name) => file.startsWith(name)))
  .sort();
if (files.length === 0) {
  process.stderr.write('no benchmark matched\n');
  process.exitCode = 64;
}
let failed = 0;
for (const file of files) {
  process.stderr.write(`\n== ${file}\n`);
  const result = spawnSync(process.execPath, ['--expose-gc', `${dir}${file}`], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exitCode = failed > 0 ? 1 : process.exitCode;
