/// <reference lib="dom" />
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AuditRuleId } from '../src/checks/audit/index.js';
import type { CheckName } from '../src/classify/check-names.js';
import type { FindingCode } from '../src/classify/codes.js';
import type { Finding } from '../src/classify/types.js';
import type { ClauseRef, Ledger } from '../src/contract/index.js';
import { CSP, type Packet, renderHtml } from '../src/report/index.js';
import {
  handledFindings,
  sampleAudit,
  type TestPacketOptions,
  testLedger,
  testPacket,
  variedFindings,
} from './builders.js';
import { XSS_PAYLOADS } from './html-xss-corpus.js';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  dir = await mkdtemp(join(tmpdir(), 'chatproof-html-'));
});
afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

function packetFrom(
  ledger: Ledger,
  findings: Finding[],
  audit: TestPacketOptions['audit'] = sampleAudit(),
): Packet {
  return testPacket({ ledger, findings, audit, generatedAt: '2026-06-10T09:00:05.000Z' });
}

interface Visit {
  page: Page;
  dialogs: string[];
  requests: string[];
}

/** Opens HTML from a file, recording every dialog and every request the page makes (and blocking the rest). */
async function visit(name: string, html: string): Promise<Visit> {
  const file = join(dir, name);
  await writeFile(file, html);
  const url = pathToFileURL(file).href;
  const page = await browser.newPage();
  const dialogs: string[] = [];
  const requests: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    requests.push(request.url());
  });
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  await page.goto(url, { waitUntil: 'load' });
  // Give autofocus, animations and timers a moment to fire if anything had been injected.
  await page.waitForTimeout(300);
  return { page, dialogs, requests: requests.filter((r) => r !== url) };
}

