import { describe, expect, test } from 'vitest';
import { lastLine } from './stderr-line.js';
import { renderAuditTable } from './table.js';
import type { AuditScenarioResult } from './types.js';

const result = (overrides: Partial<AuditScenarioResult>): AuditScenarioResult => ({
  name: 'baseline',
  kind: 'baseline',
  description: 'no fault',
  fault: '',
  attempts: 1,
  delaysMs: [],
  calls: [{ stream: false, attempts: 1, delaysMs: [], routes: ['primary'] }],
  totalAttempts: 1,
  exitCode: 0,
  timedOut: false,
  durationMs: 10,
  class: 'documented-handled',
  rules: [],
  finding: {
    class: 'documented-handled',
    check: 'audit:baseline',
    area: 'endpoint',
    clause: null,
    code: 'handled',
    message: 'ok',
    evidence: {},
  },
  log: [],
  ...overrides,
});

describe('audit table', () => {
  test("shows the client's last stderr line under a failing scenario, cut short", () => {
    const table = renderAuditTable([
      result({
        class: 'unexpected',
        exitCode: 1,
        stderrLine: `openai-client: NotFoundError: 404 ${'x'.repeat(200)}`,
        rules: [
          {
            id: 'works-without-faults',
            ok: false,
            message: 'without any fault the client exited 1',
            source: { kind: 'seed', ref: 's', quote: 'q' },
          },
        ],
      }),
    ]);
    const note = table.split('\n')[2]!;
    expect(note).toMatch(/^ {2}└ client stderr: openai-client: NotFoundError: 404 x+…$/);
    expect(note.length).toBeLessThan(130);
  });

  test('shows no stderr line for a scenario the client handled', () => {
    const table = renderAuditTable([result({ stderrLine: 'a warning the client printed' })]);
    expect(table).not.toContain('a warning');
  });
});

describe('attempts column', () => {
  test('counts attempts per logical call, so two calls never read as a retry', () => {
    const table = renderAuditTable([
      result({
        calls: [
          { stream: false, attempts: 1, delaysMs: [], routes: ['primary'] },
          { stream: true, attempts: 1, delaysMs: [], routes: ['primary'] },
        ],
      }),
      result({
        name: 'rate-limit-retry-after',
        calls: [
          { stream: false, attempts: 2, delaysMs: [1004], routes: ['primary'] },
          { stream: true, attempts: 1, delaysMs: [], routes: ['primary'] },
        ],
      }),
    ]);
    const [header, baseline, rateLimit] = table.split('\n');
    expect(header).toContain('attempts per call (waits ms)');
    expect(baseline).toContain('json 1 · stream 1 ');
    expect(rateLimit).toContain('json 2 (1004) · stream 1 ');
  });
});

describe('last stderr line', () => {
  test('is the last non-empty line, without terminal control sequences', () => {
    expect(lastLine('first\n\u001b[31mError: boom\u001b[0m\u0007\n\n')).toBe('Error: boom');
    expect(lastLine('\n  \n')).toBeUndefined();
    expect(lastLine('y'.repeat(300), 50)).toHaveLength(50);
  });

  test("is the error message, not Node's stack frames nor its trailing version line", () => {
    const crash = [
      'file:///app/client.mjs:3',
      "throw new Error('Missing credentials')",
      '^',
      '',
      'Error: Missing credentials',
      '    at file:///app/client.mjs:3:7',
      '    at ModuleJob.run (node:internal/modules/esm/module_job:195:25)',
      '',
      'Node.js v20.20.2',
      '',
    ].join('\n');
    expect(lastLine(crash)).toBe('Error: Missing credentials');
    expect(
      lastLine("Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'x'\n    at y\n\nNode.js v22.1.0\n"),
    ).toBe("Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'x'");
    expect(lastLine('client: TypeError: fetch failed\nretrying later\n')).toBe(
      'client: TypeError: fetch failed',
    );
    expect(lastLine('Node.js v20.20.2\n')).toBeUndefined();
  });
});
