/**
 * @module contract/init
 * Builds a new ledger: every catalogue clause with a placeholder value and a slot for its source. Pure.
 */
import { Document } from 'yaml';
import { CATALOGUE, SOURCE_IDS } from './catalogue.js';
import type { Clause, LedgerInput, NamedSource } from './schema.js';

export const SCHEMA_URL = 'https://chatproof.dev/schema/ledger-v1.json';

/** The three documentation sources the operator review names, with slots to fill. */
export function placeholderSources(): Record<string, NamedSource> {
  return {
    [SOURCE_IDS.chatDocs]: {
      title: 'CometAPI chat API documentation',
      url: '<CHAT_API_DOCUMENTATION_URL>',
      accessed: '<ACCESS_DATE>',
      purpose: 'Primary source: endpoint, auth, request, response and error contract.',
    },
    [SOURCE_IDS.docsIndex]: {
      title: 'CometAPI documentation index',
      url: '<DOCUMENTATION_INDEX_URL>',
      accessed: '<ACCESS_DATE>',
      purpose: 'Documentation context, related API references, limits and billing.',
    },
    [SOURCE_IDS.helpCenter]: {
      title: 'CometAPI help center',
      url: '<HELP_CENTER_URL>',
      accessed: '<ACCESS_DATE>',
      purpose: 'Support and escalation path for contract discrepancies.',
    },
  };
}

/** A ledger with every clause pending. `overrides` replaces catalogue clauses by id (e.g. from OpenAPI). */
export function initialLedger(
  overrides: readonly Clause[] = [],
  extraSources: Record<string, NamedSource> = {},
) {
  const byId = new Map(overrides.map((clause) => [clause.id, clause]));
  const clauses: Clause[] = CATALOGUE.map((entry) => {
    const override = byId.get(entry.id);
    if (override) return override;
    const clause: Clause = {
      id: entry.id,
      area: entry.area,
      statement: entry.statement,
      value: entry.placeholder,
      source: { ref: entry.source, quote: '<QUOTED_PASSAGE>' },
      implementation: entry.evidence.map((kind) => ({
        kind: kind as Clause['implementation'][number]['kind'],
        location: `<${kind.toUpperCase()}_LOCATION>`,
      })),
      owner: '<TEAM_OR_PERSON>',
    };
    if (entry.basis) clause.basis = entry.basis;
    return clause;
  });
  for (const clause of overrides)
    if (!CATALOGUE.some((entry) => entry.id === clause.id)) clauses.push(clause);
  const ledger: LedgerInput = {
    version: 1,
    review: {
      id: '<INCIDENT_OR_CHANGE_ID>',
      application: '<APPLICATION_NAME>',
      environment: '<ENVIRONMENT>',
      owner: '<INTEGRATION_OWNER>',
      deployVersion: '<DEPLOY_VERSION_OR_COMMIT_SHA>',
      configSource: '<CONFIG_SOURCE_FOR_BASE_URL_AND_PATH>',
      docsReviewedOn: '<DATE_OF_DOCUMENTATION_REVIEW>',
      reviewer: '<REVIEWER_NAME>',
      captures: [],
    },
    sources: { ...placeholderSources(), ...extraSources },
    clauses,
    waivers: [],
  };
  return ledger;
}

/** Renders a ledger as YAML with the schema line editors use for autocompletion. */
export function renderLedgerYaml(ledger: LedgerInput, schemaUrl = SCHEMA_URL): string {
  const doc = new Document(ledger);
  doc.commentBefore =
    ` chatproof ledger: every production assumption, its source, its implementation and its owner.\n` +
    ` Values written <LIKE_THIS> are pending: chatproof never guesses them and never passes them.`;
  return `# yaml-language-server: $schema=${schemaUrl}\n${doc.toString({ lineWidth: 0 })}`;
}