describe('packet.html in Chromium', () => {
  test('renders the verdict, the reasons and every open finding', async () => {
    const { page, requests } = await visit(
      'sample.html',
      renderHtml(packetFrom(testLedger(), variedFindings())),
    );
    expect(await page.locator('#verdict').textContent()).toContain('ESCALATE');
    const findingsText = await page.locator('#findings').textContent();
    expect(findingsText).toContain('negative:missing-auth:status-mismatch');
    expect(findingsText).toContain('audit:invalid-request-5xx:no-retry-on-invalid-request');
    expect(findingsText).toContain('curl -sS -X POST');
    expect(await page.locator('#reasons ol.reasons > li').count()).toBe(3);
    expect(await page.locator('#checks svg rect').count()).toBeGreaterThan(0);
    expect(await page.locator('#audit svg circle').count()).toBe(7);
    expect(requests).toEqual([]);
    await page.close();
  });

  test('reads like a document: reasons, then findings most serious first, then evidence, then the clause table', async () => {
    const ledger = testLedger();
    ledger.clauses = ledger.clauses.map((clause) =>
      clause.id === 'endpoint.base-url'
        ? {
            ...clause,
            owner: 'chatproof simulator profile maintainers',
            implementation: [{ kind: 'config', location: 'src/simulator/profiles' }],
            source: { ...clause.source, quote: '`model` string **required**; `tool_call_id` is _optional_' },
          }
        : clause,
    );
    const undocumented: Finding = {
      class: 'observed-not-documented',
      check: 'probe',
      area: 'response',
      clause: null,
      code: 'field-undocumented',
      message: 'the answer carries `service_tier`',
      evidence: { observed: 'service_tier' },
    };
    const misconfigured: Finding = {
      class: 'configuration',
      check: 'probe-models',
      area: 'auth',
      clause: 'auth.key-ref',
      code: 'key-rejected',
      message: 'the target rejected the key (401 on the model list)',
      evidence: {},
    };
    const { page } = await visit(
      'order.html',
      renderHtml(packetFrom(ledger, [undocumented, misconfigured, ...variedFindings()])),
    );
    const tops = await page.evaluate(() =>
      ['verdict', 'reasons', 'findings', 'evidence', 'clauses'].map(
        (id) => document.getElementById(id)?.getBoundingClientRect().top ?? -1,
      ),
    );
    expect(tops.every((top, i) => top >= 0 && (i === 0 || top > (tops[i - 1] ?? 0)))).toBe(true);

    const cards = await page
      .locator('#findings section.finding')
      .evaluateAll((nodes) =>
        nodes.map((node) => [...node.classList].find((name) => name.startsWith('c-'))?.slice(2)),
      );
    expect(cards).toEqual([
      'unexpected',
      'configuration',
      'documented-not-handled',
      'not-run',
      'observed-not-documented',
    ]);
    // A card is edged in its class's tone, the colour of its class pill: one class vocabulary, no second map.
    const edges = await page.locator('#findings section.finding').evaluateAll((nodes) =>
      nodes.map((node) => {
        const pill = node.querySelector('dd .pill');
        return [getComputedStyle(node).borderLeftColor, pill ? getComputedStyle(pill).color : null];
      }),
    );
    for (const [edge, pill] of edges) expect(edge).toBe(pill);
    // Only the edge: the card's text keeps the ink colour.
    const inks = await page
      .locator('#findings section.finding')
      .evaluateAll((nodes) => nodes.map((node) => getComputedStyle(node).color));
    expect(new Set(inks).size).toBe(1);
    expect(await page.locator('#findings table.handled tbody tr').count()).toBeGreaterThan(0);

    // Each item once: no line repeats under one reason, and no reason repeats another's line word for word.
    const items = await page
      .locator('#reasons ol.reasons > li > ul > li')
      .evaluateAll((nodes) => nodes.map((node) => node.textContent ?? ''));
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items).size).toBe(items.length);

    const row = page.locator('#clauses tr', { hasText: 'errors.bad-auth' }).first();
    expect(await row.textContent()).toContain('status 401 · not retryable');
    expect(await row.textContent()).not.toContain('{"status"');
    const quote = await page
      .locator('#clauses tr', { hasText: 'endpoint.base-url' })
      .first()
      .locator('blockquote')
      .textContent();
    expect(quote).toBe('model string required; tool_call_id is optional');

    // Words never break inside themselves; a path breaks only at its slashes.
    const split = await page.evaluate(() => {
      const broken: string[] = [];
      const cells = [...document.querySelectorAll('#clauses td')];
      for (const cell of cells) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          for (const match of text.matchAll(/[A-Za-z]{4,}/g)) {
            const range = document.createRange();
            range.setStart(node, match.index ?? 0);
            range.setEnd(node, (match.index ?? 0) + match[0].length);
            const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
            if (lines.size > 1) broken.push(match[0]);
          }
        }
      }
      return broken;
    });
    expect(split).toEqual([]);
    await page.close();
  });

  test('carries a strict Content-Security-Policy: no script source, styles only by hash', () => {
    expect(CSP).toContain("default-src 'none'");
    expect(CSP).toContain("script-src 'none'");
    expect(CSP).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    const html = renderHtml(packetFrom(testLedger(), variedFindings()));
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CSP}">`);
    expect(html).not.toMatch(/\b(src|href|action|xlink:href)=/i);
  });

  test(`${XSS_PAYLOADS.length} XSS payloads in bodies, headers and ledger fields run no script and open no dialog`, async () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
    const base = testLedger();
    const at = (i: number) => XSS_PAYLOADS[i % XSS_PAYLOADS.length] ?? '';
    const ledger: Ledger = {
      ...base,
      review: {
        ...base.review,
        id: at(0),
        application: at(1),
        environment: at(2),
        owner: at(3),
        reviewer: at(4),
        configSource: at(5),
        captures: [at(6)],
      },
      sources: { ...base.sources, 'chat-api-docs': { title: at(7), url: at(8), accessed: '2026-06-09' } },
      clauses: base.clauses.map((clause, i) => ({
        ...clause,
        statement: at(i),
        owner: at(i + 1),
        source: { ...clause.source, quote: at(i + 2) },
        implementation: [{ kind: 'code', location: at(i + 3) }],
        ...(clause.id === 'support.escalation-path' ? { value: at(9) } : {}),
      })),
      waivers: [{ target: at(10), justification: at(11), approver: at(12), expires: '2026-07-01' }],
    };
    const findings: Finding[] = [
      ...handledFindings(),
      ...XSS_PAYLOADS.map(
        (payload, i): Finding => ({
          class:
            i % 3 === 0 ? 'unexpected' : i % 3 === 1 ? 'documented-not-handled' : 'observed-not-documented',
          check: `negative:${payload}` as CheckName,
          area: 'errors',
          clause: null,
          // Hostile text where a code goes: the packet may come from anywhere.
          code: payload as FindingCode,
          message: payload,
          evidence: {
            expected: payload,
            observed: { [payload]: payload },
            requestId: payload,
            reproducer: `curl ${payload}`,
            exchange: {
              startedAt: '2026-06-10T09:00:00.000Z',
              request: { method: 'POST', url: payload, headers: { [`x-${i}`]: payload } },
              response: {
                status: 400,
                headers: { 'x-payload': payload, [payload.slice(0, 20)]: 'v' },
                body: payload,
                truncated: false,
              },
              timings: { totalMs: i },
              requestId: payload,
            },
          },
        }),
      ),
    ];
    const audit = {
      command: [at(13)],
      scenarios: XSS_PAYLOADS.slice(0, 10).map((payload) => ({
        name: payload,
        attempts: 2,
        delaysMs: [100],
        exitCode: 1,
        class: 'documented-not-handled' as const,
        // A packet read back holds whatever ids and sources were written: every field carries the payload.
        rules: [
          {
            id: payload as AuditRuleId,
            ok: false,
            message: payload,
            source: { kind: 'ledger' as const, ref: payload as ClauseRef, quote: payload },
          },
        ],
      })),
    };
    const html = renderHtml(packetFrom(ledger, findings, audit));
    // With the CSP and without it: escaping alone must keep every payload inert.
    const withoutCsp = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    expect(withoutCsp).not.toContain('Content-Security-Policy');
    for (const [name, doc] of [
      ['xss.html', html],
      ['xss-no-csp.html', withoutCsp],
    ] as const) {
      const { page, dialogs, requests } = await visit(name, doc);
      expect(dialogs, name).toEqual([]);
      expect(requests, name).toEqual([]);
      const state = await page.evaluate(() => ({
        xss: (window as unknown as { __xss?: unknown }).__xss,
        title: document.title,
        injected: document.querySelectorAll(
          'script, iframe, object, embed, img, image, video, audio, form, input, select, link, base, a, marquee, details, template, foreignObject, body *[onload], [onerror], [onfocus], [onmouseover], [ontoggle], [onbegin], [href], [src], [srcdoc]',
        ).length,
        metas: [...document.querySelectorAll('meta[http-equiv]')].map((m) => m.getAttribute('http-equiv')),
      }));
      expect(state.xss, name).toBeUndefined();
      expect(state.injected, name).toBe(0);
      expect(state.metas, name).toEqual(name === 'xss.html' ? ['Content-Security-Policy'] : []);
      expect(state.title, name).toContain('<script>alert(1)</script>');
      const text = await page.locator('#findings').textContent();
      expect(text).toContain('<img src=x onerror=alert(1)>');
      await page.close();
    }
  });

  test('prints to PDF (the packet is a printable document)', async () => {
    const { page } = await visit('print.html', renderHtml(packetFrom(testLedger(), variedFindings())));
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });
});
