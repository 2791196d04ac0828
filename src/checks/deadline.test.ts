import { expect, test } from 'vitest';
import { formatDuration, parseDuration, startDeadline } from './deadline.js';

test('parses durations with a unit, or bare milliseconds', () => {
  expect(parseDuration('30s')).toBe(30_000);
  expect(parseDuration('5m')).toBe(300_000);
  expect(parseDuration('2min')).toBe(120_000);
  expect(parseDuration('1h')).toBe(3_600_000);
  expect(parseDuration('1500ms')).toBe(1500);
  expect(parseDuration('1.5s')).toBe(1500);
  expect(parseDuration('250')).toBe(250);
});

test('refuses what is not a positive duration', () => {
  for (const text of ['', 's', '0', '0s', '-1s', '1d', '1 2s', 'soon', '1e400'])
    expect(parseDuration(text)).toBeUndefined();
});

test('names the limit as a reader would say it', () => {
  expect(formatDuration(1500)).toBe('1500 ms');
  expect(formatDuration(30_000)).toBe('30 s');
  expect(formatDuration(300_000)).toBe('5 min');
});

test('a deadline aborts its signal once reached, with a reason naming it', async () => {
  const deadline = startDeadline(20);
  expect(deadline.reached()).toBe(false);
  await new Promise((resolve) => deadline.signal.addEventListener('abort', resolve, { once: true }));
  expect(deadline.reached()).toBe(true);
  expect(deadline.reason).toMatch(/run deadline of 20 ms/);
  expect(deadline.limit).toEqual({ kind: 'deadline', ms: 20 });
});
