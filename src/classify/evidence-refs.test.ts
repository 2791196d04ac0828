import { expect, test } from 'vitest';
import type { Exchange } from '../http/types.js';
import { notRun } from './classify.js';
import { exchangeOf, referenceExchanges } from './evidence-refs.js';
import type { Finding } from './types.js';

const exchange = (body: string): Exchange => ({
  startedAt: '2026-12-01T00:00:00.000Z',
  request: { method: 'POST', url: 'http://127.0.0.1:9/v1/chat/completions', headers: {} },
  response: { status: 200, headers: {}, body, truncated: false },
  timings: { totalMs: 1 },
});
const finding = (code: string, evidence: Finding['evidence']): Finding => ({
  ...notRun({ check: 'probe', area: 'response', clause: null, code: 'not-run', reason: code }),
  evidence,
});

test('each exchange is stored once and every finding judged from it references it', () => {
  const big = exchange('x'.repeat(100_000));
  const copy = structuredClone(big);
  const other = exchange('{}');
  const shared = referenceExchanges([
    finding('a', { exchange: big, reproducer: 'curl a' }),
    finding('b', { exchange: big }),
    finding('c', { exchange: copy }),
    finding('d', { exchange: other }),
    finding('e', { observed: 1 }),
  ]);
  expect(Object.keys(shared.exchanges)).toHaveLength(2);
  const refs = shared.findings.map((f) => f.evidence.exchangeRef);
  expect(refs[0]).toBe(refs[1]);
  expect(refs[2]).toBe(refs[0]);
  expect(refs[3]).not.toBe(refs[0]);
  expect(refs[4]).toBeUndefined();
  expect(shared.findings[0]?.evidence).toEqual({ reproducer: 'curl a', exchangeRef: refs[0] });
  expect(exchangeOf(shared, shared.findings[3]!)).toEqual(other);
  expect(JSON.stringify(shared).length).toBeLessThan(110_000);
});

test("ids follow the findings' order, so equal runs give equal ids whatever the exchanges hold", () => {
  const a = referenceExchanges([finding('a', { exchange: exchange('one') })]);
  const b = referenceExchanges([finding('a', { exchange: exchange('one') })]);
  expect(Object.keys(a.exchanges)).toEqual(Object.keys(b.exchanges));
  expect(Object.keys(a.exchanges)).toEqual(['x1']);
  const c = referenceExchanges([finding('a', { exchange: exchange('two') })]);
  expect(Object.keys(c.exchanges)).toEqual(['x1']);
});
