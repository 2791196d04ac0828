import { expect, test } from 'vitest';
import { CLAUSE } from '../catalogue.js';
import { clausesFromOpenApi } from './clauses.js';

/** `S0: allOf [S1, S1, S1]`, `S1: allOf [S2, S2, S2]` … : 3^levels paths, one schema per level. */
function chain(levels: number) {
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < levels; i++) {
    schemas[`S${i}`] = {
      allOf: [1, 2, 3].map(() => ({ $ref: `#/components/schemas/S${i + 1}` })),
      properties: { [`f${i}`]: { type: 'string' } },
    };
  }
  schemas[`S${levels}`] = { type: 'object', properties: { id: { type: 'string' } } };
  return {
    openapi: '3.1.0',
    info: { title: 'Chain', version: '1' },
    paths: {
      '/v1/chat/completions': {
        post: {
          responses: {
            '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/S0' } } } },
          },
        },
      },
    },
    components: { schemas },
  };
}

test('a 30-level allOf chain imports in bounded time (each schema merged once, not once per path)', () => {
  const started = performance.now();
  const { clauses } = clausesFromOpenApi(chain(30), 'chain.json', '2026-12-01');
  // 12 levels took 8 s before; the bound is generous for a loaded machine.
  expect(performance.now() - started).toBeLessThan(3_000);
  const fields = clauses.find((c) => c.id === CLAUSE.responseFields)?.value;
  expect(JSON.stringify(fields)).toContain('f0');
  expect(JSON.stringify(fields)).toContain('f15');
});
