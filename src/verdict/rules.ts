/**
 * @module verdict/rules
 * Every rule of the verdict, in the order the packet lists them.
 */

import { SEED } from '../seed.js';
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

/**
 * The target answered as a misconfigured one would (a rejected key, a base URL without its prefix, a server that
 * is not the API): the review fails on the operator's side; the provider is not asked about it.
 */
export const targetConfigured: Rule = {
  id: 'target-configured',
  title: 'Base URL and key reach the API',
  effect: 'fail',
  seed: SEED.configVerified,
  evaluate: ({ findings }) =>
    findings
      .filter((finding) => finding.class === 'configuration')
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
  targetConfigured,
  endpointAuthTraceable,
  parserDocumentedFields,
  noRetryInvalidRequest,
  fallbackPreservesEvidence,
  limitsBillingDocumented,
  contractOwned,
  numericLimitsSourced,
  observedMatchesSource,
];
