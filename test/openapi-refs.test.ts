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
