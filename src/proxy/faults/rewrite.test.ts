import { afterEach, describe, expect, test } from 'vitest';
import { type FixtureUpstream, send, startFixtureUpstream } from '../fixture.js';
import { type RunningProxy, startProxy } from '../server.js';
import { rewrite, rewriteJson } from './rewrite.js';

let upstream: FixtureUpstream;
let proxy: RunningProxy;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
});

describe('rewrite fault', () => {
  test('drops a field from a JSON answer and fixes the length', async () => {
    upstream = await startFixtureUpstream();
    proxy = await startProxy({
      upstream: upstream.url,
      faults: [rewrite([{ op: 'drop', path: 'choices[].message.content' }])],
    });
    const answer = await send(proxy.url);
    const body = JSON.parse(answer.body);
    expect(body.choices[0].message).toEqual({ role: 'assistant' });
    expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(answer.body)));
    expect(proxy.attempts()[0]?.faults).toEqual(['rewrite:drop:choices[].message.content']);
  });

  test('nulls a field in every event of a stream and keeps [DONE]', async () => {
    upstream = await startFixtureUpstream({ chunks: 3, intervalMs: 1 });
    proxy = await startProxy({
      upstream: upstream.url,
      faults: [rewrite([{ op: 'null', path: 'choices[].delta.content' }])],
    });
    const answer = await send(proxy.url, { stream: true });
    const events = answer.body.split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const contents = events
      .slice(0, -1)
      .map((event) => JSON.parse(event.slice(6)).choices[0].delta.content)
      .filter((content) => content !== undefined);
    expect(contents.length).toBeGreaterThan(0);
    expect(contents.every((content) => content === null)).toBe(true);
  });

  test('renames and adds fields', () => {
    const text = JSON.stringify({ usage: { total_tokens: 3 } });
    expect(JSON.parse(rewriteJson(text, [{ op: 'rename', path: 'usage', to: 'usage_info' }])!)).toEqual({
      usage_info: { total_tokens: 3 },
    });
    expect(JSON.parse(rewriteJson(text, [{ op: 'add', path: 'usage.cost', value: 0.5 }])!)).toEqual({
      usage: { total_tokens: 3, cost: 0.5 },
    });
    expect(rewriteJson('not json', [{ op: 'drop', path: 'usage' }])).toBeUndefined();
  });
});
