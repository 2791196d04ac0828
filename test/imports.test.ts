// The layout's promise: no module imports, directly or through others, a module that imports it back.
// Type-only imports count too: a circle of types is a circle of concepts, and the next runtime import closes it.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** Every non-test TypeScript file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

// `import … from './x.js'`, `export … from '../y/index.js'`, and bare `import './z.js'`.
const RELATIVE_IMPORT = /^\s*(?:import|export)\s(?:[^'";]*?\sfrom\s)?\s*['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Relative imports of each file, resolved to the `.ts` file they name. */
function importGraph(files: readonly string[]): Map<string, string[]> {
  return new Map(
    files.map((file) => [
      file,
      [...readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)].map((match) =>
        resolve(dirname(file), match[1]!.replace(/\.js$/, '.ts')),
      ),
    ]),
  );
}

/** Each circle found by a depth-first walk, as the path that closes it. */
function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

test('the walker finds a circle when there is one', () => {
  const graph = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a']],
    ['d', ['a']],
  ]);
  expect(circles(graph)).toEqual([['a', 'b', 'c', 'a']]);
  expect(circles(new Map([['a', ['b']]]))).toEqual([]);
});

test('the import pattern reads every form of relative import', () => {
  const text = [
    "import { a } from './a.js';",
    "import type { B } from '../b/index.js';",
    "export { c } from './c.js';",
    "export * as d from './d.js';",
    "import './e.js';",
    'import {\n  f,\n  type G,\n} from "./f.js";',
    "import { readFile } from 'node:fs';",
  ].join('\n');
  expect([...text.matchAll(RELATIVE_IMPORT)].map((match) => match[1])).toEqual([
    './a.js',
    '../b/index.js',
    './c.js',
    './d.js',
    './e.js',
    './f.js',
  ]);
});

test('src/ has no import circle', () => {
  const graph = importGraph(sources(SRC));
  expect(graph.size).toBeGreaterThan(100);
  // Every relative import names a file that exists, so the walk sees the whole graph.
  const dangling = [...graph].flatMap(([file, imports]) =>
    imports.filter((target) => !graph.has(target)).map((target) => `${relative(SRC, file)} → ${target}`),
  );
  expect(dangling).toEqual([]);
  expect(circles(graph).map((circle) => circle.map((file) => relative(SRC, file)).join(' → '))).toEqual([]);
});

test('src/ re-exports by name: no `export *` (nor `export type *`), so every barrel lists what it promises', () => {
  const wildcard = sources(SRC).filter((file) =>
    /^\s*export (?:type )?\*(?! as )/m.test(readFileSync(file, 'utf8')),
  );
  expect(wildcard.map((file) => relative(SRC, file))).toEqual([]);
});
