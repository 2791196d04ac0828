import { expect, test } from 'vitest';
import {
  bySeverity,
  CLASS_INFO,
  CLASS_TONE,
  isProblem,
  mostSevere,
  needsAttention,
  SEVERITY,
  toned,
} from './classes.js';
import { FINDING_CLASSES } from './types.js';

test('severity lists every class once, a discrepancy first and a handled finding last', () => {
  expect([...SEVERITY].sort()).toEqual([...FINDING_CLASSES].sort());
  expect(SEVERITY[0]).toBe('unexpected');
  expect(SEVERITY.at(-1)).toBe('documented-handled');
});

test('the most serious class wins, and nothing is undefined', () => {
  expect(mostSevere(['observed-not-documented', 'documented-not-handled', 'documented-handled'])).toBe(
    'documented-not-handled',
  );
  expect(mostSevere(['documented-handled', 'unexpected'])).toBe('unexpected');
  expect(mostSevere([])).toBeUndefined();
});

test('ordering by severity keeps the given order within a class', () => {
  const items = [
    { class: 'documented-handled', n: 1 },
    { class: 'unexpected', n: 2 },
    { class: 'documented-handled', n: 3 },
    { class: 'not-run', n: 4 },
  ] as const;
  expect(bySeverity(items).map((item) => item.n)).toEqual([2, 4, 1, 3]);
});

test('problems are the three failing classes; a check that did not run needs attention but is no problem', () => {
  expect(FINDING_CLASSES.filter(isProblem)).toEqual([
    'documented-not-handled',
    'unexpected',
    'configuration',
  ]);
  expect(FINDING_CLASSES.filter(needsAttention)).toEqual([
    'documented-not-handled',
    'unexpected',
    'configuration',
    'not-run',
  ]);
});

test('labels, columns and marks are distinct per class; terminal marks are five characters wide', () => {
  for (const key of ['label', 'column', 'mark'] as const) {
    expect(new Set(FINDING_CLASSES.map((cls) => CLASS_INFO[cls][key])).size).toBe(FINDING_CLASSES.length);
  }
  expect(FINDING_CLASSES.every((cls) => CLASS_INFO[cls].mark.length === 5)).toBe(true);
});

test('a failure and a discrepancy get the same colours in the terminal as the verdicts they lead to', () => {
  const style = {
    red: (t: string) => `R(${t})`,
    green: (t: string) => `G(${t})`,
    yellow: (t: string) => `Y(${t})`,
    dim: (t: string) => `D(${t})`,
  };
  expect(toned(style, CLASS_TONE['documented-not-handled'], 'x')).toBe('R(x)'); // fail is red
  expect(toned(style, CLASS_TONE.unexpected, 'x')).toBe('Y(x)'); // escalate is yellow
  expect(toned(style, CLASS_TONE['documented-handled'], 'x')).toBe('G(x)');
});
