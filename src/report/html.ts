/**
 * @module report/html
 * `packet.html`: one self-contained, printable document. Inline CSS allowed by hash, inline SVG charts, no
 * script, no external URL, and a Content-Security-Policy that would block both even if one slipped in. Every
 * string from the target or the ledger goes through the escaping `html` template.
 */

import { createHash } from 'node:crypto';
import { CLASS_LABEL, CLASS_TONE, FINDING_CLASSES } from '../classify/index.js';
import { comparisonHtml } from './comparison.js';
import { breakable, html, prose, raw, type SafeHtml } from './escape.js';
import { CSS } from './html-css.js';
import { findingsHtml, reasonsHtml } from './html-findings.js';
import { attemptTimeline, latencyChart } from './html-svg.js';
import { verdictSentence, verdictWithQualifiers } from './labels.js';
import { limitSentences } from './limits.js';
import { rehearsalLine } from './qualifiers.js';
import { scanSectionHtml } from './scan.js';
import type { Packet } from './schema.js';
import { plainQuote, valueText } from './text.js';
import { trafficSectionHtml } from './traffic.js';

const STYLE_HASH = createHash('sha256').update(CSS).digest('base64');
/** No script source at all; styles only from the one inline block whose hash is listed. */
export const CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src 'none'; font-src 'none'; connect-src 'none'; script-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'`;

const TONE: Record<string, string> = {
  done: 's-ok',
  passed: 's-ok',
  validated: 's-ok',
  'validated-outside': 's-ok',
  satisfied: 's-ok',
  active: 's-warn',
  ok: 's-ok',
  failed: 's-bad',
  violated: 's-bad',
  expired: 's-none',
  broken: 's-bad',
  discrepancy: 's-warn',
  escalated: 's-warn',
  observed: 's-warn',
  waived: 's-warn',
  'not-run': 's-none',
  pending: 's-none',
  unvalidated: 's-none',
  // Code scan: a location and a hard-coded literal.
  verified: 's-ok',
  'not found': 's-bad',
  'not checked': 's-none',
  traced: 's-ok',
  untraced: 's-bad',
  // Finding classes take their tone from the class vocabulary, as everywhere else.
  ...Object.fromEntries(FINDING_CLASSES.map((cls) => [cls, `s-${CLASS_TONE[cls]}`])),
};
const pill = (status: string, label = status): SafeHtml =>
  html`<span class="pill ${TONE[status] ?? 's-none'}">${label}</span>`;

function reviewRecord(packet: Packet): SafeHtml {
  const r = packet.review;
  const rows: [string, string][] = [
    ['Incident or change', r.id],
    ['Application', r.application],
    ['Environment', r.environment],
    ['Integration owner', r.owner],
    ['Deploy version', r.deployVersion],
    ['Config source', r.configSource],
    ['Documentation reviewed on', r.docsReviewedOn],
    ['Reviewer', r.reviewer],
    ['Contacted', `${packet.target.label} (${packet.target.kind}): ${packet.target.url ?? '(none)'}`],
    ['Ledger target', `${r.target.baseUrl ?? '(pending)'}${r.target.chatPath ?? ''}`],
    ['Auth', `${r.target.authHeader ?? '(pending)'} from ${r.target.keyRef ?? '(pending)'}`],
    ['Ledger', r.ledgerFile ?? ''],
    ['Overrides', r.overrides.map((o) => `${o.field}=${o.value}`).join(', ') || 'none'],
    ['Captures', r.captures.join(', ') || 'none'],
  ];
  return html`<table><tbody>${rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</tbody></table>`;
}

/** What the verdict does not cover, in the verdict banner's own box. */
function qualifierList(packet: Packet): SafeHtml | string {
  const limits = limitSentences(packet);
  const limitBanner = limits.length
    ? html`<div class="banner qualifiers" id="limits"><strong>Local limits ended checks before they finished:</strong><ul>${limits.map((text) => html`<li>${text}</li>`)}</ul></div>`
    : '';
  if (packet.qualifiers.length === 0) return limitBanner;
  return html`<div class="banner qualifiers" id="qualifiers"><strong>This verdict does not cover:</strong><ul>${packet.qualifiers.map((q) => html`<li><code>${q.id}</code> ${q.text}</li>`)}</ul></div>${limitBanner}`;
}

