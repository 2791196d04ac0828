/**
 * @module diff/diff
 * `diffPackets(base, head)`: every change between two reviews, each graded by one rule of `DIFF_RULES`. Pure.
 * The order is stable (kind, then subject) so the same two packets always give the same bytes.
 */
import { CLAUSE } from '../contract/index.js';
import type { Packet } from '../report/index.js';
import { CHANGE_KINDS, type Change, type Comparison } from '../report/schema-comparison.js';
import { VERDICTS } from '../verdict/index.js';
import { change, type Draft } from './draft.js';
import { CLASS_RANK, type Latency, observe, type PacketView } from './observe.js';
import { DIFF_RULES } from './rules.js';
import { shapeChanges } from './shape-changes.js';

function negativeChanges(base: PacketView, head: PacketView): Draft[] {
  const out: Draft[] = [];
  for (const [name, before] of base.negatives) {
    const after = head.negatives.get(name);
    if (!after) continue;
    const subject = `negative: ${name}`;
    if (before.status !== after.status) {
      out.push(
        change(
          'error-status-changed',
          subject,
          before.status,
          after.status,
          `${name} answered ${after.status ?? 'no status'}, was ${before.status ?? 'no status'}`,
        ),
      );
    }
    if (before.envelope && !after.envelope) {
      out.push(
        change(
          'error-envelope-changed',
          subject,
          'json',
          'not json',
          `${name}'s error body is no longer JSON`,
        ),
      );
      continue;
    }
    if (!before.envelope || !after.envelope) continue;
    const lost = [...before.envelope.paths.keys()].filter((path) => !after.envelope?.paths.has(path));
    const gained = [...after.envelope.paths.keys()].filter((path) => !before.envelope?.paths.has(path));
    if (lost.length > 0)
      out.push(
        change('error-envelope-changed', subject, lost, null, `${name}'s error body lost ${lost.join(', ')}`),
      );
    for (const field of ['type', 'code'] as const) {
      if (before[field] !== after[field] && before[field] !== null && after[field] !== null) {
        out.push(
          change(
            'error-envelope-changed',
            `${subject}: error.${field}`,
            before[field],
            after[field],
            `${name}'s error.${field} is ${after[field]}, was ${before[field]}`,
          ),
        );
      }
    }
    if (gained.length > 0)
      out.push(
        change(
          'error-envelope-extended',
          subject,
          null,
          gained,
          `${name}'s error body gained ${gained.join(', ')}`,
        ),
      );
  }
  return out;
}

function findingChanges(base: PacketView, head: PacketView): Draft[] {
  const out: Draft[] = [];
  for (const [key, { class: before }] of base.findings) {
    const now = head.findings.get(key);
    const subject = `finding: ${key}`;
    if (now === undefined) {
      out.push(change('finding-gone', subject, before, null, `${key} is no longer reported`));
      continue;
    }
    const after = now.class;
    if (CLASS_RANK[after] > CLASS_RANK[before]) {
      out.push(
        change(
          after === 'unexpected' ? 'finding-now-unexpected' : 'finding-worse',
          subject,
          before,
          after,
          `${key} is now ${after}, was ${before}: ${now.message}`,
        ),
      );
    } else if (CLASS_RANK[after] < CLASS_RANK[before]) {
      out.push(change('finding-better', subject, before, after, `${key} is now ${after}, was ${before}`));
    }
  }
  for (const [key, now] of head.findings) {
    if (base.findings.has(key)) continue;
    const rule =
      now.class === 'unexpected'
        ? 'new-unexpected-finding'
        : now.class === 'documented-handled'
          ? 'new-handled-finding'
          : 'new-open-finding';
    out.push(
      change(rule, `finding: ${key}`, null, now.class, `${key} is new (${now.class}): ${now.message}`),
    );
  }
  return out;
}

function auditChanges(base: PacketView, head: PacketView): Draft[] {
  const out: Draft[] = [];
  for (const [name, before] of base.audit) {
    const after = head.audit.get(name);
    if (!after) continue;
    const subject = `audit: ${name}`;
    for (const [rule, ok] of before.rules) {
      const now = after.rules.get(rule);
      if (now === undefined || now === ok) continue;
      out.push(
        change(
          now ? 'audit-rule-fixed' : 'audit-rule-broken',
          `${subject}: ${rule}`,
          ok,
          now,
          `${rule} ${now ? 'now holds' : 'now breaks'} under ${name}`,
        ),
      );
    }
    if (before.attempts !== after.attempts) {
      out.push(
        change(
          'audit-attempts-changed',
          subject,
          before.attempts,
          after.attempts,
          `${name}: ${after.attempts} attempt(s), was ${before.attempts}`,
        ),
      );
    }
    const a = before.medianWaitMs;
    const b = after.medianWaitMs;
    // Backoff jitter moves waits by a quarter or so from run to run; only a larger move is a change.
    if (a !== null && b !== null && Math.abs(b - a) > 100 && Math.abs(b - a) > a / 2) {
      out.push(change('audit-waits-changed', subject, a, b, `${name}: median wait ${b} ms, was ${a} ms`));
    }
  }
  return out;
}

function moved(a: number | null, b: number | null): boolean {
  return a !== null && b !== null && Math.abs(b - a) > 5 && Math.abs(b - a) > a * 0.2;
}

function latencyChanges(base: Latency, head: Latency): Draft[] {
  const shown = (l: Latency) => ({ n: l.n, medianMs: l.medianMs, p95Ms: l.p95Ms });
  const text = (l: Latency) => `median ${l.medianMs} ms, p95 ${l.p95Ms} ms (n=${l.n})`;
  const message = `${text(head)}, was ${text(base)}`;
  if (
    base.p95Ms !== null &&
    head.p95Ms !== null &&
    head.p95Ms >= 2 * base.p95Ms &&
    head.p95Ms - base.p95Ms >= 250
  )
    return [change('latency-p95-doubled', 'latency: every exchange', shown(base), shown(head), message)];
  if (moved(base.medianMs, head.medianMs) || moved(base.p95Ms, head.p95Ms))
    return [change('latency-shifted', 'latency: every exchange', shown(base), shown(head), message)];
  return [];
}

