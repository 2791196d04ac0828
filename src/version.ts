/** @module version The tool's version, from package.json: the one number the CLI prints and packets record. */
import { readFileSync } from 'node:fs';

// The same relative path from src/ (tests) and dist/ (the published build): package.json sits one level up.
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
