/**
 * @module report/html-css
 * The packet's only stylesheet, inline. A document for print first: white page, dark text, tables that break
 * between rows, status colours that survive greyscale because every status is also written out.
 */
export const CSS = `
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa;
  --pass: #1a7f37; --fail: #cf222e; --escalate: #9a6700; --notrun: #6e7781; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 14px/1.5 -apple-system, "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1080px; margin: 0 auto; padding: 32px 40px 64px; }
header.doc { border-bottom: 3px solid var(--ink); padding-bottom: 16px; margin-bottom: 24px; }
header.doc .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); margin: 0; }
h1 { font-size: 26px; margin: 4px 0 8px; }
h2 { font-size: 18px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); break-after: avoid; }
h3 { font-size: 15px; margin: 20px 0 6px; break-after: avoid; }
p.meta { color: var(--muted); margin: 0; font-size: 12px; }
.verdict { display: flex; gap: 16px; align-items: center; margin: 16px 0 0; padding: 12px 16px; border: 2px solid; border-radius: 6px; }
.verdict strong { font-size: 22px; letter-spacing: .06em; }
.verdict.pass { border-color: var(--pass); color: var(--pass); }
.verdict.fail { border-color: var(--fail); color: var(--fail); }
.verdict.escalate { border-color: var(--escalate); color: var(--escalate); }
.verdict span { color: var(--ink); }
.banner { margin: 12px 0 0; padding: 8px 12px; background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; }
table { width: 100%; border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
th { background: var(--soft); font-weight: 600; overflow-wrap: normal; }
th[scope=row] { width: 240px; }
table.clauses { table-layout: fixed; }
table.clauses col.c-id { width: 22%; } table.clauses col.c-value { width: 14%; } table.clauses col.c-source { width: 25%; }
table.clauses col.c-impl { width: 16%; } table.clauses col.c-valid { width: 12%; } table.clauses col.c-owner { width: 11%; }
/* Words wrap between words; only code tokens (paths, URLs, ids) may break inside, and <wbr> marks their joints. */
table.clauses code, dl.kv dd code { overflow-wrap: anywhere; }
span.meta { color: var(--muted); font-size: 12px; }
table.clauses blockquote { font-size: 12px; }
tr { break-inside: avoid; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12px; }
code { background: var(--soft); padding: 1px 4px; border-radius: 4px; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; white-space: pre-wrap; overflow-wrap: anywhere; break-inside: avoid; }
blockquote { margin: 4px 0 0; padding: 0 0 0 10px; border-left: 3px solid var(--line); color: var(--muted); font-style: italic; }
ol.reasons > li { margin-bottom: 10px; }
.hint { color: #1d4f91; }
.pill { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600; border: 1px solid; white-space: nowrap; }
.s-ok { color: var(--pass); border-color: var(--pass); }
.s-bad { color: var(--fail); border-color: var(--fail); }
.s-warn { color: var(--escalate); border-color: var(--escalate); }
.s-none { color: var(--notrun); border-color: var(--notrun); }
.s-info { color: #0969da; border-color: #0969da; }
p.counts .pill { margin: 0 4px 4px 0; }
ul.plain { margin: 0; padding-left: 18px; }
table.handled { font-size: 12px; } table.handled td:first-child { white-space: nowrap; }
.todo { color: var(--fail); font-weight: 600; }
.area-head td { background: var(--soft); font-weight: 600; text-transform: uppercase; font-size: 11px; letter-spacing: .06em; }
.finding { border: 1px solid var(--line); border-left-width: 4px; border-radius: 6px; padding: 8px 12px; margin: 10px 0; break-inside: avoid; }
.finding.t-ok { border-left-color: var(--pass); }
.finding.t-bad { border-left-color: var(--fail); }
.finding.t-warn { border-left-color: var(--escalate); }
.finding.t-none { border-left-color: var(--notrun); }
.finding.t-info { border-left-color: #0969da; }
.finding h3 { margin: 0 0 4px; }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0; }
dl.kv dt { color: var(--muted); }
dl.kv dd { margin: 0; overflow-wrap: break-word; min-width: 0; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font: 11px -apple-system, "Segoe UI", Arial, sans-serif; fill: var(--ink); }
svg .axis { stroke: var(--line); }
svg .bar-total { fill: #8c959f; }
svg .bar-first { fill: #424a53; }
svg .track { stroke: #afb8c1; stroke-width: 2; }
svg .dot-ok { fill: var(--pass); }
svg .dot-bad { fill: var(--fail); }
svg .dot-warn { fill: var(--escalate); }
svg .dot-info { fill: #0969da; }
svg .dot-none { fill: var(--notrun); }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
@media print {
  main { max-width: none; padding: 0; }
  body { font-size: 11px; }
  h2 { break-before: auto; }
  a { color: inherit; text-decoration: none; }
}
@page { margin: 16mm 14mm; }
`;