function modelChanges(base: PacketView, head: PacketView): Draft[] {
  const out: Draft[] = [];
  const requestedChanged = base.requestedModel !== head.requestedModel;
  if (requestedChanged && base.requestedModel !== null && head.requestedModel !== null) {
    out.push(
      change(
        'model-id-changed',
        'clause: request.model-id',
        JSON.parse(base.requestedModel),
        JSON.parse(head.requestedModel),
        `request.model-id is ${head.requestedModel}, was ${base.requestedModel}`,
      ),
    );
  }
  if (base.echoedModel !== null && head.echoedModel !== null && base.echoedModel !== head.echoedModel) {
    out.push(
      change(
        requestedChanged ? 'echoed-model-followed' : 'echoed-model-changed',
        'probe: model',
        base.echoedModel,
        head.echoedModel,
        `the response names ${head.echoedModel}, was ${base.echoedModel}`,
      ),
    );
  }
  return out;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function clauseChanges(base: PacketView, head: PacketView): Draft[] {
  const out: Draft[] = [];
  for (const [id, before] of base.clauses) {
    const after = head.clauses.get(id);
    const subject = `clause: ${id}`;
    if (!after) {
      out.push(change('clause-removed', subject, before.value, null, `${id} is no longer in the ledger`));
      continue;
    }
    // request.model-id has its own rule.
    if (id !== CLAUSE.modelId && !same(before.value, after.value)) {
      out.push(
        change(
          after.pending && !before.pending ? 'clause-now-pending' : 'clause-value-changed',
          subject,
          before.value,
          after.value,
          `${id} is ${JSON.stringify(after.value)}, was ${JSON.stringify(before.value)}`,
        ),
      );
    }
    const s = before.source;
    const t = after.source;
    if (s?.quote !== t?.quote || s?.url !== t?.url) {
      out.push(
        change(
          'source-quote-changed',
          `${subject}: source`,
          s ? { url: s.url, quote: s.quote } : null,
          t ? { url: t.url, quote: t.quote } : null,
          `${id} cites ${t?.url ?? 'nothing'}${t?.quote ? ` "${t.quote}"` : ''}`,
        ),
      );
    } else if (!same(s, t)) {
      out.push(change('clause-source-changed', `${subject}: source`, s, t, `${id}'s source record changed`));
    }
    if (before.owner !== after.owner) {
      out.push(
        change(
          'clause-owner-changed',
          `${subject}: owner`,
          before.owner,
          after.owner,
          `${id} is owned by ${after.owner ?? 'nobody'}, was ${before.owner ?? 'nobody'}`,
        ),
      );
    }
  }
  for (const [id, after] of head.clauses) {
    if (!base.clauses.has(id))
      out.push(change('clause-added', `clause: ${id}`, null, after.value, `${id} is new in the ledger`));
  }
  for (const [url, before] of base.sourceHashes) {
    const after = head.sourceHashes.get(url);
    if (after !== undefined && after !== before)
      out.push(change('source-hash-changed', `source: ${url}`, before, after, `${url} hashes differently`));
  }
  return out;
}

function verdictChanges(base: Packet, head: Packet): Draft[] {
  const rank = (v: string) => VERDICTS.indexOf(v as (typeof VERDICTS)[number]);
  if (base.verdict === head.verdict) return [];
  // pass, fail, escalate: escalate is further from pass, since observed behaviour contradicts a source.
  const worse = rank(head.verdict) > rank(base.verdict);
  return [
    change(
      worse ? 'verdict-worse' : 'verdict-better',
      'verdict',
      base.verdict,
      head.verdict,
      `the verdict is ${head.verdict}, was ${base.verdict}`,
    ),
  ];
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Reference to a stored review, as the comparison names it. */
export interface ReviewRef {
  id: string;
  generatedAt: string;
  verdict: string;
}

/** Every change from `base` (the earlier review) to `head`, graded. `headRef` null: head is the packet itself. */
export function diffPackets(
  base: { ref: ReviewRef; packet: Packet },
  head: { ref: ReviewRef | null; packet: Packet },
): Comparison {
  const a = observe(base.packet);
  const b = observe(head.packet);
  const drafts = [
    ...verdictChanges(base.packet, head.packet),
    ...shapeChanges('probe response', a.json, b.json, b),
    ...shapeChanges('probe stream chunk', a.stream, b.stream, b),
    ...negativeChanges(a, b),
    ...findingChanges(a, b),
    ...auditChanges(a, b),
    ...latencyChanges(a.latency, b.latency),
    ...modelChanges(a, b),
    ...clauseChanges(a, b),
  ];
  const changes: Change[] = drafts
    .map((draft) => {
      const rule = DIFF_RULES[draft.rule];
      return { kind: rule.kind, grade: rule.grade, ...draft };
    })
    .sort(
      (x, y) =>
        CHANGE_KINDS.indexOf(x.kind) - CHANGE_KINDS.indexOf(y.kind) ||
        compare(x.subject, y.subject) ||
        compare(x.rule, y.rule),
    );
  const count = (grade: Change['grade']) => changes.filter((c) => c.grade === grade).length;
  return {
    base: { ...base.ref },
    head: head.ref ? { ...head.ref } : null,
    summary: { breaking: count('breaking'), warning: count('warning'), info: count('info') },
    changes,
  };
}