function clauseTable(packet: Packet): SafeHtml {
  let area = '';
  const rows = packet.clauses.map((c) => {
    const head = c.area !== area ? html`<tr class="area-head"><td colspan="6">${c.area}</td></tr>` : '';
    area = c.area;
    const source = c.source
      ? html`${prose(c.source.title ?? '')}${c.source.url ? html`<br><code>${breakable(c.source.url)}</code>` : ''}${c.source.accessed ? html`<br>accessed ${c.source.accessed}` : ''}${c.source.quote ? html`<blockquote>${breakable(plainQuote(c.source.quote))}</blockquote>` : ''}`
      : html`<span class="todo">no source</span>`;
    const impl = c.implementation.length
      ? c.implementation.map(
          (i) =>
            html`${i.kind}: <code>${breakable(i.location)}</code>${i.status ? html` ${pill(i.status)}` : ''}<br>`,
        )
      : html`<span class="todo">none</span>`;
    // A plain value is a literal (code); a structured one (an error clause) reads as words.
    const value =
      typeof c.value === 'string' || typeof c.value === 'number'
        ? html`<code>${breakable(String(c.value))}</code>`
        : Array.isArray(c.value) && c.value.every((v) => typeof v === 'string')
          ? c.value.map((v, i) => html`${i ? ', ' : ''}<code>${breakable(v)}</code>`)
          : html`${valueText(c.value)}`;
    return html`${head}<tr><td><code>${breakable(c.id)}</code><br>${prose(c.statement)}</td><td>${c.pending ? html`<span class="todo">pending</span> ` : ''}${value}${c.basis ? html`<br><span class="meta">${c.basis}</span>` : ''}${c.pendingFields.length ? html`<br><span class="todo">pending: ${c.pendingFields.join(', ')}</span>` : ''}</td><td>${source}</td><td>${impl}</td><td>${pill(c.validation.status)}${c.waivedBy ? html`<br>waived: <code>${c.waivedBy}</code>` : ''}${c.validation.why ? html`<br><span class="meta">${prose(c.validation.why)}</span>` : ''}</td><td>${c.owner ?? html`<span class="todo">TODO</span>`}</td></tr>`;
  });
  return html`<table class="clauses"><colgroup><col class="c-id"><col class="c-value"><col class="c-source"><col class="c-impl"><col class="c-valid"><col class="c-owner"></colgroup><thead><tr><th>Clause</th><th>Value</th><th>Source</th><th>Implementation</th><th>Validation</th><th>Owner</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function audit(packet: Packet): SafeHtml {
  if (!packet.audit)
    return html`<p>The client audit did not run; set <code>audit.command</code> in the ledger.</p>`;
  const a = packet.audit;
  return html`<p>Command: <code>${a.command.join(' ')}</code></p>${attemptTimeline(a)}
<table><thead><tr><th>Scenario</th><th>Attempts</th><th>Waits (ms)</th><th>Exit</th><th>Class</th><th>Rules</th></tr></thead><tbody>${a.scenarios.map(
    (s) =>
      html`<tr><td><code>${s.name}</code></td><td>${s.attempts}</td><td>${s.delaysMs.join(', ')}</td><td>${s.exitCode ?? ''}</td><td>${pill(s.class, CLASS_LABEL[s.class])}</td><td>${s.rules.map((r) => html`${pill(r.ok ? 'ok' : 'broken', r.ok ? 'ok' : 'broken')} ${r.id}${r.source?.kind === 'ledger' ? html` (<code>${r.source.ref}</code>)` : ''}${r.message ? html`: ${r.message}` : ''}<br>`)}</td></tr>`,
  )}</tbody></table>`;
}

export function renderHtml(packet: Packet): string {
  const title = `Chat contract review ${packet.review.id}: ${verdictWithQualifiers(packet.verdict, packet.qualifiers)}`;
  const body = html`<main>
<header class="doc"><p class="kicker">Chat contract review packet${packet.target.kind === 'ledger' ? '' : html`: ${rehearsalLine(packet.target)}`}</p><h1>${packet.review.id} · ${packet.review.application} (${packet.review.environment})</h1>
<p class="meta">Generated ${packet.generatedAt} by chatproof ${packet.generator.version} · packet schema v${packet.schemaVersion} · reviewer ${packet.review.reviewer}</p>
<div class="verdict ${packet.verdict}" id="verdict"><strong>${verdictWithQualifiers(packet.verdict, packet.qualifiers)}</strong><span>${verdictSentence(packet)}</span></div>
${qualifierList(packet)}
${packet.incomplete ? html`<p class="banner"><strong>Incomplete:</strong> the review was interrupted; this partial packet can never pass.</p>` : ''}
</header>
<section id="reasons"><h2>Why</h2>${reasonsHtml(packet)}</section>
<section id="findings"><h2>Findings</h2>${findingsHtml(packet.findings, packet.exchanges)}</section>
<section id="evidence"><h2>Evidence ledger</h2><table><thead><tr><th>Evidence item</th><th>Required status</th><th>Status</th><th>Detail</th></tr></thead><tbody>${packet.evidenceLedger.map((e) => html`<tr><td>${e.item}</td><td>${e.required}</td><td>${pill(e.status)}</td><td>${e.detail}</td></tr>`)}</tbody></table></section>
<section id="escalations"><h2>Escalation drafts</h2>${packet.escalations.length ? packet.escalations.map((d) => html`<h3>${d.title}</h3><pre>${d.body}</pre>`) : html`<p>No discrepancy to escalate.</p>`}</section>
<section id="audit"><h2>Client audit: retries and fallbacks</h2>${audit(packet)}</section>
${packet.traffic ? html`<section id="traffic"><h2>Production traffic</h2>${trafficSectionHtml(packet.traffic)}</section>` : ''}
${packet.scan ? html`<section id="scan"><h2>Code scan</h2>${scanSectionHtml(packet.scan, pill)}</section>` : ''}
${packet.comparison ? html`<section id="comparison"><h2>Changes since the earlier review</h2>${comparisonHtml(packet.comparison)}</section>` : ''}
<section id="record"><h2>Review record</h2>${reviewRecord(packet)}</section>
<section id="runbook"><h2>Runbook section</h2><ul>${packet.runbook.map((l) => html`<li>${l.todo ? html`<span class="todo">TODO</span> ` : ''}${l.text}</li>`)}</ul></section>
<section id="clauses"><h2>Clauses: source, implementation, validation, owner</h2>${clauseTable(packet)}</section>
<section id="checks"><h2>Checks</h2>${latencyChart(packet.checks)}<table><thead><tr><th>Check</th><th>Area</th><th>Status</th><th>Latency</th></tr></thead><tbody>${packet.checks.map((c) => html`<tr><td><code>${c.name}</code></td><td>${c.area}</td><td>${pill(c.status)}</td><td>${c.durationMs === null ? '' : `${c.durationMs} ms`}</td></tr>`)}</tbody></table></section>
<section id="waivers"><h2>Waivers</h2>${packet.waivers.length ? html`<table><thead><tr><th>Target</th><th>State</th><th>Expires</th><th>Approver</th><th>Justification</th><th>Covers</th></tr></thead><tbody>${packet.waivers.map((w) => html`<tr><td><code>${w.target}</code></td><td>${pill(w.state)}</td><td>${w.expires}</td><td>${w.approver}</td><td>${w.justification}</td><td>${w.covers.join(', ')}</td></tr>`)}</tbody></table>` : html`<p>No waivers.</p>`}</section>
<section id="rules"><h2>Rules of the review</h2><table><thead><tr><th>Rule</th><th>Effect</th><th>Status</th><th>The review says</th></tr></thead><tbody>${packet.rules.map((r) => html`<tr><td><code>${r.id}</code><br>${r.title}</td><td>${r.effect}</td><td>${pill(r.status)}</td><td><blockquote>${r.seed}</blockquote></td></tr>`)}</tbody></table></section>
<footer>Attach this packet to the incident or change record so the next operator can reproduce the decision. packet.json holds the same data.</footer>
</main>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html`${title}`}</title>
<style>${raw(CSS)}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
