/**
 * @module report/html-svg
 * The packet's two charts as inline SVG: latency per check, and the attempt timeline of the client audit.
 * Drawn from numbers only; every label is escaped.
 */
import { CLASS_TONE } from '../classify/index.js';
import { html, type SafeHtml } from './escape.js';
import type { CheckRow, Packet } from './schema.js';

const WIDTH = 760;
const LABEL = 250;
const ROW = 22;
const PLOT = WIDTH - LABEL - 70;

const clip = (text: string, max = 38): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const round = (n: number): string => (Math.round(n * 10) / 10).toString();

/** Horizontal bars: total time of the check's slowest exchange, time to first byte drawn inside it. */
export function latencyChart(checks: readonly CheckRow[]): SafeHtml {
  const timed = checks.filter((check) => check.durationMs !== null);
  if (timed.length === 0) return html`<p class="meta">No check made a timed exchange.</p>`;
  const max = Math.max(1, ...timed.map((check) => check.durationMs ?? 0));
  const height = timed.length * ROW + 30;
  const scale = (ms: number) => (ms / max) * PLOT;
  const rows = timed.map((check, index) => {
    const y = 10 + index * ROW;
    const total = check.durationMs ?? 0;
    const first = check.firstByteMs;
    return html`<g><title>${check.name}: ${round(total)} ms total${first === null ? '' : `, ${round(first)} ms to first byte`}</title>
<text x="${LABEL - 8}" y="${y + 14}" text-anchor="end">${clip(check.name)}</text>
<rect class="bar-total" x="${LABEL}" y="${y + 3}" width="${round(Math.max(1, scale(total)))}" height="14"></rect>
${first === null ? '' : html`<rect class="bar-first" x="${LABEL}" y="${y + 3}" width="${round(Math.max(1, scale(first)))}" height="14"></rect>`}
<text x="${round(LABEL + scale(total) + 6)}" y="${y + 14}">${round(total)} ms</text></g>`;
  });
  const axisY = 10 + timed.length * ROW + 4;
  return html`<svg viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="Latency per check">
<line class="axis" x1="${LABEL}" y1="6" x2="${LABEL}" y2="${axisY}"></line>
${rows}
<text x="${LABEL}" y="${axisY + 14}">0</text><text x="${LABEL + PLOT}" y="${axisY + 14}" text-anchor="end">${round(max)} ms</text>
</svg>`;
}

/** One row per scenario: a dot per attempt at the time it started, from the waits between attempts. */
export function attemptTimeline(audit: NonNullable<Packet['audit']>): SafeHtml {
  if (audit.scenarios.length === 0) return html`<p class="meta">The audit ran no scenario.</p>`;
  const starts = audit.scenarios.map((scenario) => {
    // A scenario that never reached the proxy has no attempt to draw.
    const times: number[] = scenario.attempts > 0 ? [0] : [];
    for (let i = 1; i < scenario.attempts; i++)
      times.push((times[i - 1] ?? 0) + (scenario.delaysMs[i - 1] ?? 0));
    return times;
  });
  const max = Math.max(1, ...starts.flat());
  const height = audit.scenarios.length * ROW + 30;
  const x = (ms: number) => LABEL + (ms / max) * PLOT;
  const rows = audit.scenarios.map((scenario, index) => {
    const y = 10 + index * ROW + 10;
    const times = starts[index] ?? [];
    const last = times.at(-1) ?? 0;
    const dot = `dot-${CLASS_TONE[scenario.class]}`;
    return html`<g><title>${scenario.name}: ${scenario.attempts} attempt(s), waits ${scenario.delaysMs.map(round).join(', ') || 'none'} ms</title>
<text x="${LABEL - 8}" y="${y + 4}" text-anchor="end">${clip(scenario.name)}</text>
<line class="track" x1="${round(x(0))}" y1="${y}" x2="${round(x(last))}" y2="${y}"></line>
${times.map((t) => html`<circle class="${dot}" cx="${round(x(t))}" cy="${y}" r="5"></circle>`)}
<text x="${round(x(last) + 10)}" y="${y + 4}">${scenario.attempts > 0 ? `${scenario.attempts}×` : scenario.class === 'not-run' ? 'not run' : 'no attempt'}</text></g>`;
  });
  const axisY = 10 + audit.scenarios.length * ROW + 4;
  return html`<svg viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="Client audit attempt timeline">
<line class="axis" x1="${LABEL}" y1="6" x2="${LABEL}" y2="${axisY}"></line>
${rows}
<text x="${LABEL}" y="${axisY + 14}">0 ms</text><text x="${LABEL + PLOT}" y="${axisY + 14}" text-anchor="end">${round(max)} ms</text>
</svg>`;
}
