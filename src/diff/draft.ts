/**
 * @module diff/draft
 * A change before its rule grades it: the rule id, the subject and the two values.
 */
import type { JsonValue } from '../contract/index.js';
import type { Change } from '../report/schema-comparison.js';
import type { DiffRuleId } from './rules.js';

export type Draft = Omit<Change, 'kind' | 'grade'> & { rule: DiffRuleId };

export function change(
  rule: DiffRuleId,
  subject: string,
  before: unknown,
  after: unknown,
  message: string,
): Draft {
  return {
    rule,
    subject,
    before: (before ?? null) as JsonValue,
    after: (after ?? null) as JsonValue,
    message,
  };
}
