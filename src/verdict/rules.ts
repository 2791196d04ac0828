/**
 * @module verdict/rules
 * Every rule of the verdict, in the order the packet lists them.
 */

import {
  contractOwned,
  endpointAuthTraceable,
  fallbackPreservesEvidence,
  limitsBillingDocumented,
  noRetryInvalidRequest,
  numericLimitsSourced,
  parserDocumentedFields,
} from './rules-fail.js';
import {
  areaImplementationEvidence,
  areaSourceEvidence,
  areaValidatedResults,
  reviewComplete,
} from './rules-pass.js';
import { SEED } from './seed.js';
import { findingKey, type Rule } from './types.js';

export const observedMatchesSource: Rule = {
  id: 'observed-matches-source',
  title: 'Observed behaviour matches the source',
  effect: 'escalate',
  seed: SEED.escalate,
  evaluate: ({ findings }) =>
    findings
      .filter((finding) => finding.class === 'unexpected')
      .map((finding) => ({
        kind: 'finding' as const,
        ref: findingKey(finding),
        clause: finding.clause,
        message: finding.message,
      })),
};

/** The rules, pass conditions first, then fail criteria, then escalation. */
export const RULES: readonly Rule[] = [
  reviewComplete,
  areaSourceEvidence,
  areaImplementationEvidence,
  areaValidatedResults,
  endpointAuthTraceable,
  parserDocumentedFields,
  noRetryInvalidRequest,
  fallbackPreservesEvidence,
  limitsBillingDocumented,
  contractOwned,
  numericLimitsSourced,
  observedMatchesSource,
];
