/**
 * @module verdict/verdict
 * Findings and the contract in, pass / fail / escalate out, with the rules and findings that decided it. Pure:
 * the date is passed in.
 */

import { EXIT } from '../exit.js';
import { hintFor } from './hints.js';
import { RULES } from './rules.js';
import type { Reason, Rule, RuleItem, RuleResult, Verdict, VerdictInput, VerdictResult } from './types.js';
import { applyWaivers } from './waivers.js';

/** Exit code of each verdict (DESIGN: stable, documented). */
export const VERDICT_EXIT_CODE = {
  pass: EXIT.pass,
  fail: EXIT.fail,
  escalate: EXIT.escalate,
} as const satisfies Record<Verdict, number>;

/**
 * Judges a review. Escalation wins over failure: a discrepancy with the source must reach the provider even
 * when the integration also has gaps of its own, and the reasons list both.
 */
export function judge(input: VerdictInput, rules: readonly Rule[] = RULES): VerdictResult {
  const waivers = input.contract.ledger.waivers;
  const evaluated = rules.map((rule) => ({
    rule,
    raw: rule.evaluate(input).map((item) => withHint(rule.id, item, input)),
  }));
  const results: RuleResult[] = evaluated.map(({ rule, raw }) => {
    const { items } = applyWaivers(waivers, raw, input.today);
    return {
      id: rule.id,
      title: rule.title,
      effect: rule.effect,
      seed: rule.seed,
      status: items.length === 0 ? 'satisfied' : items.every((item) => item.waivedBy) ? 'waived' : 'violated',
      items,
    };
  });
  const violated = results.filter((result) => result.status === 'violated');
  const verdict: Verdict = violated.some((r) => r.effect === 'escalate')
    ? 'escalate'
    : violated.length > 0
      ? 'fail'
      : 'pass';
  const waiverStatuses = applyWaivers(
    waivers,
    evaluated.flatMap(({ raw }) => raw),
    input.today,
  ).statuses;
  return {
    verdict,
    incomplete: Boolean(input.incomplete),
    reasons: verdict === 'pass' ? passReasons(results) : violated.map(reasonOf),
    rules: results,
    waivers: waiverStatuses,
  };
}

function withHint(rule: string, item: RuleItem, input: VerdictInput): RuleItem {
  if (item.hint) return item;
  const hint = hintFor(rule, item, input.contract, input.findings);
  return hint ? { ...item, hint } : item;
}

function reasonOf(result: RuleResult): Reason {
  const open = result.items.filter((item) => !item.waivedBy);
  return {
    rule: result.id,
    effect: result.effect,
    seed: result.seed,
    title: result.title,
    outcome: 'not met',
    message: `${result.title}: not met. ${summarize(open)}`,
    clauses: unique(open.flatMap(clauseRefs)),
    findings: unique(open.filter((item) => item.kind === 'finding').map((item) => item.ref)),
    hints: unique(open.flatMap((item) => (item.hint ? [item.hint] : []))),
  };
}

/** A pass is decided by every rule holding; waived rules are listed too, since a waiver is part of the decision. */
function passReasons(results: readonly RuleResult[]): Reason[] {
  return results
    .filter((result) => result.effect === 'required-for-pass' || result.status === 'waived')
    .map((result) => ({
      rule: result.id,
      effect: result.effect,
      seed: result.seed,
      title: result.title,
      outcome: result.status === 'waived' ? ('waived' as const) : ('met' as const),
      message:
        result.status === 'waived'
          ? `${result.title}: waived (${unique(result.items.map((i) => i.waivedBy ?? '')).join(', ')})`
          : `${result.title}: met.`,
      clauses: unique(result.items.flatMap(clauseRefs)),
      findings: unique(result.items.filter((item) => item.kind === 'finding').map((item) => item.ref)),
      hints: [],
    }));
}

function clauseRefs(item: RuleItem): string[] {
  if (item.kind === 'clause') return [item.ref];
  return item.kind === 'finding' && item.clause ? [item.clause] : [];
}

function summarize(items: readonly RuleItem[]): string {
  const shown = items.slice(0, 3).map((item) => item.message);
  const more = items.length > 3 ? ` (and ${items.length - 3} more)` : '';
  return `${shown.join('; ')}${more}`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
