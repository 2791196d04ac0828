/**
 * @module report/html-findings
 * The top of packet.html after the verdict: the reasons (each item once) and the findings that matter, most
 * serious first, with the handled ones summarised per clause.
 */

import { bySeverity, CLASS_LABEL, CLASS_TONE, isProblem, SEVERITY } from '../classify/index.js';
import { handledSummary, reasonDigests } from './digest.js';
import { breakable, html, prose, type SafeHtml } from './escape.js';
import { packetExchange } from './packet-exchange.js';
import type { Packet, PacketFinding } from './schema.js';
import { evidenceLines } from './text.js';

const pill = (tone: string, label: string): SafeHtml => html`<span class="pill ${tone}">${label}</span>`;

/** Each reason: the rule, its outcome, the items behind it (each once), and the review's words. */
export function reasonsHtml(packet: Packet): SafeHtml {
  const tone = (effect: string) =>
    packet.verdict === 'pass' ? 's-ok' : effect === 'escalate' ? 's-warn' : 's-bad';
  return html`<ol class="reasons">${reasonDigests(packet).map(
    (reason) =>
      html`<li>${pill(tone(reason.effect), reason.rule)} ${prose(reason.headline)}${
        reason.lines.length
          ? html`<ul>${reason.lines
              .slice(0, 10)
              .map(
                (line) =>
                  html`<li>${line.waivedBy ? html`${pill('s-warn', 'waived')} ` : ''}${
                    line.seeRule
                      ? html`<code>${line.ref}</code>: see <strong>${line.seeRule}</strong>`
                      : prose(line.message)
                  }${line.hint ? html`<br><span class="hint">to pass: ${prose(line.hint)}</span>` : ''}</li>`,
              )}${reason.lines.length > 10 ? html`<li>and ${reason.lines.length - 10} more (see the rules table)</li>` : ''}</ul>`
          : ''
      }<blockquote>${reason.seed}</blockquote></li>`,
  )}</ol>`;
}

function evidenceValue(value: unknown): SafeHtml {
  const lines = evidenceLines(value);
  return lines.length === 1
    ? html`${lines[0]}`
    : html`<ul class="plain">${lines.map((line) => html`<li>${line}</li>`)}</ul>`;
}

function card(f: PacketFinding, exchanges: Packet['exchanges']): SafeHtml {
  const e = f.evidence;
  const x = packetExchange({ exchanges }, f);
  const ids = [...new Set([e.requestId, x?.requestId].filter((id): id is string => !!id))];
  const kv: [string, SafeHtml | string][] = [
    [
      'class',
      html`${pill(`s-${CLASS_TONE[f.class]}`, CLASS_LABEL[f.class])}${f.waivedBy ? html` waived by <code>${f.waivedBy}</code>` : ''}`,
    ],
    ['area / clause', html`${f.area} / <code>${f.clause ?? 'none'}</code>`],
  ];
  if (f.reason) kv.push(['not run because', prose(f.reason)]);
  if (f.hint) kv.push(['to run it', prose(f.hint)]);
  if (e.expected !== undefined) kv.push(['expected', evidenceValue(e.expected)]);
  if (e.observed !== undefined) kv.push(['observed', evidenceValue(e.observed)]);
  if (ids.length) kv.push(['request id', ids.join(', ')]);
  if (x) {
    kv.push([
      'exchange',
      html`${x.request.method} ${breakable(x.request.url)} → ${x.response ? x.response.status : (x.error?.code ?? 'no response')} at ${x.startedAt}, ${x.timings.totalMs} ms`,
    ]);
  }
  const response = x?.response;
  // The raw answer matters for a discrepancy or a failure; elsewhere the status line says enough and
  // packet.json keeps the rest (no <details>: the page stays plain, printable markup).
  const label = response ? `Response ${response.status}${response.truncated ? ' (truncated)' : ''}` : '';
  const showRaw = isProblem(f.class);
  return html`<section class="finding c-${f.class} t-${CLASS_TONE[f.class]}"><h3><code>${f.key}</code></h3><p>${prose(f.message)}</p><dl class="kv">${kv.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>${e.reproducer ? html`<p class="meta">Reproducer (the key is shown as its reference):</p><pre>${e.reproducer}</pre>` : ''}${
    response
      ? showRaw
        ? html`<p class="meta">${label}:</p><pre>${Object.entries(response.headers)
            .map(([k, v]) => `${k}: ${v}\n`)
            .join('')}\n${response.body.slice(0, 4000)}</pre>`
        : html`<p class="meta">${label}: headers and body are in packet.json.</p>`
      : ''
  }</section>`;
}

/** Open findings in full, most serious first; the handled ones as one row per clause. */
export function findingsHtml(all: readonly PacketFinding[], exchanges?: Packet['exchanges']): SafeHtml {
  if (all.length === 0) return html`<p>No findings.</p>`;
  const counts = SEVERITY.map((cls) => [cls, all.filter((f) => f.class === cls).length] as const).filter(
    ([, n]) => n > 0,
  );
  const open = bySeverity(all).filter((f) => f.class !== 'documented-handled');
  const handled = handledSummary(all);
  const total = handled.reduce((sum, group) => sum + group.count, 0);
  return html`<p class="counts">${counts.map(([cls, n]) => html`${pill(`s-${CLASS_TONE[cls]}`, `${n} ${CLASS_LABEL[cls]}`)} `)}</p>${
    open.length ? open.map((f) => card(f, exchanges)) : html`<p>Every finding matches the documentation.</p>`
  }${
    handled.length
      ? html`<h3>Documented and handled: ${total} result(s) on ${handled.length} clause(s)</h3><table class="handled"><thead><tr><th>Clause</th><th>Results</th><th>Checks</th></tr></thead><tbody>${handled.map(
          (g) =>
            html`<tr><td>${g.clause ? html`<code>${g.clause}</code>` : `${g.area} (no clause)`}</td><td>${g.count}${g.waived ? html` (${g.waived} waived)` : ''}</td><td>${g.checks.join(', ')}</td></tr>`,
        )}</tbody></table>`
      : ''
  }`;
}
