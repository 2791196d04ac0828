import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { runCli } from './helpers/cli.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A minimal chat document whose request schema is `{ $ref: ref }`. */
function documentWith(ref: string, side: 'request' | 'response' = 'request'): string {
  const bad = { $ref: ref };
  const ok = { type: 'object', required: ['model'], properties: { model: { type: 'string' } } };
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Gateway', version: '1' },
    paths: {
      '/v1/chat/completions': {
        post: {
          requestBody: { content: { 'application/json': { schema: side === 'request' ? bad : ok } } },
          responses: {
            '200': {
              content: {
                'application/json': {
                  schema:
                    side === 'response' ? bad : { type: 'object', properties: { id: { type: 'string' } } },
                },
              },
            },
          },
        },
      },
    },
    components: {
      schemas: { A: { $ref: '#/components/schemas/B' }, B: { $ref: '#/components/schemas/A' } },
    },
  });
}

const SIDES = ['request', 'response'] as const;
const REFS = [
  ['a circular $ref', '#/components/schemas/A'],
  ['an external $ref', 'other.yaml#/Req'],
  ['an unresolvable $ref', '#/components/schemas/Nope'],
] as const;
test.each(SIDES.flatMap((side) => REFS.map(([name, ref]) => [`${name} (${side})`, ref, side] as const)))(
  'init --from-openapi with %s never crashes and never writes a ledger validate rejects',
  async (_name, ref, side) => {
    dir = mkdtempSync(join(tmpdir(), 'chatproof-refs-'));
    writeFileSync(join(dir, 'openapi.json'), documentWith(ref, side));
    const init = await runCli(['init', '--out', 'chatproof.yaml', '--from-openapi', 'openapi.json'], {
      cwd: dir,
    });
    expect(init.stderr).not.toMatch(/internal error/);
    expect([0, 64]).toContain(init.code);
    if (init.code === 64) {
      expect(existsSync(join(dir, 'chatproof.yaml'))).toBe(false);
      return;
    }
    const validate = await runCli(['validate', 'chatproof.yaml'], { cwd: dir });
    expect(validate.code).toBe(0);
  },
);

const SCHEMA_AT = {
  request: '#/paths/~1v1~1chat~1completions/post/requestBody/content/application~1json/schema',
  response: '#/paths/~1v1~1chat~1completions/post/responses/200/content/application~1json/schema',
} as const;
const NAMED = [
  ['external', 'other.yaml#/Req', (side: keyof typeof SCHEMA_AT) => SCHEMA_AT[side], /outside the document/],
  ['missing', '#/components/schemas/Nope', (side: keyof typeof SCHEMA_AT) => SCHEMA_AT[side], /at nothing/],
  ['circular', '#/components/schemas/A', () => '#/components/schemas/B', /cycle/],
] as const;
test.each(SIDES.flatMap((side) => NAMED.map((entry) => [`${entry[0]} (${side})`, side, entry] as const)))(
  'init --from-openapi names the %s $ref it could not follow and the pointer it sits at',
  async (_name, side, [, ref, at, why]) => {
    dir = mkdtempSync(join(tmpdir(), 'chatproof-refs-'));
    writeFileSync(join(dir, 'openapi.json'), documentWith(ref, side));
    const init = await runCli(['init', '--out', 'chatproof.yaml', '--from-openapi', 'openapi.json'], {
      cwd: dir,
    });
    const line = init.stderr.split('\n').find((text) => text.startsWith('warning: openapi.json: $ref'));
    expect(line).toContain(JSON.stringify(ref));
    expect(line).toContain(` at ${at(side)} `);
    expect(line).toMatch(why);
  },
);

test('init --from-openapi --json lists the unresolved $refs as data', async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatproof-refs-'));
  writeFileSync(join(dir, 'openapi.json'), documentWith('other.yaml#/Req'));
  const init = await runCli(['init', '--json', '--out', 'chatproof.yaml', '--from-openapi', 'openapi.json'], {
    cwd: dir,
  });
  expect(JSON.parse(init.stdout).unresolved).toEqual([
    { kind: 'external', ref: 'other.yaml#/Req', at: SCHEMA_AT.request },
  ]);
});

test('a document whose $refs all resolve, recursive schemas included, warns about nothing', async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatproof-refs-'));
  const document = JSON.parse(documentWith('#/components/schemas/Req'));
  document.components.schemas = {
    Req: {
      type: 'object',
      required: ['model'],
      properties: { model: { type: 'string' }, self: { $ref: '#/components/schemas/Req' } },
    },
  };
  writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document));
  const init = await runCli(['init', '--out', 'chatproof.yaml', '--from-openapi', 'openapi.json'], {
    cwd: dir,
  });
  expect(init.code).toBe(0);
  expect(init.stderr).not.toMatch(/warning/);
});
